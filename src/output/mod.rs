//! Reporting diagnostics: the only place that prints (DESIGN §1, §8).

pub mod concise;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod hash;
pub mod inspect;
pub mod json;
pub mod junit;
pub mod messages;
pub mod sanitize;
pub mod sarif;
pub mod statistics;

use std::io::{self, Write};

use crate::diagnostic::Diagnostic;
use crate::source::{SourceDb, Span};

/// `--output-format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Source snippets with every related label (codespan-reporting).
    #[default]
    Full,
    /// One line per diagnostic: `file:line:col: CODE message`.
    Concise,
    /// A JSON array, one object per diagnostic (the contract in DESIGN §8).
    Json,
    /// One JSON object per line.
    JsonLines,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

/// A span as 1-based line/column pairs; columns count Unicode scalar values, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl Location {
    #[must_use]
    pub fn of(db: &SourceDb, span: Span) -> Self {
        let file = db.get(span.file);
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
        Self { line, column, end_line, end_column }
    }
}

/// Options that shape the report.
#[derive(Clone, Copy, Debug)]
pub struct ReportOptions {
    pub color: bool,
    /// Whether unsafe fixes count as applicable (`--unsafe-fixes`), for the "fixable" hint.
    pub unsafe_fixes: bool,
    /// Whether fixes were being applied in this run (the summary then says what remains).
    pub fixing: bool,
}

/// Writes the diagnostics in the chosen format.
///
/// # Errors
/// Writing to `out` failed.
pub fn report(
    format: OutputFormat,
    db: &SourceDb,
    diagnostics: &[Diagnostic],
    options: ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Full => full::write(db, diagnostics, options, out)?,
        OutputFormat::Concise => concise::write(db, diagnostics, options, out)?,
        OutputFormat::Json => json::write(db, diagnostics, out)?,
        OutputFormat::JsonLines => json::write_lines(db, diagnostics, out)?,
        OutputFormat::Github => github::write(db, diagnostics, out)?,
        OutputFormat::Sarif => sarif::write(db, diagnostics, out)?,
        OutputFormat::Junit => junit::write(db, diagnostics, out)?,
        OutputFormat::Gitlab => gitlab::write(db, diagnostics, out)?,
    }
    if matches!(format, OutputFormat::Full | OutputFormat::Concise) {
        summary(diagnostics, options, out)?;
    }
    Ok(())
}

/// Whether a diagnostic's fix would be applied under these options.
#[must_use]
pub fn is_fixable(d: &Diagnostic, unsafe_fixes: bool) -> bool {
    use crate::fix::Applicability;
    let threshold = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    d.fix.as_ref().is_some_and(|f| f.applicability >= threshold)
}

fn summary(diagnostics: &[Diagnostic], options: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    if diagnostics.is_empty() {
        return if options.fixing { Ok(()) } else { writeln!(out, "All checks passed!") };
    }
    let n = diagnostics.len();
    let plural = if n == 1 { "" } else { "s" };
    write!(out, "Found {n} diagnostic{plural}")?;
    let fixable = diagnostics.iter().filter(|d| is_fixable(d, options.unsafe_fixes)).count();
    let hidden = diagnostics.iter().filter(|d| is_fixable(d, true)).count() - fixable;
    if fixable > 0 {
        write!(out, " ({fixable} fixable with `--fix`)")?;
    }
    writeln!(out, ".")?;
    if hidden > 0 && !options.unsafe_fixes {
        writeln!(out, "{hidden} more fixable with `--unsafe-fixes`.")?;
    }
    Ok(())
}
