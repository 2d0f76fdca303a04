//! Every README's examples run: the `## Example` block triggers the rule, the `Use instead:`
//! block does not, and where the README promises a safe fix, fixing the first gives the second.
//!
//! Cross-format rules need several files in one example. Such a block (tag `works`) holds
//! several files, each introduced by a line `==> name.ext <==` (as `head` prints them); the
//! files are checked together as one run, and the extension of each name gives its format.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use citelint::fix::Applicability;
use citelint::rules::ALL;

/// The first fenced block after `marker`: (tag, body).
fn block_after<'a>(doc: &'a str, marker: &str) -> Option<(&'a str, &'a str)> {
    let rest = &doc[doc.find(marker)? + marker.len()..];
    let open = rest.find("```")?;
    let after = &rest[open + 3..];
    let tag_end = after.find('\n')?;
    let tag = after[..tag_end].trim();
    let body = &after[tag_end + 1..];
    let close = body.find("\n```")?;
    Some((tag, &body[..=close]))
}

fn extension(tag: &str) -> &str {
    match tag {
        "bib" | "bibtex" | "biblatex" => "bib",
        "xml" | "mods" => "xml",
        "ris" => "ris",
        "enw" | "refer" => "enw",
        "json" => "json",
        other => other,
    }
}

/// The files of an example block: one `example.ext`, or the `==> name <==` parts of a block.
fn files_of(tag: &str, body: &str) -> Vec<(String, Vec<u8>)> {
    if !body.starts_with("==> ") {
        return vec![(format!("example.{}", extension(tag)), common::unescape_bytes(body))];
    }
    let mut files: Vec<(String, String)> = Vec::new();
    for line in body.split_inclusive('\n') {
        let header = line.trim_end().strip_prefix("==> ").and_then(|l| l.strip_suffix(" <=="));
        match (header, files.last_mut()) {
            (Some(name), _) => files.push((name.to_owned(), String::new())),
            (None, Some((_, text))) => text.push_str(line),
            (None, None) => unreachable!(),
        }
    }
    files.into_iter().map(|(n, t)| (n, common::unescape_bytes(&t))).collect()
}

fn check_files(files: &[(String, Vec<u8>)], settings: &citelint::config::Settings) -> citelint::api::Checked {
    let sources: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    citelint::api::check(&sources, settings)
}

#[test]
fn examples_behave_as_documented() {
    for rule in ALL {
        let m = rule.meta();
        let settings = common::only(m.code);
        let (tag, bad) = block_after(m.doc, "## Example").unwrap_or_else(|| panic!("{}: no example", m.code));
        let (tag2, good) = block_after(m.doc, "Use instead:").unwrap_or_else(|| panic!("{}: no `Use instead`", m.code));
        let bad_files = files_of(tag, bad);
        let checked = check_files(&bad_files, &settings);
        assert!(
            checked.diagnostics.iter().any(|d| d.rule.code == m.code),
            "{}: the example does not trigger the rule:\n{bad}",
            m.code
        );
        let checked = check_files(&files_of(tag2, good), &settings);
        assert!(checked.diagnostics.is_empty(), "{}: `Use instead` triggers:\n{}", m.code, common::render(&checked));
        let safe_fix = m.doc.lines().nth(2).unwrap().contains("(safe)");
        if safe_fix {
            let [(name, bad_bytes)] = bad_files.as_slice() else {
                panic!("{}: a safe fix is shown on one file", m.code)
            };
            let fixed = citelint::api::fix(name, bad_bytes, &settings, Applicability::Safe)
                .unwrap_or_else(|| panic!("{}: the safe fix changes nothing", m.code));
            assert_eq!(String::from_utf8_lossy(&fixed), good, "{}: fixing the example", m.code);
        }
    }
}
