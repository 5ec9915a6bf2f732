//! All integration tests build as one binary (faster to link, one place for helpers).

mod suite;
