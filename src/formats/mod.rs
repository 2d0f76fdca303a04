//! Format-specific parsers, lowering and encoding.

pub mod bibtex;
