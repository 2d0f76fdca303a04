//! The sample export (one paper in five formats, one file) agrees with itself; one change in
//! one of its formats is found by the right rule, with labels in both places.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use citelint::config::Settings;

fn sample() -> String {
    std::fs::read_to_string(common::root().join("fixtures/acl/acl-export-2026.acl-long.889.txt")).unwrap()
}

fn codes(text: &str) -> Vec<(&'static str, usize, Vec<usize>)> {
    let checked = citelint::api::check(&[("bundle.txt", text.as_bytes())], &Settings::default());
    let file = checked.db.get(citelint::source::FileId(0));
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let line = file.line_col(d.span.start as usize).0;
            let related = d.related.iter().map(|l| file.line_col(l.span.start as usize).0).collect();
            (d.rule.code, line, related)
        })
        .collect()
}

#[test]
fn the_sample_is_clean() {
    assert!(codes(&sample()).is_empty());
}

#[test]
fn an_author_moved_in_the_mods_part() {
    let s = sample();
    let i = s.find("<name type=\"personal\">").unwrap();
    let j = s[i + 1..].find("<name type=\"personal\">").unwrap() + i + 1;
    let k = s[j + 1..].find("<name type=\"personal\">").unwrap() + j + 1;
    let moved = format!("{}{}{}{}", &s[..i], &s[j..k], &s[i..j], &s[k..]);
    let found = codes(&moved);
    assert_eq!(found.len(), 1, "{found:?}");
    let (code, line, related) = &found[0];
    assert_eq!(*code, "CL503");
    assert!(*line > 25, "the label is on the MODS name (line {line})");
    assert_eq!(related, &[3], "and on the BibTeX author list");
}

#[test]
fn the_year_changed_in_the_endnote_part() {
    let found = codes(&sample().replace("%D 2026", "%D 2025"));
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["CL505"]);
}

#[test]
fn et_al_changed_in_the_markdown_line() {
    let found = codes(&sample().replace("(Hu et al., ACL 2026)", "(Hu & Gu, ACL 2026)"));
    assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), ["CL511"]);
}
