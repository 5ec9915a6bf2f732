mod compare;
mod corpus;
mod fixtures;
mod lossless;
mod roundtrip;
pub(crate) mod util;
