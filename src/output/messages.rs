//! Messages about the run itself (not about the files): warnings and errors on stderr,
//! diffs of fixes, rule documentation.

use std::io::{self, Write};

use crate::rules::Rule;

/// `warning: ...`
///
/// # Errors
/// Writing failed.
pub fn warning(out: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(out, "warning: {message}")
}

/// `error: ...`
///
/// # Errors
/// Writing failed.
pub fn error(out: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(out, "error: {message}")
}

/// A unified diff of one file's fixes.
///
/// # Errors
/// Writing failed.
pub fn diff(out: &mut dyn Write, name: &str, before: &str, after: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(before, after);
    write!(out, "{}", diff.unified_diff().context_radius(3).header(&format!("a/{name}"), &format!("b/{name}")))
}

/// The README of a rule.
///
/// # Errors
/// Writing failed.
pub fn rule_doc(out: &mut dyn Write, rule: &dyn Rule) -> io::Result<()> {
    let doc = rule.meta().doc;
    write!(out, "{doc}")?;
    if !doc.ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// A table of every rule: code, name, severity, fix, summary.
///
/// # Errors
/// Writing failed.
pub fn rule_table(out: &mut dyn Write, rules: &[&dyn Rule]) -> io::Result<()> {
    for r in rules {
        let m = r.meta();
        let fix = match m.fix {
            crate::rules::FixAvailability::Never => "   ",
            _ => "[*]",
        };
        let opt = if m.opt_in { " (opt-in)" } else { "" };
        writeln!(
            out,
            "{}  {fix} {:<28} {:<8} {}{opt}",
            m.code,
            m.name,
            m.severity.name(),
            m.summary().replace('\n', " ")
        )?;
    }
    Ok(())
}
