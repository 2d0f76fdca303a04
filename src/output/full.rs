//! `--output-format full`: codespan-reporting snippets with every related label, each in
//! its own file, notes, and the fix as a help line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::ReportOptions;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use crate::source::SourceDb;

/// # Errors
/// Writing failed.
pub fn write(db: &SourceDb, diagnostics: &[Diagnostic], options: ReportOptions, out: &mut dyn Write) -> io::Result<()> {
    let config = Config::default();
    if options.color {
        let mut w = Ansi::new(out);
        emit_all(db, diagnostics, &config, &mut w)
    } else {
        let mut w = NoColor::new(out);
        emit_all(db, diagnostics, &config, &mut w)
    }
}

fn emit_all(db: &SourceDb, diagnostics: &[Diagnostic], config: &Config, w: &mut dyn WriteColor) -> io::Result<()> {
    let shown = Shown::new(db);
    for d in diagnostics {
        let cs = convert(d);
        term::emit_to_write_style(w, config, &shown, &cs).map_err(io::Error::other)?;
    }
    Ok(())
}

/// Whether a character must not reach the terminal raw in a snippet: control characters
/// (terminal escapes) other than tab and line ends, and bidirectional overrides/isolates.
fn is_hidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The sources as snippets show them: hidden characters replaced by visible stand-ins of the
/// same UTF-8 length (`?`, `¿`, `\u{FFFD}`), so every span and line stays where it is.
struct Shown<'a> {
    db: &'a SourceDb,
    texts: Vec<Option<String>>,
}

impl<'a> Shown<'a> {
    fn new(db: &'a SourceDb) -> Self {
        let texts = db
            .iter()
            .map(|(_, f)| {
                f.text.contains(is_hidden).then(|| {
                    f.text
                        .chars()
                        .map(|c| match (is_hidden(c), c.len_utf8()) {
                            (false, _) => c,
                            (true, 1) => '?',
                            (true, 2) => '\u{BF}',
                            (true, _) => '\u{FFFD}',
                        })
                        .collect()
                })
            })
            .collect();
        Self { db, texts }
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Shown<'_> {
    type FileId = crate::source::FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: Self::FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.db.name(id)
    }

    fn source(&'a self, id: Self::FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        match self.texts.get(id.0 as usize) {
            Some(Some(text)) => Ok(text.as_str()),
            _ => self.db.source(id),
        }
    }

    fn line_index(&'a self, id: Self::FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.db.line_index(id, byte_index)
    }

    fn line_range(
        &'a self,
        id: Self::FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        self.db.line_range(id, line_index)
    }
}

fn convert(d: &Diagnostic) -> CsDiagnostic<crate::source::FileId> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    };
    let mut labels = vec![Label::new(LabelStyle::Primary, d.span.file, d.span.range())];
    labels.extend(
        d.related
            .iter()
            .map(|l| Label::new(LabelStyle::Secondary, l.span.file, l.span.range()).with_message(&l.message)),
    );
    let mut notes = d.notes.clone();
    if let Some(key) = &d.record {
        notes.insert(0, format!("in record `{key}`"));
    }
    if let Some(fix) = &d.fix {
        let how = match fix.applicability {
            Applicability::Safe => "",
            Applicability::Unsafe => " (unsafe fix)",
            Applicability::DisplayOnly => " (suggestion, not applied automatically)",
        };
        notes.push(format!("help: {}{how}", fix.title));
    }
    CsDiagnostic::new(severity)
        .with_code(format!("{} {}", d.rule.code, d.rule.name))
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// A configuration error with a snippet of the configuration file.
///
/// # Errors
/// Writing failed.
pub fn config_error(out: &mut dyn Write, e: &crate::config::ConfigError) -> io::Result<()> {
    let mut files = codespan_reporting::files::SimpleFiles::new();
    let id = files.add(e.path.display().to_string(), e.text.clone());
    let mut d = CsDiagnostic::error().with_message(format!("invalid configuration: {}", e.message));
    if let Some(r) = &e.range {
        d = d.with_labels(vec![Label::primary(id, r.clone())]);
    }
    let mut w = NoColor::new(out);
    term::emit_to_write_style(&mut w, &Config::default(), &files, &d).map_err(io::Error::other)
}
