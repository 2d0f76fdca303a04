//! Runs the rules over parsed files and sorts what they find (DESIGN §1).

use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::formats::ParsedFile;
use crate::rules::{self, Context, Rule};
use crate::source::SourceDb;
use crate::works;

/// The rules that run under these settings.
#[must_use]
pub fn enabled_rules(settings: &Settings) -> Vec<&'static dyn Rule> {
    rules::ALL.iter().copied().filter(|r| settings.is_enabled(r.meta())).collect()
}

/// Per-file checks: `check_file` and `check_record` of every enabled rule.
#[must_use]
pub fn check_file(
    db: &SourceDb,
    settings: &Settings,
    rules: &[&'static dyn Rule],
    file: &ParsedFile,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in rules {
        let mut cx = Context::new(db, settings, rule.meta());
        rule.check_file(file, &mut cx);
        for record in &file.records {
            cx.set_record(record.key_str());
            rule.check_record(record, &mut cx);
        }
        out.extend(cx.into_diagnostics());
    }
    attach_records(file, &mut out);
    out
}

/// Checks across files: `check_run` and `check_work`.
#[must_use]
pub fn check_across(
    db: &SourceDb,
    settings: &Settings,
    rules: &[&'static dyn Rule],
    files: &[ParsedFile],
) -> Vec<Diagnostic> {
    let works = works::group(files);
    let mut out = Vec::new();
    for rule in rules {
        let mut cx = Context::new(db, settings, rule.meta());
        rule.check_run(files, &mut cx);
        for work in &works {
            rule.check_work(work, &mut cx);
        }
        out.extend(cx.into_diagnostics());
    }
    for file in files {
        attach_records(file, &mut out);
    }
    out
}

/// Lints every file (in parallel) and the run as a whole; the result is sorted.
#[must_use]
pub fn lint(db: &SourceDb, settings: &Settings, files: &[ParsedFile]) -> Vec<Diagnostic> {
    let rules = enabled_rules(settings);
    let mut out: Vec<Diagnostic> = files.par_iter().flat_map_iter(|f| check_file(db, settings, &rules, f)).collect();
    out.extend(check_across(db, settings, &rules, files));
    sort(&mut out);
    out
}

/// Sorts by file, line, column, code (DESIGN §8) and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup_by(|a, b| a.sort_key() == b.sort_key());
}

/// Names the record a diagnostic falls in, where the rule did not.
fn attach_records(file: &ParsedFile, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut().filter(|d| d.record.is_none() && d.span.file == file.file) {
        let i = file.records.partition_point(|r| r.span.start <= d.span.start);
        let containing = i.checked_sub(1).and_then(|i| file.records.get(i)).filter(|r| r.span.contains(d.span));
        d.record = containing.and_then(|r| r.key_str()).map(str::to_owned);
    }
}
