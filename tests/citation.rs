//! Citation lines and bundles: the ACL sample export read as five records of one work, exact
//! spans, segments found by content, suppressions counted once, and no input that panics.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

mod common;

use assert_cmd::Command;
use citelint::config::Settings;
use citelint::model::{Field, Format, Record, Value};
use proptest::prelude::*;

const SAMPLE: &str = "fixtures/acl/acl-export-2026.acl-long.889.txt";

fn sample() -> (Vec<u8>, citelint::api::Checked) {
    let bytes = std::fs::read(common::root().join(SAMPLE)).unwrap();
    let checked = citelint::api::check(&[(SAMPLE, bytes.as_slice())], &Settings::default());
    (bytes, checked)
}

fn record(checked: &citelint::api::Checked, format: Format) -> &Record {
    checked.files.iter().flat_map(|f| &f.records).find(|r| r.format == format).unwrap()
}

#[test]
fn the_sample_lints_clean() {
    let mut c = Command::cargo_bin("citelint").unwrap();
    c.current_dir(common::root()).args(["--isolated", SAMPLE]).assert().code(0);
    let (_, checked) = sample();
    assert!(checked.diagnostics.is_empty(), "{}", common::render(&checked));
    citelint::api::check_spans(&checked).unwrap();
}

#[test]
fn inspect_shows_five_records_of_one_work() {
    let mut c = Command::cargo_bin("citelint").unwrap();
    let out = c
        .current_dir(common::root())
        .args(["inspect", "--isolated", SAMPLE])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let records = v.as_array().unwrap();
    let formats: Vec<&str> = records.iter().map(|r| r["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["bibtex", "mods", "refer", "markdown", "acl-text"]);
    let work = &records[0]["work"]["id"];
    assert!(work.is_number());
    assert!(records.iter().all(|r| &r["work"]["id"] == work));
    let reasons = records[0]["work"]["grouped_by"].to_string();
    assert!(reasons.contains("the bundle file fixtures/acl/acl-export-2026.acl-long.889.txt"), "{reasons}");
}

#[test]
fn the_acl_line_lowers_with_exact_spans() {
    let (bytes, checked) = sample();
    let text = std::str::from_utf8(&bytes).unwrap();
    let r = record(&checked, Format::AclText);
    let raw = |f: Field| &text[r.first(f).unwrap().raw.range()];
    let names: Vec<(String, String, &str)> = r
        .names(Field::Author)
        .unwrap()
        .names
        .iter()
        .map(|n| (n.given().unwrap().to_owned(), n.family().to_owned(), &text[n.span.range()]))
        .collect();
    let expected = [
        ("Yi", "Hu"),
        ("Jiaqi", "Gu"),
        ("Ruxin", "Wang"),
        ("Zijun", "Yao"),
        ("Hao", "Peng"),
        ("Xiaobao", "Wu"),
        ("Jianhui", "Chen"),
        ("Muhan", "Zhang"),
        ("Liangming", "Pan"),
    ];
    assert_eq!(names.len(), 9);
    for ((given, family, written), (g, f)) in names.iter().zip(expected) {
        assert_eq!((given.as_str(), family.as_str()), (g, f));
        assert_eq!(*written, format!("{g} {f}"));
    }
    assert!(r.first(Field::Editor).is_none());
    assert_eq!(
        raw(Field::Title),
        "Towards a Mechanistic Understanding of Large Reasoning Models: A Survey of Training, Inference, and Failures"
    );
    assert_eq!(
        raw(Field::ContainerTitle),
        "Proceedings of the 64th Annual Meeting of the Association for Computational Linguistics (Volume 1: Long Papers)"
    );
    assert_eq!(raw(Field::Pages), "19449–19466");
    let pages = r.pages().unwrap();
    assert_eq!(&text[pages.start.span.range()], "19449");
    assert_eq!(&text[pages.end.as_ref().unwrap().span.range()], "19466");
    assert_eq!(raw(Field::Place), "San Diego, California, United States");
    assert_eq!(raw(Field::Publisher), "Association for Computational Linguistics");
    assert_eq!(raw(Field::Issued), "2026");
    assert_eq!(r.issued().unwrap().year.as_ref().unwrap().value, 2026);
    assert!(text[r.span.range()].starts_with("Yi Hu, Jiaqi Gu"));
    assert!(text[r.span.range()].ends_with("Association for Computational Linguistics."));
}

#[test]
fn the_markdown_line_lowers_with_exact_spans() {
    let (bytes, checked) = sample();
    let text = std::str::from_utf8(&bytes).unwrap();
    let r = record(&checked, Format::Markdown);
    let raw = |f: Field| &text[r.first(f).unwrap().raw.range()];
    assert!(raw(Field::Title).starts_with("Towards a Mechanistic Understanding"));
    assert_eq!(raw(Field::Url), "https://aclanthology.org/2026.acl-long.889/");
    assert_eq!(raw(Field::ContainerTitle), "ACL");
    assert_eq!(r.first(Field::ContainerTitle).unwrap().native.value, "venue");
    assert_eq!(raw(Field::Issued), "2026");
    let names = r.names(Field::Author).unwrap();
    assert_eq!(names.names.len(), 1);
    assert_eq!(names.names[0].family(), "Hu");
    assert_eq!(&text[names.names[0].span.range()], "Hu");
    assert_eq!(&text[names.others.unwrap().range()], "et al.");
    match &r.first(Field::Title).unwrap().value {
        Value::Text(t) => assert!(t.ends_with("and Failures")),
        v => panic!("{v:?}"),
    }
}

#[test]
fn segments_are_found_by_content_in_any_order() {
    let text = "ACL\n- Ann Smith and Bo Jones. 2020. A Title. In Proc of X, pages 1–5.\n\nTY  - CONF\nAU  - Smith, Ann\nTI  - A Title\nER  - \n\n@inproceedings{smith-2020,\n  title = {A Title},\n  author = {Smith, Ann and Jones, Bo},\n  year = 2020,\n}\n";
    let checked = citelint::api::check(&[("x.txt", text.as_bytes())], &Settings::default());
    citelint::api::check_spans(&checked).unwrap();
    let formats: Vec<Format> = checked.files.iter().flat_map(|f| &f.records).map(|r| r.format).collect();
    assert_eq!(formats, [Format::AclText, Format::Ris, Format::Bibtex]);
    assert!(checked.files.iter().all(|f| f.bundle));
    let works = citelint::works::group(&checked.db, &checked.files, &Settings::default());
    assert_eq!(works.len(), 1);
    assert_eq!(works[0].records.len(), 3);
    let bib = record(&checked, Format::Bibtex);
    assert_eq!(&text[bib.span.range()].lines().next().unwrap(), &"@inproceedings{smith-2020,");
}

#[test]
fn a_suppression_in_a_bundle_is_counted_once() {
    let text = "% citelint: ignore[CL202]\n@inproceedings{a,\n  title = {T},\n  author = {A, B},\n  booktitle = {P},\n  year = 2020,\n}\nMarkdown (Informal)\n[T](https://x.org/a/) (A, X 2020)\n";
    let checked = citelint::api::check(&[("b.txt", text.as_bytes())], &Settings::default());
    assert!(checked.files.len() >= 2, "{:?}", checked.files.iter().map(|f| f.format).collect::<Vec<_>>());
    let unused = checked.diagnostics.iter().filter(|d| d.rule.code == "CL040").count();
    assert_eq!(unused, 1, "{}", common::render(&checked));
}

#[test]
fn fixing_a_bundle_fixes_each_segment() {
    let text = "@inproceedings{a,\n  title = {T},\n  author = {A, B},\n  booktitle = {P},\n  pages = {5-9},\n  year = 2020,\n}\nMarkdown (Informal)\n[T](https://x.org/a/) (A, X 2020)\n";
    let fixed =
        citelint::api::fix("b.txt", text.as_bytes(), &common::only("CL201"), citelint::fix::Applicability::Safe);
    let fixed = String::from_utf8(fixed.expect("CL201 fixes the BibTeX segment")).unwrap();
    assert!(fixed.contains("pages = {5--9}"));
    assert!(fixed.ends_with("(A, X 2020)\n"));
}

fn line() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Yi Hu",
        ", ",
        " and ",
        ", and ",
        ". ",
        "2026",
        "20",
        ".",
        " (eds.)",
        " (ed.)",
        "In ",
        "Proc",
        ", pages ",
        ", page ",
        "1–9",
        "12",
        "(3)",
        ":",
        "–",
        "[",
        "]",
        "(",
        ")",
        "](",
        " (",
        "https://a.org/",
        " et al.",
        " & ",
        "ACL",
        " ",
        "é",
        "- ",
        "\r",
        "Jr.",
        "van",
        "\u{feff}",
        "@misc{",
        "}",
        "<mods>",
        "</mods>",
        "%0 ",
        "TY  - ",
        "ER  - ",
        "\n",
        "ACL\n",
        "Markdown (Informal)\n",
    ]);
    prop::collection::vec(pieces, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn citation_lines_never_panic(text in line(), mutate in any::<(usize, char)>()) {
        let mut text = text;
        if !text.is_empty() {
            let at = mutate.0 % text.len();
            if text.is_char_boundary(at) {
                text.insert(at, mutate.1);
            }
        }
        let settings = Settings { select: Some(vec!["ALL".into()]), ..Settings::default() };
        for format in [Format::AclText, Format::Markdown, Format::Bundle] {
            let checked = citelint::api::check_format("p.txt", text.as_bytes(), format, &settings);
            prop_assert!(citelint::api::check_spans(&checked).is_ok(), "{:?}", citelint::api::check_spans(&checked));
        }
    }
}
