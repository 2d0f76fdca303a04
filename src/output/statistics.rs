//! `--statistics`: the number of diagnostics per rule.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::is_fixable;
use crate::diagnostic::Diagnostic;

/// Writes `count  CODE  name  [*]` lines, most frequent first.
///
/// # Errors
/// Writing failed.
pub fn write(diagnostics: &[Diagnostic], unsafe_fixes: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: BTreeMap<&str, (usize, &str, bool)> = BTreeMap::new();
    for d in diagnostics {
        let e = counts.entry(d.rule.code).or_insert((0, d.rule.name, false));
        e.0 += 1;
        e.2 |= is_fixable(d, unsafe_fixes);
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|r| r.1 .0.to_string().len()).max().unwrap_or(1);
    for (code, (n, name, fixable)) in rows {
        let mark = if fixable { "[*]" } else { "[ ]" };
        writeln!(out, "{n:>width$}\t{code}\t{mark} {name}")?;
    }
    Ok(())
}
