//! `--output-format github`: GitHub Actions workflow commands, which GitHub shows as
//! annotations on the pull request ("Workflow commands for GitHub Actions").

use std::io::{self, Write};

use super::Location;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceDb;

/// Escapes a command's message: `%`, CR and LF.
fn escape_data(s: &str) -> String {
    super::sanitize::escape(s).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command's property: also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], out: &mut dyn Write) -> io::Result<()> {
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let loc = Location::of(db, d.span);
        let file = &db.get(d.span.file).name;
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(file),
            loc.line,
            loc.column,
            loc.end_line,
            loc.end_column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&d.message),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x: y, z"), "x%3A y%2C z");
    }
}
