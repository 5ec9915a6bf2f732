mod compare;
mod corpus;
mod fixtures;
mod json;
mod lossless;
mod metrics_camden;
mod metrics_fixtures;
mod roundtrip;
pub(crate) mod util;
