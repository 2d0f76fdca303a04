//! Baselines: today's findings recorded so that only new ones are reported (how a large
//! repository adopts the linter). Entries are keyed by rule, file, record key and a hash of
//! the record's text, so moving an entry or editing another one does not break the baseline.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::diagnostic::Diagnostic;
use crate::formats::ParsedFile;
use crate::output::hash;
use crate::source::SourceDb;

/// One recorded finding (with how many times it occurs).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub file: String,
    pub record: Option<String>,
    /// FNV-1a of the record's text (or, outside records, of the flagged text and message).
    pub hash: String,
    pub count: usize,
}

/// The baseline file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

type Key = (String, String, Option<String>, String);

fn key(db: &SourceDb, settings: &Settings, files: &[ParsedFile], d: &Diagnostic) -> Key {
    let source = db.get(d.span.file);
    let file = source.path.as_deref().map_or_else(|| source.name.clone(), |p| path_key(settings, p));
    let record = files
        .iter()
        .find(|f| f.file == d.span.file)
        .and_then(|f| f.records.iter().find(|r| r.span.contains(d.span) && r.key_str() == d.record.as_deref()));
    let hash = match record {
        Some(r) => hash::hex(&[&normalize(source.slice(r.span))]),
        None => hash::hex(&[&normalize(source.slice(d.span)), &d.message]),
    };
    (d.rule.code.to_owned(), file, d.record.clone(), hash)
}

/// Paths relative to the settings' root, with `/` separators.
fn path_key(settings: &Settings, p: &Path) -> String {
    settings.relative(p).components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// White space runs count as one space, so re-indenting keeps the baseline valid.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The baseline of these diagnostics.
#[must_use]
pub fn build(db: &SourceDb, settings: &Settings, files: &[ParsedFile], diagnostics: &[Diagnostic]) -> Baseline {
    let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(key(db, settings, files, d)).or_default() += 1;
    }
    let entries = counts
        .into_iter()
        .map(|((rule, file, record, hash), count)| Entry { rule, file, record, hash, count })
        .collect();
    Baseline { version: 1, entries }
}

/// Drops the diagnostics the baseline records (each entry up to its count).
#[must_use]
pub fn filter(
    baseline: &Baseline,
    db: &SourceDb,
    settings: &Settings,
    files: &[ParsedFile],
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut budget: BTreeMap<Key, usize> = baseline
        .entries
        .iter()
        .map(|e| ((e.rule.clone(), e.file.clone(), e.record.clone(), e.hash.clone()), e.count))
        .collect();
    diagnostics
        .into_iter()
        .filter(|d| match budget.get_mut(&key(db, settings, files, d)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .collect()
}
