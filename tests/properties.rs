//! Property tests: fixes touch nothing outside their spans, fixing is idempotent, and no input
//! makes citelint panic.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

use citelint::config::Settings;
use citelint::fix::{apply_edits, Applicability};
use proptest::prelude::*;

/// One generated field: plausible names and values, some empty, some repeated.
fn field() -> impl Strategy<Value = String> {
    let names = prop::sample::select(vec![
        "title",
        "Title",
        "author",
        "year",
        "note",
        "pages",
        "journal",
        "booktitle",
        "publisher",
        "auhtor",
        "doi",
        "month",
    ]);
    let values = prop::sample::select(vec![
        "{A Title}",
        "{}",
        "\"\"",
        "{  }",
        "2020",
        "jul",
        "acl",
        "{Smith, Ann and Jones, Bo}",
        "\"12--34\"",
        "{{BERT} and {GPT}}",
        "\"x\" # jul",
        "{10.1000/xyz}",
        "{BERT and GPUs: R&D at 50% of C# with x_y}",
        "{Caf&eacute; &amp; Th\\&amp;e &#233; &#20013;}",
        "\"Cafe\u{301} \u{202E}x\u{1b}\u{96} d\u{e2}\u{80}\u{99}t\"",
        "{iPhone $x_1$ costs $5 \\url{http://a.org/a_b&c} {NASA} \\LaTeX}",
        "{{\\'A}lvarez-Mellado, Elena and O{'}Shaughnessy, Douglas}",
        "{McDonald's 3D: {B}ERT-{II} \\& \\_ $}",
    ]);
    (names, values, prop::sample::select(vec![" = ", "=", "  =  "])).prop_map(|(n, v, eq)| format!("{n}{eq}{v}"))
}

fn entry() -> impl Strategy<Value = String> {
    let types = prop::sample::select(vec!["article", "misc", "inproceedings", "book", "artcle", "string"]);
    let keys = prop::sample::select(vec!["a", "A", "b", "smith2020", ""]);
    (types, keys, prop::collection::vec(field(), 0..6), any::<bool>(), any::<bool>()).prop_map(
        |(t, k, fields, trailing, multiline)| {
            let sep = if multiline { ",\n  " } else { ", " };
            let mut s = if t == "string" {
                "@string{".to_owned()
            } else {
                format!("@{t}{{{k},{}", if multiline { "\n  " } else { " " })
            };
            s.push_str(&fields.join(sep));
            if trailing {
                s.push(',');
            }
            s.push_str(if multiline { "\n}" } else { "}" });
            s
        },
    )
}

fn bibfile() -> impl Strategy<Value = String> {
    (prop::collection::vec(entry(), 1..6), any::<bool>(), prop::sample::select(vec!["", "% comment\n", "junk text\n"]))
        .prop_map(|(entries, crlf, junk)| {
            let text = entries.join(&format!("\n{junk}"));
            if crlf {
                text.replace('\n', "\r\n")
            } else {
                text
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn fixes_touch_nothing_outside_their_edits(text in bibfile()) {
        let settings = Settings::default();
        let checked = citelint::api::check(&[("p.bib", text.as_bytes())], &settings);
        let fixes: Vec<_> = checked.diagnostics.iter().filter_map(|d| d.fix.as_ref()).collect();
        let (out, edits) = apply_edits(&text, &fixes);
        // Rebuild the output from the original text and the applied edits alone.
        let mut rebuilt = String::new();
        let mut pos = 0usize;
        for e in &edits {
            let (start, end) = (e.span.start as usize, e.span.end as usize);
            prop_assert!(start >= pos, "applied edits overlap");
            rebuilt.push_str(&text[pos..start]);
            rebuilt.push_str(&e.replacement);
            pos = end;
        }
        rebuilt.push_str(&text[pos..]);
        prop_assert_eq!(out, rebuilt);
    }

    #[test]
    fn fixing_twice_changes_nothing_more(text in bibfile()) {
        let settings = Settings::default();
        let once = citelint::api::fix("p.bib", text.as_bytes(), &settings, Applicability::Unsafe)
            .unwrap_or_else(|| text.clone().into_bytes());
        let twice = citelint::api::fix("p.bib", &once, &settings, Applicability::Unsafe);
        prop_assert!(twice.is_none(), "second fix changed:\n{}\n=>\n{}", String::from_utf8_lossy(&once), String::from_utf8_lossy(&twice.unwrap()));
        // Line endings stay as they were.
        let fixed = String::from_utf8_lossy(&once);
        if text.contains("\r\n") {
            prop_assert!(!fixed.replace("\r\n", "").contains('\n'), "LF introduced into a CRLF file");
        }
    }

    #[test]
    fn text_rule_fixes_converge(text in bibfile()) {
        let rules = ["CL016", "CL030", "CL601", "CL602", "CL603", "CL604", "CL605"];
        let settings = Settings { select: Some(rules.iter().map(|r| (*r).to_owned()).collect()), ..Settings::default() };
        let once = citelint::api::fix("p.bib", text.as_bytes(), &settings, Applicability::Unsafe)
            .unwrap_or_else(|| text.clone().into_bytes());
        let twice = citelint::api::fix("p.bib", &once, &settings, Applicability::Unsafe);
        prop_assert!(twice.is_none(), "second fix changed:\n{}\n=>\n{}", String::from_utf8_lossy(&once), String::from_utf8_lossy(&twice.unwrap()));
        let after = citelint::api::check(&[("p.bib", once.as_slice())], &settings);
        let fixable: Vec<_> = after.diagnostics.iter().filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= Applicability::Unsafe)).map(|d| d.message.clone()).collect();
        prop_assert!(fixable.is_empty(), "fixable diagnostics left after fixing: {:?}\n{}", fixable, String::from_utf8_lossy(&once));
    }

    #[test]
    fn fixes_never_add_syntax_errors(text in bibfile()) {
        let settings = Settings { select: Some(vec!["CL001".into()]), ..Settings::default() };
        let before = citelint::api::check(&[("p.bib", text.as_bytes())], &settings).diagnostics.len();
        if let Some(fixed) = citelint::api::fix("p.bib", text.as_bytes(), &Settings::default(), Applicability::Unsafe) {
            let after = citelint::api::check(&[("p.bib", fixed.as_slice())], &settings).diagnostics.len();
            prop_assert!(after <= before);
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let settings = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
        let _ = citelint::api::check(&[("p.bib", bytes.as_slice())], &settings);
        let _ = citelint::api::fix("p.bib", &bytes, &settings, Applicability::Unsafe);
    }

    #[test]
    fn mutated_bibtex_never_panics(text in bibfile(), cut in 0usize..400, insert in prop::sample::select(vec!["{", "}", "\"", "@", ",", "=", "#", "\\", "\n@misc{"])) {
        let mut t = text.clone();
        let at = (0..=cut.min(t.len())).rev().find(|&i| t.is_char_boundary(i)).unwrap_or(0);
        t.insert_str(at, insert);
        let settings = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
        let _ = citelint::api::check(&[("p.bib", t.as_bytes())], &settings);
        let _ = citelint::api::fix("p.bib", t.as_bytes(), &settings, Applicability::Unsafe);
    }
}

/// Inputs the fuzzer found (fixtures/regressions): fixing them, with every rule and unsafe
/// fixes on, is idempotent and adds no syntax error.
#[test]
fn regression_fixtures_fix_idempotently() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/regressions");
    let all = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        let once = citelint::api::fix(&name, &bytes, &all, Applicability::Unsafe).unwrap_or(bytes);
        assert!(citelint::api::fix(&name, &once, &all, Applicability::Unsafe).is_none(), "{name}");
    }
}
