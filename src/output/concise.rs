//! `--output-format concise`: `file:line:col: CODE [*] message`, one line each.

use std::io::{self, Write};

use super::{is_fixable, Location, ReportOptions};
use crate::diagnostic::Diagnostic;
use crate::source::SourceDb;

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], options: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        let loc = Location::of(db, d.span);
        let mark = if is_fixable(d, options.unsafe_fixes) { " [*]" } else { "" };
        let name = super::sanitize::escape(&db.get(d.span.file).name);
        let message = super::sanitize::escape(&d.message);
        writeln!(out, "{name}:{}:{}: {}{mark} {message}", loc.line, loc.column, d.rule.code)?;
    }
    Ok(())
}
