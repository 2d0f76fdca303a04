//! CL403 unknown-relator. Docs and cases: rules/CL403-unknown-relator/
//!
//! `roleTerm[@authority=marcrelator]` against the MARC Code List for Relators
//! (rules/data/marc-relators.tsv): codes exactly (lower case), terms without regard to case.
use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;

pub(crate) struct UnknownRelator;

static META: RuleMeta = RuleMeta {
    code: "CL403",
    name: "unknown-relator",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL403-unknown-relator/README.md"),
};

static TABLE: &str = include_str!("../../rules/data/marc-relators.tsv");

/// (code, lower-case term) pairs.
static RELATORS: LazyLock<Vec<(&'static str, String)>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(code, term)| (code.trim(), term.trim().to_lowercase()))
        .collect()
});

/// The codes and the lower-case terms, for lookups.
static KNOWN: LazyLock<(FxHashSet<&'static str>, FxHashSet<&'static str>)> =
    LazyLock::new(|| (RELATORS.iter().map(|(c, _)| *c).collect(), RELATORS.iter().map(|(_, t)| t.as_str()).collect()));

fn term_of(code: &str) -> Option<&'static str> {
    TABLE.lines().filter_map(|l| l.split_once('\t')).find(|(c, _)| *c == code).map(|(_, t)| t.trim())
}

impl Rule for UnknownRelator {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(tree) = file.mods() else { return };
        // A converter writes the same wrong term in every record: one search per value.
        let mut hints: rustc_hash::FxHashMap<(String, &str), Option<String>> = rustc_hash::FxHashMap::default();
        for e in tree.elements().filter(|e| e.name == "roleTerm" && tree.is_mods(e)) {
            if e.attr_value("authority").map(str::trim) != Some("marcrelator") {
                continue;
            }
            let value = e.text_value();
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let (codes, terms) = &*KNOWN;
            let is_code = codes.contains(value);
            let lower = if value.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
                Cow::Borrowed(value)
            } else {
                Cow::Owned(value.to_lowercase())
            };
            let is_term = terms.contains(lower.as_ref());
            let (ok, what) = match e.attr_value("type") {
                Some("code") => (is_code, "code"),
                Some("text") => (is_term, "term"),
                _ => (is_code || is_term, "code or term"),
            };
            if ok {
                continue;
            }
            let d = cx.report(e.text_span(), format!("`{value}` is not a MARC relator {what}"));
            let hint = hints.entry((value.to_owned(), what)).or_insert_with(|| suggestion(value, what));
            if let Some(hint) = hint {
                d.note(hint.clone());
            }
        }
    }
}

fn suggestion(value: &str, what: &str) -> Option<String> {
    let lower = value.to_lowercase();
    if what == "code" {
        if let Some((code, _)) = RELATORS.iter().find(|(_, t)| *t == lower) {
            return Some(format!("`{value}` is a relator term; its code is `{code}` (or use type=\"text\")"));
        }
        let (code, d) = RELATORS.iter().map(|(c, _)| (*c, distance(c, &lower))).min_by_key(|x| (x.1, rank(x.0)))?;
        return (d <= 1).then(|| format!("did you mean `{code}` ({})?", term_of(code).unwrap_or("")));
    }
    if let Some(code) = RELATORS.iter().map(|(c, _)| *c).find(|c| *c == lower) {
        return Some(format!("`{value}` is the code of `{}`; use type=\"code\"", term_of(code).unwrap_or("")));
    }
    let (i, d) = RELATORS
        .iter()
        .enumerate()
        .map(|(i, (c, t))| (i, distance(t, &lower), rank(c)))
        .min_by_key(|x| (x.1, x.2))
        .map(|(i, d, _)| (i, d))?;
    let term = RELATORS.get(i).map(|(c, _)| term_of(c).unwrap_or(""))?;
    (d <= 2).then(|| format!("did you mean `{term}`?"))
}

/// The roles bibliographies use most come first among equally close suggestions.
fn rank(code: &str) -> usize {
    const COMMON: [&str; 10] = ["aut", "edt", "trl", "ctb", "ill", "cmp", "com", "cre", "ths", "pbl"];
    COMMON.iter().position(|c| *c == code).unwrap_or(COMMON.len())
}

/// Levenshtein distance (short strings only: relator terms).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != *cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.last().copied().unwrap_or(0) + 1;
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}
