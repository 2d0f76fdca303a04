//! A small embedding API: lint or fix in-memory sources, as the CLI does for files.

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::engine;
use crate::fix::Applicability;
use crate::formats::{self, ParsedFile};
use crate::model::Format;
use crate::source::{FileId, SourceDb, SourceFile};

/// The outcome of linting a set of sources.
pub struct Checked {
    pub db: SourceDb,
    pub files: Vec<ParsedFile>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads named sources; the format of each comes from its name and content (BibTeX if unknown).
#[must_use]
pub fn load(sources: &[(&str, &[u8])]) -> (SourceDb, Vec<(FileId, Format)>) {
    let mut db = SourceDb::new();
    let mut ids = Vec::new();
    for (name, bytes) in sources {
        let file = SourceFile::from_bytes((*name).to_owned(), None, bytes);
        let format = formats::detect(std::path::Path::new(name), &file.text).unwrap_or(Format::Bibtex);
        ids.push((db.add(file), format));
    }
    (db, ids)
}

/// Parses and lints sources together, as one run.
#[must_use]
pub fn check(sources: &[(&str, &[u8])], settings: &Settings) -> Checked {
    let (db, ids) = load(sources);
    let files: Vec<ParsedFile> = ids.iter().map(|&(id, format)| formats::parse(&db, id, format, settings)).collect();
    let diagnostics = engine::lint(&db, settings, &files);
    Checked { db, files, diagnostics }
}

/// Applies fixes of at least `threshold` to one source until stable; returns the new bytes
/// (in the source's own encoding) or `None` when nothing changed.
#[must_use]
pub fn fix(name: &str, bytes: &[u8], settings: &Settings, threshold: Applicability) -> Option<Vec<u8>> {
    let (mut db, ids) = load(&[(name, bytes)]);
    let &(id, format) = ids.first()?;
    let before = db.get(id).text.clone();
    engine::fix_file(&mut db, settings, id, format, threshold);
    engine::remove_unused_suppressions(&mut db, settings, &[(id, format)]);
    let source = db.get(id);
    if source.text == before {
        return None;
    }
    source.encode(&source.text)
}
