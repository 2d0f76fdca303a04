//! CL016 duplicate-entry. Docs and cases: rules/CL016-duplicate-entry/
//!
//! Two records of one format that describe the same work under different keys, across every
//! file of the run. Evidence, as in DESIGN §6: the same DOI (normalized: resolver prefix
//! removed, lower case), or the same normalized title (TeX decoded, case folded, only letters
//! and digits kept) with the same first author family name and year, unless the two give
//! different pages, issue or volume. Never by ISBN: the
//! papers of one proceedings volume share it. Records of different formats are expected to
//! describe one work (DESIGN §6) and are not compared. One pass with hash maps: linear.
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;
use crate::model::{doi, tex, Field, Format, Record};

pub(crate) struct DuplicateEntry;

static META: RuleMeta = RuleMeta {
    code: "CL016",
    name: "duplicate-entry",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL016-duplicate-entry/README.md"),
};

/// Titles shorter than this (after normalization) are too generic to match on.
const MIN_TITLE: usize = 12;

fn normalized_doi(record: &Record) -> Option<String> {
    doi::key(record.text(Field::Doi)?)
}

fn title_key(record: &Record) -> Option<(String, String, i32)> {
    let title = tex::fold_alphanumeric(record.text(Field::Title)?);
    if title.chars().count() < MIN_TITLE {
        return None;
    }
    let first = record.names(Field::Author)?.names.first()?;
    let family = tex::fold_alphanumeric(first.family());
    if family.is_empty() {
        return None;
    }
    let year = record.issued()?.year.as_ref()?.value;
    Some((title, family, year))
}

/// Two records that place themselves differently (other pages, issue or volume, both given)
/// are two works with one title: a recurring column ("Opening words" in every issue), or the
/// chapters of a book that all carry the book's DOI.
fn placed_apart(a: &Record, b: &Record) -> bool {
    let start = |r: &Record| r.pages().map(|p| p.start.value.trim().to_lowercase());
    let text = |r: &Record, f: Field| r.text(f).map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty());
    let differ = |x: Option<String>, y: Option<String>| matches!((x, y), (Some(x), Some(y)) if x != y);
    differ(start(a), start(b))
        || differ(text(a, Field::Issue), text(b, Field::Issue))
        || differ(text(a, Field::Volume), text(b, Field::Volume))
}

fn same_key(a: &Record, b: &Record) -> bool {
    match (a.key_str(), b.key_str()) {
        (Some(x), Some(y)) => x.to_lowercase() == y.to_lowercase(),
        _ => false,
    }
}

impl Rule for DuplicateEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_run(&self, files: &[ParsedFile], cx: &mut Context) {
        let mut by_doi: HashMap<(Format, String), &Record> = HashMap::default();
        let mut by_title: HashMap<(Format, (String, String, i32)), &Record> = HashMap::default();
        for record in files.iter().flat_map(|f| &f.records) {
            let doi = normalized_doi(record);
            let title = title_key(record);
            let mut found: Option<(&Record, &str)> = None;
            if let Some(d) = &doi {
                match by_doi.entry((record.format, d.clone())) {
                    Entry::Occupied(earlier) => found = Some((*earlier.get(), "doi")),
                    Entry::Vacant(slot) => {
                        slot.insert(record);
                    }
                }
            }
            if let Some(t) = title {
                match by_title.entry((record.format, t)) {
                    Entry::Occupied(earlier) => {
                        // Two different DOIs are two works (a preprint and its paper, an erratum).
                        let earlier = *earlier.get();
                        let other_doi = normalized_doi(earlier);
                        let conflict = matches!((&doi, &other_doi), (Some(a), Some(b)) if a != b);
                        if found.is_none() && !conflict {
                            found = Some((earlier, "title"));
                        }
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(record);
                    }
                }
            }
            let Some((earlier, why)) = found else { continue };
            if same_key(record, earlier) || std::ptr::eq(record, earlier) || placed_apart(record, earlier) {
                continue; // the same key twice is CL010's
            }
            // Records without keys (RIS without `ID`, Refer without `%F`) in different files are
            // separate lists (the reference lists of several papers), not one bibliography.
            if (record.key.is_none() || earlier.key.is_none()) && record.span.file != earlier.span.file {
                continue;
            }
            let here = record.key.as_ref().map_or(record.span, |k| k.span);
            let there = earlier.key.as_ref().map_or(earlier.span, |k| k.span);
            let name = |r: &Record| r.key_str().map_or_else(|| "an entry without key".to_owned(), |k| format!("`{k}`"));
            let message = match why {
                "doi" => format!(
                    "{} has the same DOI as {} (`{}`): one work, two entries",
                    name(record),
                    name(earlier),
                    doi.as_deref().unwrap_or("")
                ),
                _ => format!(
                    "{} has the same title, first author and year as {}: one work, two entries",
                    name(record),
                    name(earlier)
                ),
            };
            cx.set_record(record.key_str());
            let d = cx.report(here, message);
            d.label(there, "first entry of this work");
            d.note("keep one entry and cite it by one key");
        }
        cx.set_record(None);
    }
}
