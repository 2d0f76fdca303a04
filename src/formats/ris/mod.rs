//! RIS (spec/FORMATS.md §5). (Skeleton: the RIS/Refer issue fills it in.)

use crate::formats::{FormatOutput, SyntaxError};
use crate::source::FileId;

/// The RIS syntax tree (spanned tag lines, grouped in records).
#[derive(Debug, Default)]
pub struct RisFile {}

/// Parses a RIS file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<RisFile> {
    let _ = (file, text);
    FormatOutput { ast: RisFile::default(), syntax: Vec::<SyntaxError>::new(), records: Vec::new() }
}

/// Whether text looks like RIS: a `TY  - ` line near the top.
#[must_use]
pub fn looks_like_ris(text: &str) -> bool {
    text.lines().take(50).any(|l| l.trim_start_matches('\u{feff}').starts_with("TY  -"))
}
