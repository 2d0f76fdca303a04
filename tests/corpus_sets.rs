//! The corpus's cross-format set: Zotero's "All Item Types" library (35 items) exported as
//! MODS, RIS, Refer, BibTeX and CSL-JSON (../shared/corpus/README.md, "Cross-format sets").
//! Runs only where ../shared/corpus exists (CI sweeps it; the project's own tests do not need it).
//!
//! Every item lowers to the same title and year in all five formats. Authors differ only where
//! the data does: Zotero's Refer export writes every creator (contributors too) as `%A`, and its
//! MODS and CSL-JSON keep non-author creators (artist, director, performer, ...) under their
//! own roles, where its BibTeX and RIS call them authors. So the first author is compared where
//! MODS has an author at all.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use citelint::config::Settings;
use citelint::model::{tex, Field, Format, Record};

fn records(path: &str, format: Format) -> Option<Vec<Record>> {
    let bytes = std::fs::read(common::root().join("../shared/corpus").join(path)).ok()?;
    let checked = citelint::api::check_format(path, &bytes, format, &Settings::default());
    Some(checked.files.into_iter().flat_map(|f| f.records).collect())
}

fn key(s: &str) -> String {
    tex::fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn zotero_all_item_types_agree_across_five_formats() {
    let sets = [
        ("mods/aurimasv__zotero-import-export-formats__MODS.xml", Format::Mods),
        ("ris/aurimasv__zotero-import-export-formats__RIS.ris", Format::Ris),
        ("enw/aurimasv__zotero-import-export-formats__Refer-BibIX.txt", Format::Refer),
        ("bib/aurimasv__zotero-import-export-formats__BibTeX__journal_abbr_.bib", Format::Bibtex),
        ("csljson/aurimasv__zotero-import-export-formats__CSL_JSON.json", Format::CslJson),
    ];
    let Some(all) = sets.iter().map(|(p, f)| records(p, *f)).collect::<Option<Vec<_>>>() else {
        eprintln!("skipped: ../shared/corpus is not here");
        return;
    };
    for (records, (path, _)) in all.iter().zip(&sets) {
        assert_eq!(records.len(), 35, "{path}");
    }
    let mut author_checks = 0;
    for i in 0..35 {
        let titles: Vec<String> = all.iter().map(|r| key(r[i].text(Field::Title).unwrap_or(""))).collect();
        assert!(titles.iter().all(|t| *t == titles[0] && !t.is_empty()), "item {i}: titles {titles:?}");
        let years: Vec<Option<i32>> =
            all.iter().map(|r| r[i].issued().and_then(|d| d.year.as_ref()).map(|y| y.value)).collect();
        assert!(years.iter().all(|y| *y == years[0]), "item {i}: years {years:?}");
        let first = |r: &Record| r.names(Field::Author).and_then(|n| n.names.first()).map(|n| key(n.family()));
        if let Some(mods_first) = first(&all[0][i]) {
            for (records, (path, _)) in all.iter().zip(&sets) {
                assert_eq!(first(&records[i]).as_deref(), Some(mods_first.as_str()), "item {i} in {path}");
            }
            author_checks += 1;
        }
    }
    assert!(author_checks >= 20, "only {author_checks} items have a MODS author");
}
