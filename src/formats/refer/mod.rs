//! EndNote Refer tagged text (spec/FORMATS.md §4). (Skeleton: the RIS/Refer issue fills it in.)

use crate::formats::{FormatOutput, SyntaxError};
use crate::source::FileId;

/// The Refer syntax tree (spanned tag lines, grouped in records).
#[derive(Debug, Default)]
pub struct ReferFile {}

/// Parses a Refer file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<ReferFile> {
    let _ = (file, text);
    FormatOutput { ast: ReferFile::default(), syntax: Vec::<SyntaxError>::new(), records: Vec::new() }
}

/// Whether text looks like Refer: a `%0 ` line near the top.
#[must_use]
pub fn looks_like_refer(text: &str) -> bool {
    text.lines().take(50).any(|l| l.trim_start_matches('\u{feff}').starts_with("%0 "))
}
