//! Test helpers for rules: run one rule's `check_file` over BibTeX text with the real parser.

use crate::config::{Dialect, Settings};
use crate::diagnostic::Diagnostic;
use crate::model::Format;
use crate::rules::{Context, Rule};
use crate::source::{Encoding, SourceDb, SourceFile};

/// Runs `rule`'s `check_file` over `text` in `dialect`; returns the source db and diagnostics.
pub(crate) fn run(rule: &dyn Rule, text: &str, dialect: Dialect) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.add(SourceFile::from_text("test.bib".into(), None, text.to_owned(), Encoding::Utf8 { bom: false }));
    let settings = Settings { dialect, ..Settings::default() };
    let file = crate::formats::parse(&db, id, Format::Bibtex, &settings);
    let mut cx = Context::new(&db, &settings, rule.meta());
    rule.check_file(&file, &mut cx);
    let diags = cx.into_diagnostics();
    (db, diags)
}

/// The messages of [`run`].
pub(crate) fn messages(rule: &dyn Rule, text: &str, dialect: Dialect) -> Vec<String> {
    run(rule, text, dialect).1.into_iter().map(|d| d.message).collect()
}
