mod corpus;
mod lossless;
mod roundtrip;
pub(crate) mod util;
