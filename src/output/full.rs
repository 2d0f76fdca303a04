//! `--output-format full`: codespan-reporting snippets with every related label, each in
//! its own file, notes, and the fix as a help line.

use std::io::{self, Write};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, LabelStyle, Severity as CsSeverity};
use codespan_reporting::term::termcolor::{Ansi, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{sanitize, ReportOptions};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Applicability;
use crate::source::{FileId, SourceDb};

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
    let files = SafeFiles::new(db);
    for d in diagnostics {
        let cs = convert(d);
        term::emit_to_write_style(w, config, &files, &cs).map_err(io::Error::other)?;
    }
    Ok(())
}

/// The files as the terminal may see them: control characters and bidi overrides replaced
/// by visible characters of the same byte length, so every label stays where it was.
struct SafeFiles<'a> {
    db: &'a SourceDb,
    names: Vec<std::borrow::Cow<'a, str>>,
    texts: Vec<std::borrow::Cow<'a, str>>,
}

impl<'a> SafeFiles<'a> {
    fn new(db: &'a SourceDb) -> Self {
        let names = db.iter().map(|(_, f)| sanitize::escape(&f.name)).collect();
        let texts = db.iter().map(|(_, f)| sanitize::same_length(&f.text)).collect();
        Self { db, names, texts }
    }
}

impl<'f> codespan_reporting::files::Files<'f> for SafeFiles<'_> {
    type FileId = FileId;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: FileId) -> Result<&'f str, codespan_reporting::files::Error> {
        self.names.get(id.0 as usize).map(AsRef::as_ref).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'f self, id: FileId) -> Result<&'f str, codespan_reporting::files::Error> {
        self.texts.get(id.0 as usize).map(AsRef::as_ref).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'f self, id: FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.db.line_index(id, byte_index)
    }

    fn line_range(
        &'f self,
        id: FileId,
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
        .with_message(sanitize::escape(&d.message))
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
