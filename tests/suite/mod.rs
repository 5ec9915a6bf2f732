mod cohort;
mod compare;
mod corpus;
mod fixtures;
mod identity;
mod lossless;
mod roundtrip;
pub(crate) mod util;
