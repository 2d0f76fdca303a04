//! Recognizing a file's format by extension and content (DESIGN §8).

use std::path::Path;

use super::{bundle, citation, csl_json, mods, refer, ris};
use crate::model::Format;

/// The format of a file, from its extension and content. `None`: not a format we read (an
/// XML file that is not MODS, a JSON file that is not CSL-JSON).
#[must_use]
pub fn detect(path: &Path, text: &str) -> Option<Format> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("bib" | "bibtex" | "biblatex") => Some(Format::Bibtex),
        Some("xml" | "mods") => mods::looks_like_mods(text).then_some(Format::Mods),
        Some("ris") => Some(Format::Ris),
        Some("enw" | "endf" | "refer") => Some(Format::Refer),
        Some("json") => csl_json::looks_like_csl_json(text).then_some(Format::CslJson),
        Some("md" | "markdown") => citation::has_lines(text, Format::Markdown).then_some(Format::Markdown),
        Some("txt" | "text") => {
            if bundle::looks_like_bundle(text) {
                Some(Format::Bundle)
            } else {
                citation::has_lines(text, Format::AclText).then_some(Format::AclText)
            }
        }
        _ => from_content(text),
    }
}

/// Guesses the format from the content alone.
#[must_use]
pub fn from_content(text: &str) -> Option<Format> {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if bundle::looks_like_bundle(text) {
        return Some(Format::Bundle);
    }
    if head.starts_with('<') {
        return mods::looks_like_mods(text).then_some(Format::Mods);
    }
    if head.starts_with('[') || head.starts_with('{') {
        return csl_json::looks_like_csl_json(text).then_some(Format::CslJson);
    }
    if ris::looks_like_ris(text) {
        return Some(Format::Ris);
    }
    if refer::looks_like_refer(text) {
        return Some(Format::Refer);
    }
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
        "mods" => Some(Format::Mods),
        "ris" => Some(Format::Ris),
        "refer" | "endnote" => Some(Format::Refer),
        "csl-json" => Some(Format::CslJson),
        "acl-text" | "acl" => Some(Format::AclText),
        "markdown" | "md" => Some(Format::Markdown),
        _ => None,
    }
}
