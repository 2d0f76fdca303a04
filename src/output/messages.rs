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

/// `info: ...`
///
/// # Errors
/// Writing failed.
pub fn info(out: &mut dyn Write, message: &str) -> io::Result<()> {
    writeln!(out, "info: {message}")
}

/// `--show-fixes`: the fixes applied (with `--fix`) or available, by file.
///
/// # Errors
/// Writing failed.
pub fn fixes(
    out: &mut dyn Write,
    db: &crate::source::SourceDb,
    applied: &[(crate::source::FileId, String)],
    remaining: &[crate::diagnostic::Diagnostic],
    fixing: bool,
    unsafe_fixes: bool,
) -> io::Result<()> {
    if fixing {
        writeln!(out, "\nFixed {} problem{}:", applied.len(), if applied.len() == 1 { "" } else { "s" })?;
        for (file, title) in applied {
            writeln!(out, "  {}: {title}", db.get(*file).name)?;
        }
        return Ok(());
    }
    let available: Vec<_> = remaining.iter().filter(|d| super::is_fixable(d, unsafe_fixes)).collect();
    writeln!(out, "\n{} fix{} available:", available.len(), if available.len() == 1 { "" } else { "es" })?;
    for d in available {
        if let Some(fix) = &d.fix {
            let loc = super::Location::of(db, d.span);
            writeln!(out, "  {}:{}:{}: {} {}", db.get(d.span.file).name, loc.line, loc.column, d.rule.code, fix.title)?;
        }
    }
    Ok(())
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
