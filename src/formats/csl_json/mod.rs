//! CSL-JSON (spec/FORMATS.md §6, schema spec/csl-data.json). (Skeleton: the CSL-JSON issue
//! fills it in.)

use crate::formats::{FormatOutput, SyntaxError};
use crate::source::FileId;

/// The JSON syntax tree with spans.
#[derive(Debug, Default)]
pub struct CslFile {}

/// Parses a CSL-JSON file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<CslFile> {
    let _ = (file, text);
    FormatOutput { ast: CslFile::default(), syntax: Vec::<SyntaxError>::new(), records: Vec::new() }
}

/// Whether JSON text looks like CSL-JSON: an array of objects (or one object) with a `type`
/// and an `id` or `title`.
#[must_use]
pub fn looks_like_csl_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with('[') || t.starts_with('{'))
        && t.contains("\"type\"")
        && (t.contains("\"id\"") || t.contains("\"title\""))
}
