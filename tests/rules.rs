//! Snapshot tests: every case of every rule (rules/CLnnn-name/cases/*), rendered as the user
//! sees it, and the text after all fixes (unsafe included) when there are any.
//!
//! A case is one file, or a folder `cases/<name>.works/` whose files are checked together as
//! one run (cross-format rules: the records of one work in several files). A `citelint.toml`
//! in such a folder is its configuration (for `[works] source-of-truth`), not a case file.
//! Its snapshot is the full output (labels in every file) and each changed file after the fixes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use citelint::fix::Applicability;

#[test]
fn rule_cases() {
    let mut seen = 0;
    for dir in common::rule_dirs() {
        let folder = common::file_name(&dir);
        let code = folder.split('-').next().unwrap().to_owned();
        // CL040 judges other rules' suppressions: its cases run with the default rules on.
        let settings = if code == "CL040" { citelint::config::Settings::default() } else { common::only(&code) };
        let mut cases: Vec<_> = std::fs::read_dir(dir.join("cases")).unwrap().map(|e| e.unwrap().path()).collect();
        cases.sort();
        assert!(!cases.is_empty(), "{folder} has no cases");
        for case in cases {
            let name = common::file_name(&case);
            if case.is_dir() {
                let snapshot = works_case(&case, &code);
                insta::assert_snapshot!(format!("{folder}__{name}"), snapshot);
                seen += 1;
                continue;
            }
            let bytes = std::fs::read(&case).unwrap();
            let label = format!("cases/{name}");
            let checked = citelint::api::check(&[(label.as_str(), bytes.as_slice())], &settings);
            let mut snapshot = common::render(&checked);
            if let Some(fixed) = citelint::api::fix(&label, &bytes, &settings, Applicability::Unsafe) {
                snapshot.push_str("\n----- fixed -----\n");
                snapshot.push_str(&String::from_utf8_lossy(&fixed));
            }
            insta::assert_snapshot!(format!("{folder}__{name}"), snapshot);
            seen += 1;
        }
    }
    assert!(seen > 0);
}

/// CL030's options: the cases run with the default preset (`acl`); the other schemes here.
#[test]
fn key_pattern_options() {
    let bib = "@article{KEY, author = {{\\'A}lvarez-Mellado, Elena and Lignos, C.}, title = {On Deep Borrowings}, journal = {J}, year = 2022}\n";
    let run = |options: &str, key: &str| -> Vec<String> {
        let mut settings = common::only("CL030");
        settings.rule_options.insert("CL030".into(), options.parse::<toml::Table>().unwrap());
        let text = bib.replace("KEY", key);
        let checked = citelint::api::check(&[("k.bib", text.as_bytes())], &settings);
        checked.diagnostics.iter().map(|d| d.message.clone()).collect()
    };
    for ok in ["AlvarezMellado2022", "alvarezmellado2022", "AlvarezMellado2022b", "AlvarezMellado2022Deep"] {
        assert!(run("preset = \"author-year\"", ok).is_empty(), "{ok}");
    }
    assert_eq!(
        run("preset = \"author-year\"", "Alvarez2022"),
        ["key `Alvarez2022` does not follow the author-year key scheme: expected `AlvarezMellado2022`"]
    );
    for ok in [
        "alvarez-mellado-lignos-2022-deep",
        "alvarez-mellado-lignos-2022-deep-borrowings",
        "alvarez-mellado-lignos-2022-deep-2",
    ] {
        assert!(run("preset = \"acl\"", ok).is_empty(), "{ok}");
    }
    for ok in ["alvarezmellado:2022", "alvarezmellado:2022a"] {
        assert!(run("pattern = \"{author}:{year}\"", ok).is_empty(), "{ok}");
    }
    assert_eq!(
        run("pattern = \"{Author}_{year}_{title}\"", "x"),
        ["key `x` does not follow the pattern `{Author}_{year}_{title}`: expected `AlvarezMellado_2022_deep`"]
    );
}

/// A `.works` case: every file of the folder in one run; the unsafe fixes applied per file.
fn works_case(dir: &std::path::Path, code: &str) -> String {
    assert!(common::file_name(dir).ends_with(".works"), "{}: a case folder is named `<name>.works`", dir.display());
    let case = common::file_name(dir);
    let mut paths: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut settings = common::only(code);
    let mut files = Vec::new();
    for p in paths {
        let name = common::file_name(&p);
        if name == "citelint.toml" {
            let loaded = citelint::config::load(&p).unwrap();
            settings.works = loaded.works;
            continue;
        }
        files.push((format!("cases/{case}/{name}"), std::fs::read(&p).unwrap()));
    }
    let sources: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let checked = citelint::api::check(&sources, &settings);
    let mut snapshot = common::render(&checked);
    for (i, (name, _)) in files.iter().enumerate() {
        let text = &checked.db.get(citelint::source::FileId(u32::try_from(i).unwrap())).text;
        let fixes: Vec<&citelint::fix::Fix> = checked
            .diagnostics
            .iter()
            .filter(|d| d.span.file.0 as usize == i)
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| f.applicability >= Applicability::Unsafe)
            .collect();
        let (fixed, applied) = citelint::fix::apply(text, &fixes);
        if applied > 0 {
            snapshot.push_str(&format!("\n----- fixed {name} -----\n"));
            snapshot.push_str(&fixed);
        }
    }
    snapshot
}
