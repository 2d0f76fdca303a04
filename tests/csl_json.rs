//! CSL-JSON: the parse fixtures (`fixtures/parse/csl-json/{valid,invalid}`), the ACL sample
//! (`fixtures/acl/hu-etal-2026-towards.json`), and a property test: no input makes the JSON
//! parser or the lowering panic, and every span is within the text, on char boundaries.
//!
//! An invalid fixture `x.json` has `x.json.expect`: `LINE:COLUMN` of the first error (1-based,
//! columns in chars), its message, and the number of records still read.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

use std::path::{Path, PathBuf};

use citelint::formats::csl_json::json::{Json, JsonKind};
use citelint::formats::csl_json::{self, CslFile};
use citelint::model::{Field, Value};
use citelint::source::{decode, FileId, Span};
use proptest::prelude::*;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/parse/csl-json").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn line_col(text: &str, offset: u32) -> (usize, usize) {
    let before = &text[..offset as usize];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

fn check_span(text: &str, s: Span) {
    assert!(s.start <= s.end, "{s:?}");
    assert!(text.get(s.range()).is_some(), "span {s:?} not within the text or not on char boundaries");
}

/// Every span of the tree, iteratively.
fn check_tree(text: &str, root: &Json) {
    let mut todo = vec![root];
    while let Some(v) = todo.pop() {
        check_span(text, v.span);
        match &v.kind {
            JsonKind::Array(items) => {
                for i in items {
                    assert!(v.span.contains(i.span));
                    todo.push(i);
                }
            }
            JsonKind::Object(members) => {
                for m in members {
                    check_span(text, m.key_span());
                    assert!(v.span.contains(m.key_span()) && v.span.contains(m.value.span));
                    todo.push(&m.value);
                }
            }
            JsonKind::String(s) => {
                check_span(text, s.inner);
                assert!(v.span.contains(s.inner));
            }
            _ => {}
        }
    }
}

fn check_all_spans(text: &str, out: &citelint::formats::FormatOutput<CslFile>) {
    if let Some(root) = &out.ast.root {
        check_tree(text, root);
    }
    for e in &out.syntax {
        check_span(text, e.span);
        e.labels.iter().for_each(|(s, _)| check_span(text, *s));
    }
    for r in &out.records {
        check_span(text, r.span);
        check_span(text, r.kind.span);
        r.key.iter().for_each(|k| check_span(text, k.span));
        for e in r.fields.entries() {
            check_span(text, e.native.span);
            check_span(text, e.raw);
            match &e.value {
                Value::Names(n) => n.names.iter().for_each(|n| check_span(text, n.span)),
                Value::Pages(p) => {
                    check_span(text, p.start.span);
                    p.end.iter().for_each(|x| check_span(text, x.span));
                }
                Value::Date(d) => {
                    d.year.iter().for_each(|x| check_span(text, x.span));
                    d.month.iter().for_each(|x| check_span(text, x.span));
                    d.day.iter().for_each(|x| check_span(text, x.span));
                }
                _ => {}
            }
        }
    }
}

fn read(path: &Path) -> String {
    decode(&std::fs::read(path).unwrap()).0
}

#[test]
fn valid_fixtures_parse_cleanly() {
    for path in fixtures("valid") {
        let text = read(&path);
        let out = csl_json::parse(FileId(0), &text);
        assert!(out.syntax.is_empty(), "{}: {:?}", path.display(), out.syntax);
        assert_eq!(out.records.len(), out.ast.items().len(), "{}", path.display());
        check_all_spans(&text, &out);
    }
}

#[test]
fn invalid_fixtures_report_the_first_error_where_expected() {
    for path in fixtures("invalid") {
        let text = read(&path);
        let expect = std::fs::read_to_string(path.with_extension("json.expect")).unwrap();
        let mut lines = expect.lines();
        let (line, col) = lines.next().unwrap().split_once(':').unwrap();
        let message = lines.next().unwrap();
        let records: usize = lines.next().unwrap().parse().unwrap();
        let out = csl_json::parse(FileId(0), &text);
        let first = out.syntax.first().unwrap_or_else(|| panic!("{}: no error", path.display()));
        assert_eq!(first.message, message, "{}", path.display());
        assert_eq!(
            line_col(&text, first.span.start),
            (line.parse().unwrap(), col.parse().unwrap()),
            "{}",
            path.display()
        );
        assert_eq!(out.records.len(), records, "{}: records kept", path.display());
        check_all_spans(&text, &out);
    }
}

#[test]
fn the_acl_sample_lowers_to_its_values_and_checks_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/acl/hu-etal-2026-towards.json");
    let text = read(&path);
    let out = csl_json::parse(FileId(0), &text);
    assert!(out.syntax.is_empty());
    let [r] = out.records.as_slice() else { panic!("one record") };
    assert_eq!(r.key_str(), Some("hu-etal-2026-towards"));
    assert_eq!(r.kind.value, "paper-conference");
    assert!(r.text(Field::Title).unwrap().starts_with("Towards a Mechanistic Understanding of Large Reasoning Models"));
    assert_eq!(
        r.text(Field::ContainerTitle),
        Some("Proceedings of the 64th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)")
    );
    let authors: Vec<_> = r.names(Field::Author).unwrap().names.iter().map(|n| n.family()).collect();
    assert_eq!(authors, ["Hu", "Gu", "Wang", "Yao", "Peng", "Wu", "Chen", "Zhang", "Pan"]);
    let editors = &r.names(Field::Editor).unwrap().names;
    assert_eq!(editors.len(), 4);
    assert_eq!(editors[1].given(), Some("Viviane P."));
    let d = r.issued().unwrap();
    assert_eq!((d.year.as_ref().unwrap().value, d.month.as_ref().unwrap().value), (2026, 7));
    assert!(d.day.is_none());
    let p = r.pages().unwrap();
    assert_eq!((p.first_number().unwrap().value, p.last_number().unwrap().value), (19449, 19466));
    assert_eq!(&text[p.start.span.range()], "19449");
    assert_eq!(&text[p.end.as_ref().unwrap().span.range()], "19466");
    assert_eq!(r.text(Field::Publisher), Some("Association for Computational Linguistics"));
    assert_eq!(r.text(Field::Place), Some("San Diego, California, United States"));
    assert_eq!(r.text(Field::Isbn), Some("979-8-89176-390-6"));
    assert_eq!(r.text(Field::Url), Some("https://aclanthology.org/2026.acl-long.889/"));
    check_all_spans(&text, &out);

    let settings = citelint::config::Settings::default();
    let checked = citelint::api::check(&[("hu-etal-2026-towards.json", text.as_bytes())], &settings);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

const SEED: &str = r#"[{"id": "a\u00e9", "type": "book", "title": "T \"q\" 中", "author": [{"family": "X", "given": "Y"}],
 "issued": {"date-parts": [["2020", 7, 1]]}, "page": "12–34", "volume": 3.5e1, "custom": {"k": [null, true]}},
 {"id": 7, "type": "paper-conference", "issued": {"raw": "2021-02-03"}, "page": "a\u002D1-2"}]"#;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Arbitrary text never panics; spans stay in bounds.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let out = csl_json::parse(FileId(0), &text);
        check_all_spans(&text, &out);
    }

    /// Mutated CSL-JSON (chars deleted, inserted, replaced) never panics; spans stay in bounds.
    #[test]
    fn mutated_csl_json_never_panics(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(
            vec!['"', '\\', '{', '}', '[', ']', ',', ':', 'u', 'd', '8', '0', '-', 'é', '😀', '\n', ' ', 'e', 'n'])), 1..8)
    ) {
        let mut chars: Vec<char> = SEED.chars().collect();
        for (at, op, c) in edits {
            if chars.is_empty() { break; }
            let i = at.index(chars.len());
            match op {
                0 => { chars.remove(i); }
                1 => chars.insert(i, c),
                _ => chars[i] = c,
            }
        }
        let text: String = chars.into_iter().collect();
        let out = csl_json::parse(FileId(0), &text);
        check_all_spans(&text, &out);
        let settings = citelint::config::Settings::default();
        let _ = citelint::api::check(&[("m.json", text.as_bytes())], &settings);
    }
}
