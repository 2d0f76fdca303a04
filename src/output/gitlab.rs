//! `--output-format gitlab`: GitLab Code Quality JSON (an array of issues with a description,
//! check name, fingerprint, severity and location).

use std::io::{self, Write};

use serde_json::json;

use super::{hash, Location};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceDb;

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    let issues: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            let loc = Location::of(db, d.span);
            let file = &db.get(d.span.file).name;
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            // Stable across line moves: rule, file, record, message, and which repeat this is.
            let base = hash::hex(&[d.rule.code, file, d.record.as_deref().unwrap_or(""), &d.message]);
            let n = seen.entry(base.clone()).or_insert(0);
            *n += 1;
            let fingerprint = hash::hex(&[&base, &n.to_string()]);
            json!({
                "description": format!("{} {}", d.rule.code, d.message),
                "check_name": format!("{} {}", d.rule.code, d.rule.name),
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {"path": file, "lines": {"begin": loc.line, "end": loc.end_line}},
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &issues).map_err(io::Error::other)?;
    writeln!(out)
}
