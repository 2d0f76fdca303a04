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
    // One walk over the records, every rule on each record while it is in cache.
    let walk = |records: &[crate::model::Record]| {
        let mut cxs: Vec<Context> = rules.iter().map(|r| Context::new(db, settings, r.meta())).collect();
        for record in records {
            for (rule, cx) in rules.iter().zip(cxs.iter_mut()) {
                match &record.key {
                    // The key as written is the key: point at it (no copy per record and rule).
                    Some(k) if db.slice(k.span) == k.value => cx.set_record_key(Some(k.span)),
                    key => cx.set_record(key.as_ref().map(|k| k.value.as_str())),
                }
                rule.check_record(record, cx);
            }
        }
        cxs.into_iter().flat_map(Context::into_diagnostics).collect::<Vec<_>>()
    };
    let file_hooks = |rule: &&'static dyn Rule| {
        let mut cx = Context::new(db, settings, rule.meta());
        rule.check_file(file, &mut cx);
        cx.into_diagnostics()
    };
    // A large file's records are checked in chunks on every core; small files are parallel
    // across files. The order does not matter: diagnostics are sorted at the end.
    let mut out: Vec<Diagnostic> = if file.records.len() >= PARALLEL_RECORDS {
        let (mut out, by_record) = rayon::join(
            || rules.par_iter().flat_map_iter(file_hooks).collect::<Vec<_>>(),
            || file.records.par_chunks(CHUNK_RECORDS).flat_map_iter(walk).collect::<Vec<_>>(),
        );
        out.extend(by_record);
        out
    } else {
        let mut out: Vec<Diagnostic> = rules.iter().flat_map(file_hooks).collect();
        out.extend(walk(&file.records));
        out
    };
    attach_records(file, &mut out);
    out
}

/// The records of a large file are checked in chunks of this many.
const CHUNK_RECORDS: usize = 512;

/// From this many records on, the rules of one file run in parallel.
const PARALLEL_RECORDS: usize = 2048;

/// Checks across files: `check_run` and `check_work`.
#[must_use]
pub fn check_across(
    db: &SourceDb,
    settings: &Settings,
    rules: &[&'static dyn Rule],
    files: &[ParsedFile],
) -> Vec<Diagnostic> {
    let works = works::group(db, files, settings);
    // The rules are independent of each other: each runs on its own core.
    let mut out: Vec<Diagnostic> = rules
        .par_iter()
        .flat_map_iter(|rule| {
            let mut cx = Context::new(db, settings, rule.meta());
            rule.check_run(files, &mut cx);
            for work in &works {
                rule.check_work(work, &mut cx);
            }
            cx.into_diagnostics()
        })
        .collect();
    // Each diagnostic looks up its own file's records (linear in files and diagnostics).
    let by_file: rustc_hash::FxHashMap<_, _> = by_file(files).into_iter().collect();
    for d in out.iter_mut().filter(|d| d.record.is_none()) {
        for file in by_file.get(&d.span.file).into_iter().flatten() {
            attach_records(file, std::slice::from_mut(d));
        }
    }
    out
}

/// The parsed files of each source file, in order of first appearance (a bundle is several
/// parsed files of one source).
fn by_file(files: &[ParsedFile]) -> Vec<(crate::source::FileId, Vec<&ParsedFile>)> {
    let mut index = rustc_hash::FxHashMap::default();
    let mut out: Vec<(crate::source::FileId, Vec<&ParsedFile>)> = Vec::new();
    for f in files {
        let i = *index.entry(f.file).or_insert_with(|| {
            out.push((f.file, Vec::new()));
            out.len() - 1
        });
        if let Some((_, segments)) = out.get_mut(i) {
            segments.push(f);
        }
    }
    out
}

/// Lints every file (in parallel) and the run as a whole; the result is sorted.
#[must_use]
pub fn lint(db: &SourceDb, settings: &Settings, files: &[ParsedFile]) -> Vec<Diagnostic> {
    let rules = enabled_rules(settings);
    // The checks of each file and those across files read the same parsed files: both at once.
    let (mut out, across) = rayon::join(
        || files.par_iter().flat_map_iter(|f| check_file(db, settings, &rules, f)).collect::<Vec<Diagnostic>>(),
        || check_across(db, settings, &rules, files),
    );
    out.extend(across);
    let mut out = suppress(db, settings, files, out, true);
    sort(&mut out);
    out
}

/// Applies configuration ignores and inline suppressions; with `report_unused`, adds CL040
/// diagnostics for suppressions that suppressed nothing.
#[must_use]
pub fn suppress(
    db: &SourceDb,
    settings: &Settings,
    files: &[ParsedFile],
    mut diagnostics: Vec<Diagnostic>,
    report_unused: bool,
) -> Vec<Diagnostic> {
    crate::suppress::apply_config(db, settings, &mut diagnostics);
    let report_unused = report_unused && settings.is_enabled(&rules::UNUSED_SUPPRESSION);
    let mut unused_diagnostics = Vec::new();
    // A bundle is several parsed files with one FileId: its suppressions are gathered once.
    for (id, segments) in by_file(files) {
        let mut suppressions: Vec<crate::suppress::Suppression> = Vec::new();
        for segment in &segments {
            for s in crate::suppress::find(db, segment) {
                if !suppressions.contains(&s) {
                    suppressions.push(s);
                }
            }
        }
        if suppressions.is_empty() {
            continue;
        }
        let (mut here, rest): (Vec<_>, Vec<_>) = diagnostics.into_iter().partition(|d| d.span.file == id);
        let unused = crate::suppress::apply_inline(settings, &suppressions, &mut here);
        diagnostics = rest;
        diagnostics.extend(here);
        if report_unused && !unused.is_empty() {
            let mut cx = Context::new(db, settings, &rules::UNUSED_SUPPRESSION);
            rules::report_unused_suppressions(&unused, &mut cx);
            let mut found = cx.into_diagnostics();
            for segment in &segments {
                attach_records(segment, &mut found);
            }
            unused_diagnostics.extend(found);
        }
    }
    crate::suppress::apply_config(db, settings, &mut unused_diagnostics);
    diagnostics.extend(unused_diagnostics);
    diagnostics
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

/// The result of fixing one file.
#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Fixes applied over all passes.
    pub applied: usize,
    /// Whether the loop stopped at the pass limit with fixes still applicable.
    pub not_converged: bool,
    /// The titles of the fixes applied, in order.
    pub titles: Vec<String>,
}

/// Whether the fixed text, written in the file's encoding, would be read back in another
/// encoding: a Windows-1252 file whose last non-UTF-8 byte a fix removes becomes valid UTF-8,
/// and would then read as different text (found by fuzzing lint-then-fix). Such a fix is not
/// applied, so that fixing stays idempotent; the file is better converted to UTF-8 (CL002).
fn rereads_differently(source: &crate::source::SourceFile, candidate: &str) -> bool {
    if matches!(source.encoding, crate::source::Encoding::Utf8 { .. }) {
        return false;
    }
    source.encode(candidate).is_none_or(|bytes| crate::source::decode(&bytes).0 != candidate)
}

/// At most this many fix passes per file (DESIGN §7).
pub const MAX_FIX_PASSES: usize = 10;

/// Applies fixes of at least `threshold` to one file until nothing changes, re-parsing and
/// re-linting after each pass. A pass whose edits add a syntax error is retried fix by fix,
/// dropping the fixes that break the file. The file's text in `db` is replaced.
pub fn fix_file(
    db: &mut SourceDb,
    settings: &Settings,
    file: crate::source::FileId,
    format: crate::model::Format,
    threshold: crate::fix::Applicability,
) -> FixOutcome {
    let rules = enabled_rules(settings);
    let mut outcome = FixOutcome::default();
    let lint_one = |db: &SourceDb| {
        let parsed = crate::formats::parse_file(db, file, format, settings);
        let found: Vec<Diagnostic> = parsed.iter().flat_map(|p| check_file(db, settings, &rules, p)).collect();
        let diagnostics = suppress(db, settings, &parsed, found, false);
        let errors = parsed.iter().map(|p| p.syntax.len()).sum::<usize>();
        (diagnostics, errors)
    };
    for _ in 0..MAX_FIX_PASSES {
        let (diagnostics, errors_before) = lint_one(db);
        let fixes: Vec<&crate::fix::Fix> =
            diagnostics.iter().filter_map(|d| d.fix.as_ref()).filter(|f| f.applicability >= threshold).collect();
        if fixes.is_empty() {
            return outcome;
        }
        let text = db.get(file).text.clone();
        let breaks = |db: &SourceDb, candidate: &str| {
            let source = db.get(file);
            if rereads_differently(source, candidate) {
                return true;
            }
            let mut scratch = SourceDb::new();
            let id = scratch.add(crate::source::SourceFile::from_text(
                source.name.clone(),
                None,
                candidate.to_owned(),
                source.encoding,
            ));
            crate::formats::parse_file(&scratch, id, format, settings).iter().map(|p| p.syntax.len()).sum::<usize>()
                > errors_before
        };
        let mut chosen = fixes.clone();
        let (mut new_text, _) = crate::fix::apply(&text, &chosen);
        if breaks(db, &new_text) {
            // Keep only the fixes that do not break the file on their own.
            chosen = fixes.iter().copied().filter(|f| !breaks(db, &crate::fix::apply(&text, &[f]).0)).collect();
            new_text = crate::fix::apply(&text, &chosen).0;
            if breaks(db, &new_text) {
                return outcome;
            }
        }
        let (_, edits) = crate::fix::apply_edits(&text, &chosen);
        let applied: Vec<&crate::fix::Fix> =
            chosen.into_iter().filter(|f| f.edits.iter().any(|e| edits.iter().any(|t| std::ptr::eq(*t, e)))).collect();
        if applied.is_empty() || new_text == *text {
            return outcome;
        }
        outcome.applied += applied.len();
        outcome.titles.extend(applied.iter().map(|f| f.title.clone()));
        db.replace_text(file, new_text);
    }
    outcome.not_converged = lint_one(db).0.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= threshold));
    outcome
}

/// After the fix loop: removes suppressions that suppress nothing any more (CL040's safe
/// fixes), which only a lint of the whole run can tell. Returns the fixes applied.
pub fn remove_unused_suppressions(
    db: &mut SourceDb,
    settings: &Settings,
    inputs: &[(crate::source::FileId, crate::model::Format)],
) -> Vec<(crate::source::FileId, String)> {
    if !settings.is_enabled(&rules::UNUSED_SUPPRESSION) {
        return Vec::new();
    }
    let files: Vec<ParsedFile> =
        inputs.par_iter().flat_map_iter(|&(id, format)| crate::formats::parse_file(db, id, format, settings)).collect();
    let diagnostics = lint(db, settings, &files);
    let mut applied = Vec::new();
    for &(id, _) in inputs {
        let fixes: Vec<&crate::fix::Fix> = diagnostics
            .iter()
            .filter(|d| std::ptr::eq(d.rule, &rules::UNUSED_SUPPRESSION) && d.span.file == id)
            .filter_map(|d| d.fix.as_ref())
            .collect();
        if fixes.is_empty() {
            continue;
        }
        let (text, edits) = crate::fix::apply_edits(&db.get(id).text, &fixes);
        for f in &fixes {
            if f.edits.iter().any(|e| edits.iter().any(|t| std::ptr::eq(*t, e))) {
                applied.push((id, f.title.clone()));
            }
        }
        db.replace_text(id, text);
    }
    applied
}
