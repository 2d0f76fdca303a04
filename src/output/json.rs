//! `--output-format json`: the contract of DESIGN §8, one object per diagnostic in an array.

use std::io::{self, Write};

use serde::Serialize;

use super::Location;
use crate::diagnostic::Diagnostic;
use crate::source::{SourceDb, Span};

#[derive(Serialize)]
pub struct JsonDiagnostic<'a> {
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub record: Option<&'a str>,
    pub fix: Option<JsonFix<'a>>,
    pub related: Vec<JsonRelated<'a>>,
}

#[derive(Serialize)]
pub struct JsonFix<'a> {
    pub applicability: &'static str,
    pub title: &'a str,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
pub struct JsonEdit<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub content: &'a str,
}

#[derive(Serialize)]
pub struct JsonRelated<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: &'a str,
}

fn place(db: &SourceDb, span: Span) -> (&str, Location) {
    (db.get(span.file).name.as_str(), Location::of(db, span))
}

/// The JSON shape of one diagnostic.
#[must_use]
pub fn to_json<'a>(db: &'a SourceDb, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let (file, loc) = place(db, d.span);
    JsonDiagnostic {
        code: d.rule.code,
        rule: d.rule.name,
        severity: d.severity.name(),
        message: &d.message,
        file,
        line: loc.line,
        column: loc.column,
        end_line: loc.end_line,
        end_column: loc.end_column,
        record: d.record.as_deref(),
        fix: d.fix.as_ref().map(|f| JsonFix {
            applicability: f.applicability.name(),
            title: &f.title,
            edits: f
                .edits
                .iter()
                .map(|e| {
                    let (file, l) = place(db, e.span);
                    JsonEdit {
                        file,
                        line: l.line,
                        column: l.column,
                        end_line: l.end_line,
                        end_column: l.end_column,
                        content: &e.replacement,
                    }
                })
                .collect(),
        }),
        related: d
            .related
            .iter()
            .map(|r| {
                let (file, l) = place(db, r.span);
                JsonRelated {
                    file,
                    line: l.line,
                    column: l.column,
                    end_line: l.end_line,
                    end_column: l.end_column,
                    message: &r.message,
                }
            })
            .collect(),
    }
}

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<JsonDiagnostic> = diagnostics.iter().map(|d| to_json(db, d)).collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}

/// `json-lines`: one compact object per line.
///
/// # Errors
/// Writing failed.
pub fn write_lines(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        serde_json::to_writer(&mut *out, &to_json(db, d)).map_err(io::Error::other)?;
        writeln!(out)?;
    }
    Ok(())
}
