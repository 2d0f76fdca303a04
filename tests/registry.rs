//! The three places a rule lives agree: `rules::ALL`, `src/rules/clnnn_name.rs`, and
//! `rules/CLnnn-name/` with a README in the fixed form and at least one case.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::collections::BTreeSet;

use citelint::rules::{FixAvailability, ALL};

#[test]
fn codes_names_files_and_folders_agree() {
    let root = common::root();
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for rule in ALL {
        let m = rule.meta();
        assert!(codes.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        assert!(m.code.len() == 5 && m.code.starts_with("CL"), "bad code {}", m.code);
        assert!(m.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "bad name {}", m.name);
        let file = format!("src/rules/{}_{}.rs", m.code.to_lowercase(), m.name.replace('-', "_"));
        assert!(root.join(&file).is_file(), "missing {file}");
        let folder = root.join("rules").join(m.folder());
        assert!(folder.join("README.md").is_file(), "missing README for {}", m.code);
        assert!(folder.join("cases").is_dir(), "missing cases for {}", m.code);
        let readme = std::fs::read_to_string(folder.join("README.md")).unwrap();
        assert_eq!(readme, m.doc, "{}: embedded doc is not the README", m.code);
    }
    for dir in common::rule_dirs() {
        let folder = common::file_name(&dir);
        assert!(ALL.iter().any(|r| r.meta().folder() == folder), "rules/{folder} has no rule in ALL");
    }
    let codes_in_order: Vec<_> = ALL.iter().map(|r| r.meta().code).collect();
    let mut sorted = codes_in_order.clone();
    sorted.sort_unstable();
    assert_eq!(codes_in_order, sorted, "ALL is kept in code order");
}

#[test]
fn readmes_have_the_fixed_form() {
    for rule in ALL {
        let m = rule.meta();
        let doc = m.doc;
        let first = doc.lines().next().unwrap();
        assert_eq!(first, format!("# {} {}", m.code, m.name), "{}: title line", m.code);
        let meta_line = doc.lines().nth(2).unwrap();
        assert!(meta_line.starts_with("Formats: "), "{}: second paragraph is `Formats: ...`", m.code);
        assert!(meta_line.contains(&format!("Severity: {}", m.severity.name())), "{}: severity line", m.code);
        let fix_word = match m.fix {
            FixAvailability::Never => "Fix: never",
            FixAvailability::Sometimes => "Fix: sometimes",
            FixAvailability::Always => "Fix: always",
        };
        assert!(meta_line.contains(fix_word), "{}: `{fix_word}` in `{meta_line}`", m.code);
        let order = ["## What it does", "## Why is this bad?", "## Example", "Use instead:", "## References"];
        let mut at = 0;
        for heading in order {
            let found =
                doc[at..].find(heading).unwrap_or_else(|| panic!("{}: `{heading}` missing or out of order", m.code));
            at += found;
        }
        if m.fix != FixAvailability::Never {
            assert!(doc.contains("## Fix safety"), "{}: a rule that fixes explains its fix safety", m.code);
        }
        assert!(!m.summary().is_empty(), "{}: empty summary", m.code);
    }
}
