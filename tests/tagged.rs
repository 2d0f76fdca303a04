//! RIS and Refer: the parse fixtures (`fixtures/parse/{ris,refer}/{valid,invalid}`), the ACL
//! sample's EndNote part, and a property test (no panic, spans in bounds).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::path::PathBuf;

use citelint::formats::tagged::{LineKind, Problem, TagRecord};
use citelint::formats::{refer, ris};
use citelint::model::{Field, Record, Value};
use citelint::source::{decode, FileId, Span};
use proptest::prelude::*;

fn fixtures(format: &str, kind: &str) -> Vec<PathBuf> {
    let dir = common::root().join("fixtures/parse").join(format).join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn in_bounds(text: &str, s: Span) {
    assert!(s.start <= s.end, "{s:?}");
    assert!(text.get(s.range()).is_some(), "span {s:?} not within the text / on char boundaries");
}

fn check_spans(text: &str, lines: &[citelint::formats::tagged::Line], recs: &[TagRecord], records: &[Record]) {
    for l in lines {
        in_bounds(text, l.span);
        if let LineKind::Tag { tag, value, .. } = l.kind {
            in_bounds(text, tag);
            in_bounds(text, value);
            assert!(l.span.contains(tag) && l.span.contains(value));
        }
    }
    for r in recs {
        in_bounds(text, r.span);
        for f in &r.fields {
            in_bounds(text, f.value);
            assert!(r.span.contains(f.line), "{:?} {:?}", r.span, f.line);
        }
    }
    for r in records {
        in_bounds(text, r.span);
        in_bounds(text, r.kind.span);
        for e in r.fields.entries() {
            in_bounds(text, e.raw);
            in_bounds(text, e.native.span);
            match &e.value {
                Value::Names(n) => n.names.iter().for_each(|n| in_bounds(text, n.span)),
                Value::Pages(p) => {
                    in_bounds(text, p.span);
                    in_bounds(text, p.start.span);
                    p.end.iter().for_each(|e| in_bounds(text, e.span));
                }
                Value::Date(d) => {
                    d.year.iter().for_each(|y| in_bounds(text, y.span));
                    d.month.iter().for_each(|m| in_bounds(text, m.span));
                    d.day.iter().for_each(|m| in_bounds(text, m.span));
                }
                _ => {}
            }
        }
    }
}

fn parse_ris(text: &str) -> (Vec<Problem>, Vec<Record>) {
    let out = ris::parse(FileId(0), text);
    check_spans(text, &out.ast.lines, &out.ast.records, &out.records);
    (out.ast.problems, out.records)
}

fn parse_refer(text: &str) -> (Vec<Problem>, Vec<Record>) {
    let out = refer::parse(FileId(0), text);
    check_spans(text, &out.ast.lines, &out.ast.records, &out.records);
    (out.ast.problems, out.records)
}

fn read(p: &PathBuf) -> String {
    decode(&std::fs::read(p).unwrap()).0
}

#[test]
fn valid_fixtures_are_clean() {
    for (format, ext) in [("ris", "ris"), ("refer", "enw")] {
        for path in fixtures(format, "valid") {
            let text = read(&path);
            let (problems, records) = if format == "ris" { parse_ris(&text) } else { parse_refer(&text) };
            assert!(problems.is_empty(), "{}: {problems:?}", path.display());
            assert!(!records.is_empty(), "{}", path.display());
            let name = format!("x.{ext}");
            let checked = citelint::api::check(
                &[(name.as_str(), std::fs::read(&path).unwrap().as_slice())],
                &citelint::config::Settings::default(),
            );
            assert!(checked.diagnostics.is_empty(), "{}:\n{}", path.display(), common::render(&checked));
        }
    }
}

#[test]
fn invalid_fixtures_are_reported_and_recovered() {
    // (file, records, first problem's line)
    let expect: &[(&str, usize, usize)] = &[
        ("malformed-tag.ris", 1, 0),
        ("missing-er.ris", 2, 1),
        ("missing-ty.ris", 2, 1),
        ("text-after-er.ris", 3, 4),
        ("missing-type.enw", 2, 1),
        ("stray-text.enw", 2, 4),
        ("type-not-first.enw", 1, 2),
        ("unknown-type.enw", 1, 0),
    ];
    for (format, code) in [("ris", "CL410"), ("refer", "CL420")] {
        for path in fixtures(format, "invalid") {
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let &(_, n, line) =
                expect.iter().find(|e| e.0 == name).unwrap_or_else(|| panic!("no expectation for {name}"));
            let text = read(&path);
            let (problems, records) = if format == "ris" { parse_ris(&text) } else { parse_refer(&text) };
            assert_eq!(records.len(), n, "{name}");
            if line > 0 {
                let first = match &problems[0] {
                    Problem::MissingType(s)
                    | Problem::TypeNotFirst(s, _)
                    | Problem::MissingEnd(s, _)
                    | Problem::TextOutsideRecord(s)
                    | Problem::StrayEnd(s)
                    | Problem::NotATag(s) => *s,
                    p => panic!("{p:?}"),
                };
                assert_eq!(text[..first.start as usize].matches('\n').count() + 1, line, "{name}");
            }
            let checked =
                citelint::api::check(&[(name.as_str(), std::fs::read(&path).unwrap().as_slice())], &common::only(code));
            assert!(!checked.diagnostics.is_empty(), "{name}: {code} finds nothing");
        }
    }
}

#[test]
fn acl_sample_endnote_lowers() {
    let path = common::root().join("fixtures/acl/hu-etal-2026-towards.enw");
    let text = read(&path);
    let (problems, records) = parse_refer(&text);
    assert!(problems.is_empty());
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r.kind.value, "Conference Proceedings");
    assert_eq!(r.key_str(), Some("hu-etal-2026-towards"));
    let authors: Vec<&str> = r.names(Field::Author).unwrap().names.iter().map(|n| n.family()).collect();
    assert_eq!(authors, ["Hu", "Gu", "Wang", "Yao", "Peng", "Wu", "Chen", "Zhang", "Pan"]);
    let editors = &r.names(Field::Editor).unwrap().names;
    let editor_names: Vec<(&str, Option<&str>)> = editors.iter().map(|n| (n.family(), n.given())).collect();
    assert_eq!(
        editor_names,
        [
            ("Liakata", Some("Maria")),
            ("Moreira", Some("Viviane P.")),
            ("Zhang", Some("Jiajun")),
            ("Jurgens", Some("David"))
        ]
    );
    let pages = r.pages().unwrap();
    assert_eq!(pages.first_number().unwrap().value, 19449);
    assert_eq!(pages.last_number().unwrap().value, 19466);
    assert_eq!(&text[pages.start.span.range()], "19449");
    assert_eq!(&text[pages.end.as_ref().unwrap().span.range()], "19466");
    let date = r.issued().unwrap();
    assert_eq!(date.year.as_ref().unwrap().value, 2026);
    assert_eq!(date.month.as_ref().unwrap().value, 7);
    assert_eq!(&text[date.month.as_ref().unwrap().span.range()], "July");
    assert_eq!(r.text(Field::Isbn), Some("979-8-89176-390-6"));
    assert!(r.text(Field::ContainerTitle).unwrap().starts_with("Proceedings of the 64th Annual Meeting"));
    assert_eq!(r.text(Field::Publisher), Some("Association for Computational Linguistics"));
    assert_eq!(r.text(Field::Url), Some("https://aclanthology.org/2026.acl-long.889/"));
}

#[test]
fn acl_sample_endnote_is_clean_on_the_command_line() {
    assert_cmd::Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(common::root())
        .args(["check", "--isolated", "fixtures/acl/hu-etal-2026-towards.enw"])
        .assert()
        .code(0);
}

fn tagged_input() -> impl Strategy<Value = String> {
    let lines = prop::sample::select(vec![
        "TY  - JOUR",
        "TY - BOOK",
        "ER  - ",
        "ER  -",
        "AU  - Smith, Ann",
        "AU - x",
        "AU-Jones",
        "au  - y",
        "SP  - 12-34",
        "EP  - 1",
        "PY  - 2019///",
        "DA  - MAY 4",
        "  continued é",
        "",
        "\r",
        "%0 Book",
        "%A Hu, Yi",
        "%Ax",
        "%",
        "%8 July 12",
        "%P 19449-19466",
        "%D 2026",
        "\u{feff}",
        "IS-LM",
        "ñ,,,",
    ]);
    (prop::collection::vec(lines, 0..30), prop::collection::vec(any::<char>(), 0..8), 0usize..400).prop_map(
        |(ls, junk, at)| {
            let mut s = ls.join("\n");
            let mut i = at.min(s.len());
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            s.insert_str(i, &junk.into_iter().collect::<String>());
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn tagged_parsers_never_panic(text in tagged_input()) {
        parse_ris(&text);
        parse_refer(&text);
    }

    #[test]
    fn tagged_parsers_never_panic_on_any_text(text in ".{0,300}") {
        parse_ris(&text);
        parse_refer(&text);
    }
}

/// Throughput of the RIS lexer and parser on a file named by `CITELINT_RIS_BENCH` (run with
/// `cargo test --release --test tagged -- --ignored --nocapture`).
#[test]
#[ignore = "a measurement, not a test"]
fn ris_throughput() {
    let Ok(path) = std::env::var("CITELINT_RIS_BENCH") else { return };
    let text = read(&PathBuf::from(path));
    let mb = text.len() as f64 / 1e6;
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let lines = citelint::formats::tagged::lex(FileId(0), &text, citelint::formats::tagged::Syntax::Ris);
        let lex = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let out = ris::parse(FileId(0), &text);
        let parse = t.elapsed().as_secs_f64();
        println!(
            "{mb:.1} MB, {} lines, {} records: lex {:.0} MB/s, parse+lower {:.0} MB/s",
            lines.len(),
            out.records.len(),
            mb / lex,
            mb / parse
        );
    }
}
