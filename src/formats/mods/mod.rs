//! MODS XML (spec/FORMATS.md §1): parsed with roxmltree (DTDs off), lowered to records.
//! (Skeleton: the MODS issue fills it in.)

use crate::formats::{FormatOutput, SyntaxError};
use crate::source::FileId;

/// The MODS syntax tree (owned, spanned).
#[derive(Debug, Default)]
pub struct ModsFile {}

/// Parses a MODS file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<ModsFile> {
    let _ = (file, text);
    FormatOutput { ast: ModsFile::default(), syntax: Vec::<SyntaxError>::new(), records: Vec::new() }
}

/// Whether XML text is MODS: the MODS namespace on the root or a descendant (METS).
#[must_use]
pub fn looks_like_mods(text: &str) -> bool {
    text.contains("http://www.loc.gov/mods/v3")
}
