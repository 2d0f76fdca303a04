//! MODS XML (spec/FORMATS.md §1): parsed with roxmltree (DTDs off) into an owned, spanned tree
//! ([`ModsFile`]), lowered to records (FORMATS §8). The schema tables CL401 checks against are
//! in [`schema`], generated from the MODS 3.8 XSD.

pub mod lower;
mod parse;
pub mod schema;
pub mod tree;

pub use tree::{Attribute, Comment, Element, ElementId, ModsFile, Text, MODS_NS};

use crate::formats::FormatOutput;
use crate::source::FileId;

/// Parses a MODS file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<ModsFile> {
    let (ast, syntax) = parse::parse_tree(file, text);
    let records = lower::lower(&ast);
    FormatOutput { ast, syntax, records }
}

/// Whether XML text is MODS: the MODS namespace on the root or a descendant (METS).
#[must_use]
pub fn looks_like_mods(text: &str) -> bool {
    text.contains(MODS_NS)
}
