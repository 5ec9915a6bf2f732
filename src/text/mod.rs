//! The one place that knows the mess of text copied from CQC's website: BOM, CRLF, non-breaking
//! spaces, curly quotes, dashes, markdown `**bold**`; title keys; the grammars of numbers,
//! money, dates and financial years; and case-blind phrase search.
//!
//! Normalisation is for matching only: the model keeps the original text, and [`Normalized`]
//! keeps a map back to it.

pub(crate) mod grammar;
pub(crate) mod key;
mod locations;
mod normalize;
pub(crate) mod search;

pub(crate) use locations::Locations;
pub(crate) use normalize::{Normalized, normalize};
