mod assessment;
mod catalogue;
#[cfg(feature = "cli")]
mod cli;
mod cohort;
mod compare;
mod corpus;
mod coverage;
mod errors;
mod fixtures;
mod generated;
mod identity;
mod json;
mod limits;
mod loaders;
mod lossless;
mod metrics_camden;
mod metrics_fixtures;
mod pages;
mod paraphrases;
mod peers;
mod periods;
mod regressions;
mod robustness;
mod roundtrip;
#[cfg(feature = "serde")]
mod serde_roundtrip;
mod ties;
pub(crate) mod util;
