//! Cross-format agreement (CL5xx) on the ACL Anthology sample: the same paper in BibTeX, MODS,
//! EndNote and CSL-JSON is one work and its formats agree.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

fn acl_set() -> Vec<(String, Vec<u8>)> {
    ["bib", "xml", "enw", "json"]
        .iter()
        .map(|ext| {
            let name = format!("fixtures/acl/hu-etal-2026-towards.{ext}");
            let bytes = std::fs::read(common::root().join(&name)).unwrap();
            (name, bytes)
        })
        .collect()
}

fn check(files: &[(String, Vec<u8>)]) -> citelint::api::Checked {
    let sources: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    citelint::api::check(&sources, &common::only("CL5"))
}

#[test]
fn the_acl_sample_agrees_across_formats() {
    let checked = check(&acl_set());
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
}

#[test]
fn one_changed_value_is_found_by_the_right_rule() {
    let cases: [(&str, &str, &str, &str); 5] = [
        ("enw", "%D 2026", "%D 2025", "CL505"),
        ("enw", "%P 19449-19466", "%P 19449-19467", "CL506"),
        ("json", "\"ISBN\": \"979-8-89176-390-6\",\n", "", "CL510"),
        ("xml", "<namePart type=\"family\">Gu</namePart>", "<namePart type=\"family\">Gao</namePart>", "CL502"),
        ("bib", "month = jul,", "month = aug,", "CL505"),
    ];
    for (ext, old, new, code) in cases {
        let mut files = acl_set();
        let file = files.iter_mut().find(|(n, _)| n.ends_with(ext)).unwrap();
        let text = String::from_utf8(file.1.clone()).unwrap();
        assert!(text.contains(old), "{old}");
        file.1 = text.replacen(old, new, 1).into_bytes();
        let changed = file.0.clone();
        let checked = check(&files);
        let codes: Vec<_> = checked.diagnostics.iter().map(|d| d.rule.code).collect();
        assert_eq!(codes, vec![code], "{ext}: {old} -> {new}\n{}", common::render(&checked));
        assert!(checked.diagnostics[0].notes.iter().any(|n| n.contains("grouped by")));
        assert_eq!(checked.db.get(checked.diagnostics[0].span.file).name, changed);
    }
}
