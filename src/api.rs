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
    let files: Vec<ParsedFile> =
        ids.iter().flat_map(|&(id, format)| formats::parse_file(&db, id, format, settings)).collect();
    let diagnostics = engine::lint(&db, settings, &files);
    Checked { db, files, diagnostics }
}

/// Parses and lints one source as the given format, with the given settings.
#[must_use]
pub fn check_format(name: &str, bytes: &[u8], format: Format, settings: &Settings) -> Checked {
    let mut db = SourceDb::new();
    let id = db.add(SourceFile::from_bytes(name.to_owned(), None, bytes));
    let files = formats::parse_file(&db, id, format, settings);
    let diagnostics = engine::lint(&db, settings, &files);
    Checked { db, files, diagnostics }
}

/// Checks that every span of a run (diagnostics, labels, edits, records, values) lies inside
/// its file on char boundaries. For fuzzing and property tests.
///
/// # Errors
/// A description of the first span out of bounds.
pub fn check_spans(checked: &Checked) -> Result<(), String> {
    let ok = |span: crate::source::Span| {
        let text = &checked.db.get(span.file).text;
        span.start <= span.end
            && (span.end as usize) <= text.len()
            && text.is_char_boundary(span.start as usize)
            && text.is_char_boundary(span.end as usize)
    };
    for d in &checked.diagnostics {
        let spans = std::iter::once(d.span)
            .chain(d.related.iter().map(|l| l.span))
            .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span)));
        for span in spans {
            if !ok(span) {
                return Err(format!("{}: span {span:?} out of bounds", d.rule.code));
            }
        }
    }
    for r in checked.files.iter().flat_map(|f| &f.records) {
        let spans = std::iter::once(r.span)
            .chain(std::iter::once(r.kind.span))
            .chain(r.key.iter().map(|k| k.span))
            .chain(r.fields.entries().flat_map(|e| [e.native.span, e.raw]));
        for span in spans {
            if !ok(span) {
                return Err(format!("record span {span:?} out of bounds"));
            }
        }
    }
    Ok(())
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
