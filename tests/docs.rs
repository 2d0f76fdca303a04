//! Every README's examples run: the `## Example` block triggers the rule, the `Use instead:`
//! block does not, and where the README promises a safe fix, fixing the first gives the second.

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

#[test]
fn examples_behave_as_documented() {
    for rule in ALL {
        let m = rule.meta();
        let settings = common::only(m.code);
        let (tag, bad) = block_after(m.doc, "## Example").unwrap_or_else(|| panic!("{}: no example", m.code));
        let (tag2, good) = block_after(m.doc, "Use instead:").unwrap_or_else(|| panic!("{}: no `Use instead`", m.code));
        let name = format!("example.{}", extension(tag));
        let name2 = format!("example.{}", extension(tag2));
        let bad_bytes = common::unescape_bytes(bad);
        let checked = citelint::api::check(&[(name.as_str(), bad_bytes.as_slice())], &settings);
        assert!(
            checked.diagnostics.iter().any(|d| d.rule.code == m.code),
            "{}: the example does not trigger the rule:\n{bad}",
            m.code
        );
        let good_bytes = common::unescape_bytes(good);
        let checked = citelint::api::check(&[(name2.as_str(), good_bytes.as_slice())], &settings);
        assert!(checked.diagnostics.is_empty(), "{}: `Use instead` triggers:\n{}", m.code, common::render(&checked));
        let safe_fix = m.doc.lines().nth(2).unwrap().contains("(safe)");
        if safe_fix {
            let fixed = citelint::api::fix(&name, &bad_bytes, &settings, Applicability::Safe)
                .unwrap_or_else(|| panic!("{}: the safe fix changes nothing", m.code));
            assert_eq!(String::from_utf8_lossy(&fixed), good, "{}: fixing the example", m.code);
        }
    }
}
