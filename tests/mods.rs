//! MODS: parse fixtures, the ACL sample's MODS part against its BibTeX part, the CLI on it, and
//! no panics (with spans in bounds) on arbitrary and mutated XML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use std::path::PathBuf;

use assert_cmd::Command;
use citelint::formats::mods::{self, ModsFile};
use citelint::model::{Field, Record, Value};
use citelint::source::{FileId, Span};
use proptest::prelude::*;

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = common::root().join("fixtures/parse/mods").join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

fn line_of(text: &str, offset: u32) -> usize {
    text.as_bytes().iter().take(offset as usize).filter(|&&b| b == b'\n').count() + 1
}

/// Every span of the tree, the errors and the records lies within the text, on char boundaries.
fn check_spans(text: &str, tree: &ModsFile, errors: &[citelint::formats::SyntaxError], records: &[Record]) {
    let ok = |s: Span| assert!(text.get(s.range()).is_some(), "span {s:?} out of bounds in {text:?}");
    for e in tree.elements() {
        ok(e.span);
        ok(e.name_span);
        e.text.iter().for_each(|t| ok(t.span));
        for a in &e.attributes {
            ok(a.name_span);
            ok(a.value_span);
        }
    }
    tree.comments.iter().for_each(|c| ok(c.span));
    errors.iter().for_each(|e| ok(e.span));
    for r in records {
        ok(r.span);
        ok(r.kind.span);
        r.key.iter().for_each(|k| ok(k.span));
        for entry in r.fields.entries() {
            ok(entry.raw);
            ok(entry.native.span);
            match &entry.value {
                Value::Names(n) => n.names.iter().for_each(|n| ok(n.span)),
                Value::Pages(p) => {
                    ok(p.start.span);
                    p.end.iter().for_each(|e| ok(e.span));
                }
                Value::Date(d) => {
                    d.year.iter().for_each(|y| ok(y.span));
                    d.month.iter().for_each(|m| ok(m.span));
                }
                _ => {}
            }
        }
    }
}

#[test]
fn valid_fixtures_parse_cleanly() {
    for path in fixtures("valid") {
        let text = std::fs::read_to_string(&path).unwrap();
        let out = mods::parse(FileId(0), &text);
        assert!(out.syntax.is_empty(), "{}: {:?}", path.display(), out.syntax);
        assert!(!out.records.is_empty(), "{}: no records", path.display());
        check_spans(&text, &out.ast, &out.syntax, &out.records);
    }
}

#[test]
fn invalid_fixtures_report_at_the_expected_line() {
    for path in fixtures("invalid") {
        let text = std::fs::read_to_string(&path).unwrap();
        let expect: usize =
            text.split("expect: line ").nth(1).unwrap().split_whitespace().next().unwrap().parse().unwrap();
        let out = mods::parse(FileId(0), &text);
        let first = out.syntax.first().unwrap_or_else(|| panic!("{}: no error", path.display()));
        assert_eq!(line_of(&text, first.span.start), expect, "{}: {first:?}", path.display());
        assert!(!first.message.contains("lollol"), "entities must not be expanded");
        check_spans(&text, &out.ast, &out.syntax, &out.records);
    }
}

#[test]
fn host_part_and_names_lower() {
    let text = std::fs::read_to_string(common::root().join("fixtures/parse/mods/valid/article-host-part.xml")).unwrap();
    let r = &mods::parse(FileId(0), &text).records[0];
    assert_eq!(r.text(Field::ContainerTitle), Some("Journal of Examples"));
    assert_eq!(r.text(Field::Volume), Some("12"));
    assert_eq!(r.text(Field::Issue), Some("3"));
    assert_eq!(r.text(Field::Issn), Some("1234-5679"));
    assert_eq!(r.text(Field::Doi), Some("10.1234/example.5678"));
    assert_eq!(r.text(Field::Language), Some("English"));
    let d = r.issued().unwrap();
    assert_eq!((d.year.as_ref().unwrap().value, d.month.as_ref().unwrap().value), (2021, 7));
    let authors = r.names(Field::Author).unwrap();
    assert_eq!(authors.names.len(), 2);
    assert_eq!(authors.names[1].family(), "Example Consortium");
    let text = std::fs::read_to_string(common::root().join("fixtures/parse/mods/valid/prefixed.xml")).unwrap();
    let r = &mods::parse(FileId(0), &text).records[0];
    assert_eq!(r.text(Field::Title), Some("The Prefixed Record: A Test"));
    assert_eq!(r.text(Field::Publisher), Some("Example & Sons"));
    assert_eq!(r.names(Field::Author).unwrap().names[0].suffix(), Some("Jr."));
    assert_eq!(r.issued().unwrap().day.as_ref().unwrap().value, 5);
}

fn acl_mods() -> (String, Record) {
    let text = std::fs::read_to_string(common::root().join("fixtures/acl/hu-etal-2026-towards.xml")).unwrap();
    let out = mods::parse(FileId(0), &text);
    assert!(out.syntax.is_empty());
    assert_eq!(out.records.len(), 1);
    (text.clone(), out.records.into_iter().next().unwrap())
}

fn acl_bibtex() -> Record {
    let text = std::fs::read_to_string(common::root().join("fixtures/acl/hu-etal-2026-towards.bib")).unwrap();
    let (ast, _) = citelint::formats::bibtex::parser::parse(FileId(1), &text);
    citelint::formats::bibtex::lower::lower(&ast, &text).into_iter().next().unwrap()
}

fn names(r: &Record, f: Field) -> Vec<(String, String)> {
    r.names(f)
        .unwrap()
        .names
        .iter()
        .map(|n| (n.family().to_owned(), n.given().unwrap_or_default().replace('.', "")))
        .collect()
}

#[test]
fn acl_sample_mods_agrees_with_its_bibtex() {
    let (text, m) = acl_mods();
    let b = acl_bibtex();
    assert_eq!(m.key_str(), Some("hu-etal-2026-towards"));
    let authors = names(&m, Field::Author);
    assert_eq!(authors.len(), 9);
    assert_eq!(authors[0], ("Hu".to_owned(), "Yi".to_owned()));
    assert_eq!(authors[8], ("Pan".to_owned(), "Liangming".to_owned()));
    assert_eq!(authors, names(&b, Field::Author));
    let editors = names(&m, Field::Editor);
    assert_eq!(editors.len(), 4);
    assert_eq!(m.names(Field::Editor).unwrap().names[1].given(), Some("Viviane P"));
    assert_eq!(editors, names(&b, Field::Editor));
    for f in [Field::Title, Field::ContainerTitle, Field::Publisher, Field::Place, Field::Isbn] {
        let bt = b.text(f).unwrap().replace(['{', '}'], "");
        assert_eq!(m.text(f), Some(bt.as_str()), "{f:?}");
    }
    assert_eq!(m.text(Field::Isbn), Some("979-8-89176-390-6"));
    let p = m.pages().unwrap();
    assert_eq!((p.first_number().unwrap().value, p.last_number().unwrap().value), (19449, 19466));
    assert_eq!(&text[p.start.span.range()], "19449");
    assert_eq!(&text[p.end.as_ref().unwrap().span.range()], "19466");
    let (md, bd) = (m.issued().unwrap(), b.issued().unwrap());
    assert_eq!(md.year.as_ref().unwrap().value, 2026);
    assert_eq!(md.month.as_ref().unwrap().value, 7);
    assert_eq!(md.year.as_ref().unwrap().value, bd.year.as_ref().unwrap().value);
    assert_eq!(md.month.as_ref().unwrap().value, bd.month.as_ref().unwrap().value);
    let moreira = &m.names(Field::Editor).unwrap().names[1];
    assert!(text[moreira.span.range()].starts_with("<name type=\"personal\">"));
}

#[test]
fn acl_sample_mods_inspects_and_is_clean() {
    let path = common::root().join("fixtures/acl/hu-etal-2026-towards.xml");
    let out = Command::cargo_bin("citelint").unwrap().args(["inspect"]).arg(&path).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fields = &json[0]["fields"];
    assert_eq!(json[0]["format"], "mods");
    assert_eq!(fields["author"].as_array().unwrap().len(), 9);
    assert_eq!(fields["editor"][1]["given"], "Viviane P");
    assert_eq!(fields["pages"]["start"], "19449");
    assert_eq!(fields["issued"]["month"], 7);
    assert_eq!(fields["isbn"], "979-8-89176-390-6");
    Command::cargo_bin("citelint").unwrap().args(["check", "--isolated"]).arg(&path).assert().code(0);
}

#[test]
fn deep_nesting_gives_a_diagnostic() {
    let n = 100_000;
    let text = format!(
        "<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">{}{}</modsCollection>",
        "<mods>".repeat(n),
        "</mods>".repeat(n)
    );
    let out = mods::parse(FileId(0), &text);
    assert!(out.syntax.iter().any(|e| e.message.contains("nested")));
    let checked = citelint::api::check(&[("deep.xml", text.as_bytes())], &citelint::config::Settings::default());
    assert!(!checked.diagnostics.is_empty());
}

fn mods_doc() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "<titleInfo><title>T &amp; U</title></titleInfo>",
        "<name type=\"personal\"><namePart type=\"given\">A</namePart><namePart type=\"family\">B</namePart><role><roleTerm authority=\"marcrelator\" type=\"text\">editor</roleTerm></role></name>",
        "<originInfo><dateIssued>2019-jul</dateIssued><place><placeTerm>X</placeTerm></place></originInfo>",
        "<part><extent unit=\"page\"><start>12</start><end>3</end></extent><date>20</date></part>",
        "<relatedItem type=\"host\"><titleInfo><title>H</title></titleInfo><part><extent><list>1-4</list></extent></part></relatedItem>",
        "<!-- citelint: ignore[CL401] -->",
        "<bogus x=\"1\"/>",
        "<identifier type=\"citekey\">k</identifier>",
    ]);
    prop::collection::vec(piece, 0..6).prop_map(|ps| {
        format!(
            "<modsCollection xmlns=\"http://www.loc.gov/mods/v3\"><mods ID=\"a\">{}</mods></modsCollection>",
            ps.concat()
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(text in "[<>/a-z =\"'&;!?\\-\\[\\]é\n]{0,200}") {
        let out = mods::parse(FileId(0), &text);
        check_spans(&text, &out.ast, &out.syntax, &out.records);
    }

    #[test]
    fn mutated_mods_never_panics(doc in mods_doc(), cut in 0usize..600, insert in prop::sample::select(vec!["<", ">", "</mods>", "&", "\"", "<!--", "<!DOCTYPE x>", "é", "<mods ID=\"1\">"])) {
        let mut text = doc.clone();
        let at = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, insert);
        for t in [doc, text] {
            let out = mods::parse(FileId(0), &t);
            check_spans(&t, &out.ast, &out.syntax, &out.records);
            let checked = citelint::api::check(&[("m.xml", t.as_bytes())], &citelint::config::Settings::default());
            for d in &checked.diagnostics {
                prop_assert!(t.get(d.span.range()).is_some());
            }
        }
    }
}
