//! Report text to [`crate::Report`]: all nom code lives here, private except the entry points.

pub(crate) mod text;
