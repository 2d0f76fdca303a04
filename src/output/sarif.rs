//! `--output-format sarif`: SARIF 2.1.0 (OASIS), with every rule's README as its help, for
//! code-scanning services. Columns count Unicode code points (`columnKind`).

use std::io::{self, Write};

use serde_json::{json, Value};

use super::Location;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use crate::rules::ALL;
use crate::source::{SourceDb, Span};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(db: &SourceDb, span: Span) -> Value {
    let l = Location::of(db, span);
    json!({"startLine": l.line, "startColumn": l.column, "endLine": l.end_line, "endColumn": l.end_column})
}

fn physical(db: &SourceDb, span: Span) -> Value {
    json!({"physicalLocation": {
        "artifactLocation": {"uri": uri(&db.get(span.file).name)},
        "region": region(db, span),
    }})
}

/// A relative URI reference for a path (RFC 3986): `/` separators, spaces and `%` escaped.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '\\' => out.push('/'),
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}

fn rules_json() -> Vec<Value> {
    ALL.iter()
        .map(|r| {
            let m = r.meta();
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary()},
                "fullDescription": {"text": m.summary()},
                "help": {"text": m.doc, "markdown": m.doc},
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {"fix": format!("{:?}", m.fix).to_lowercase()},
            })
        })
        .collect()
}

#[allow(clippy::indexing_slicing)] // reason: `json!({..})` objects; `value["key"] = v` inserts and cannot panic
fn result_json(db: &SourceDb, d: &Diagnostic) -> Value {
    let index = ALL.iter().position(|r| r.meta().code == d.rule.code).unwrap_or(0);
    let mut result = json!({
        "ruleId": d.rule.code,
        "ruleIndex": index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [physical(db, d.span)],
    });
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut loc = physical(db, l.span);
                loc["id"] = json!(i);
                loc["message"] = json!({"text": l.message});
                loc
            })
            .collect();
    }
    if let Some(fix) = d.fix.as_ref().filter(|f| f.applicability > Applicability::DisplayOnly) {
        let changes: Vec<Value> = fix
            .edits
            .iter()
            .map(|e| {
                json!({
                    "artifactLocation": {"uri": uri(&db.get(e.span.file).name)},
                    "replacements": [{"deletedRegion": region(db, e.span), "insertedContent": {"text": e.replacement}}],
                })
            })
            .collect();
        result["fixes"] = json!([{"description": {"text": fix.title}, "artifactChanges": changes}]);
    }
    if let Some(key) = &d.record {
        result["properties"] = json!({"record": key});
    }
    result
}

/// The SARIF log as a JSON value.
#[must_use]
pub fn log(db: &SourceDb, diagnostics: &[Diagnostic]) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "citelint",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/citelint",
                "rules": rules_json(),
            }},
            "columnKind": "unicodeCodePoints",
            "results": diagnostics.iter().map(|d| result_json(db, d)).collect::<Vec<_>>(),
        }],
    })
}

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(db, diagnostics)).map_err(io::Error::other)?;
    writeln!(out)
}
