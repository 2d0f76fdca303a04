//! Recognizing a file's format by extension and content (DESIGN §8).

use std::path::Path;

use crate::model::Format;

/// The format of a file, from its extension, else its content. `None`: not a format we read.
#[must_use]
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("bib" | "bibtex" | "biblatex")) {
        return Some(Format::Bibtex);
    }
    from_content(text)
}

/// Guesses the format from the first non-blank content.
#[must_use]
pub fn from_content(text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let looks_bibtex = head.starts_with('@')
        || text.lines().take(200).any(|l| {
            let l = l.trim_start();
            l.starts_with('@') && l.get(1..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
        });
    looks_bibtex.then_some(Format::Bibtex)
}

/// Parses a `--format` value.
#[must_use]
pub fn by_name(name: &str) -> Option<Format> {
    match name {
        "bibtex" | "biblatex" | "bib" => Some(Format::Bibtex),
        _ => None,
    }
}
