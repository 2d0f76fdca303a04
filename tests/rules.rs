//! Snapshot tests: every case of every rule (rules/CLnnn-name/cases/*), rendered as the user
//! sees it, and the text after all fixes (unsafe included) when there are any.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use citelint::fix::Applicability;

#[test]
fn rule_cases() {
    let mut seen = 0;
    for dir in common::rule_dirs() {
        let folder = common::file_name(&dir);
        let code = folder.split('-').next().unwrap().to_owned();
        let settings = common::only(&code);
        let mut cases: Vec<_> = std::fs::read_dir(dir.join("cases")).unwrap().map(|e| e.unwrap().path()).collect();
        cases.sort();
        assert!(!cases.is_empty(), "{folder} has no cases");
        for case in cases {
            let name = common::file_name(&case);
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
