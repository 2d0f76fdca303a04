#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

use super::*;
use crate::model::{Field, Record, Value};
use crate::source::FileId;

const F: FileId = FileId(0);

fn one(format: Format, text: &str) -> Record {
    let out = parse(F, text, format);
    assert!(out.ast.problems.is_empty(), "{:?}", out.ast.problems);
    assert_eq!(out.records.len(), 1, "{text}");
    out.records.into_iter().next().unwrap()
}

fn raw<'a>(text: &'a str, r: &Record, field: Field) -> &'a str {
    &text[r.first(field).unwrap().raw.range()]
}

fn names(r: &Record, field: Field) -> Vec<(Option<String>, Option<String>, String)> {
    r.names(field)
        .unwrap()
        .names
        .iter()
        .map(|n| (n.given().map(str::to_owned), n.particle().map(str::to_owned), n.family().to_owned()))
        .collect()
}

fn n(given: &str, family: &str) -> (Option<String>, Option<String>, String) {
    (Some(given.into()), None, family.into())
}

fn problems(format: Format, text: &str) -> Vec<String> {
    parse(F, text, format).ast.problems.into_iter().map(|p| p.message).collect()
}

#[test]
fn acl_one_author_with_particle() {
    let t = "Bart van Merriënboer. 2015. A Title. In Proceedings of X, pages 1–10, Lisbon, Portugal. ACL.";
    let r = one(Format::AclText, t);
    assert_eq!(names(&r, Field::Author), vec![(Some("Bart".into()), Some("van".into()), "Merriënboer".into())]);
    assert_eq!(raw(t, &r, Field::Title), "A Title");
    assert_eq!(raw(t, &r, Field::ContainerTitle), "Proceedings of X");
    assert_eq!(raw(t, &r, Field::Pages), "1–10");
    assert_eq!(raw(t, &r, Field::Place), "Lisbon, Portugal");
    assert_eq!(raw(t, &r, Field::Publisher), "ACL");
    assert_eq!(r.issued().unwrap().year.as_ref().unwrap().value, 2015);
    assert_eq!(r.kind.value, "inproceedings");
}

#[test]
fn acl_two_authors_and_single_page() {
    let t = "- Yi Hu and Jiaqi Gu. 2026. Title: Sub. In Proc, page 7.";
    let r = one(Format::AclText, t);
    assert_eq!(names(&r, Field::Author), vec![n("Yi", "Hu"), n("Jiaqi", "Gu")]);
    assert_eq!(raw(t, &r, Field::Author), "Yi Hu and Jiaqi Gu");
    assert_eq!(raw(t, &r, Field::Pages), "7");
    assert_eq!(r.pages().unwrap().start.value, "7");
    assert!(r.first(Field::Place).is_none());
}

#[test]
fn acl_many_authors_serial_comma() {
    let t = "A B, C D, and E van F. 2020. T. In P.";
    let r = one(Format::AclText, t);
    assert_eq!(names(&r, Field::Author).len(), 3);
    let last = &r.names(Field::Author).unwrap().names[2];
    assert_eq!(&t[last.span.range()], "E van F");
    assert_eq!(raw(t, &r, Field::ContainerTitle), "P");
}

#[test]
fn acl_editors() {
    let t = "Maria Liakata and Viviane P. Moreira (eds.). 2026. A Paper. In Proceedings of ACL, pages 1–2.";
    let r = one(Format::AclText, t);
    assert!(r.first(Field::Author).is_none());
    assert_eq!(names(&r, Field::Editor), vec![n("Maria", "Liakata"), n("Viviane P.", "Moreira")]);
    assert_eq!(raw(t, &r, Field::Editor), "Maria Liakata and Viviane P. Moreira");
    let one_ed = one(Format::AclText, "Maria Liakata (ed.). 2026. A Paper. In P.");
    assert_eq!(names(&one_ed, Field::Editor), vec![n("Maria", "Liakata")]);
}

#[test]
fn acl_journals() {
    let t = "A B. 2020. T. Computational Linguistics, 46(1):1–10.";
    let r = one(Format::AclText, t);
    assert_eq!(r.kind.value, "article");
    assert_eq!(raw(t, &r, Field::ContainerTitle), "Computational Linguistics");
    assert_eq!(raw(t, &r, Field::Volume), "46");
    assert_eq!(raw(t, &r, Field::Issue), "1");
    assert_eq!(raw(t, &r, Field::Pages), "1–10");
    let t = "A B. 2020. T. Transactions of the Association for Computational Linguistics, 8.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Volume), "8");
    assert!(r.first(Field::Pages).is_none());
    let t = "A B. 2020. T. Journal, 12–20.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Pages), "12–20");
    assert!(r.first(Field::Volume).is_none());
    let t = "A B. 2020. T. Journal of Things.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::ContainerTitle), "Journal of Things");
    let t = "A B. 2020. T. Journal, 5:33.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Volume), "5");
    assert_eq!(raw(t, &r, Field::Pages), "33");
    // A volume with a space, before pages.
    let t = "A B. 2011. T. Lecture Notes in Computer Science (LNAI), 7026 LNAI:110–124.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::ContainerTitle), "Lecture Notes in Computer Science (LNAI)");
    assert_eq!(raw(t, &r, Field::Volume), "7026 LNAI");
    assert_eq!(raw(t, &r, Field::Pages), "110–124");
}

#[test]
fn acl_title_with_abbreviations() {
    let t = "A B. 2021. Downscaling Using Temporally-Rich U.S. Property Data. Cartography and Science, 48(3):1–9.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Title), "Downscaling Using Temporally-Rich U.S. Property Data");
    assert_eq!(raw(t, &r, Field::ContainerTitle), "Cartography and Science");
    let t = "A B. 2021. Cats vs. Dogs. Journal, 5:33.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Title), "Cats vs. Dogs");
    // Only abbreviations: the first `. ` ends the title.
    let t = "A B. 2021. Vitamin C. J. Nutr., 5:33.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Title), "Vitamin C");
}

#[test]
fn acl_no_names() {
    let t = "Proceedings of the Workshop: On Things. 2020. In Proceedings of X, pages 3–4.";
    let r = one(Format::AclText, t);
    assert!(r.first(Field::Author).is_none());
    assert_eq!(raw(t, &r, Field::Title), "Proceedings of the Workshop: On Things");
    assert_eq!(raw(t, &r, Field::Pages), "3–4");
    let t = "Some Title. 2020.";
    let r = one(Format::AclText, t);
    assert_eq!(raw(t, &r, Field::Title), "Some Title");
    assert_eq!(r.kind.value, "misc");
}

#[test]
fn acl_jr_double_period() {
    let t = "John Smith Jr.. 2020. T. In P.";
    let r = one(Format::AclText, t);
    let name = &r.names(Field::Author).unwrap().names[0];
    assert_eq!(name.family(), "Smith");
    assert_eq!(name.suffix(), Some("Jr."));
}

#[test]
fn acl_problems() {
    let p = problems(Format::AclText, "Yi Hu and Jiaqi Gu. 2026 Towards. In P.");
    assert_eq!(p, vec!["expected `. ` after the year at column 25".to_owned()]);
    let p = problems(Format::AclText, "Yi Hu and Jiaqi Gu 2026. Towards. In P.");
    assert_eq!(p, vec!["expected `. ` before the year at column 20".to_owned()]);
    let p = problems(Format::AclText, "Yi Hu. 2026. Towards. In P, pages 1–2");
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("expected `.` at the end"), "{p:?}");
    assert!(problems(Format::AclText, "Just prose. Nothing here.").is_empty());
}

#[test]
fn markdown_counts() {
    let t = "[A [Bracketed] Title (x)](https://aclanthology.org/2026.acl-long.889/) (Hu et al., ACL 2026)";
    let r = one(Format::Markdown, t);
    assert_eq!(raw(t, &r, Field::Title), "A [Bracketed] Title (x)");
    assert_eq!(raw(t, &r, Field::Url), "https://aclanthology.org/2026.acl-long.889/");
    assert_eq!(raw(t, &r, Field::ContainerTitle), "ACL");
    let list = r.names(Field::Author).unwrap();
    assert_eq!(list.names.len(), 1);
    assert_eq!(list.names[0].family(), "Hu");
    assert_eq!(&t[list.others.unwrap().range()], "et al.");
    assert_eq!(r.issued().unwrap().year.as_ref().unwrap().value, 2026);

    let t = "- [T](u) (van Merriënboer & Gu, EMNLP-IJCNLP 2019)";
    let r = one(Format::Markdown, t);
    let list = r.names(Field::Author).unwrap();
    assert_eq!(list.names.iter().map(|n| n.family()).collect::<Vec<_>>(), ["van Merriënboer", "Gu"]);
    assert!(list.others.is_none());
    assert_eq!(raw(t, &r, Field::ContainerTitle), "EMNLP-IJCNLP");

    let r = one(Format::Markdown, "[T](u) (Hu, CL 2019)");
    assert_eq!(r.names(Field::Author).unwrap().names.len(), 1);
    let r = one(Format::Markdown, "[T](u) (LREC 2020)");
    assert!(r.first(Field::Author).is_none());
}

#[test]
fn markdown_problems() {
    let out = parse(F, "[T](u) (Hu,  2019)", Format::Markdown);
    assert_eq!(out.records.len(), 1);
    assert_eq!(out.ast.problems.len(), 1);
    assert!(out.ast.problems[0].message.contains("venue acronym"));
    let p = problems(Format::Markdown, "[T](u) (Hu, ACL 2019");
    assert_eq!(p, vec!["expected `)` at the end of the citation at column 21".to_owned()]);
    let p = problems(Format::Markdown, "[T] (Hu, ACL 2019)");
    assert_eq!(p.len(), 1);
    assert!(problems(Format::Markdown, "# heading\nprose").is_empty());
}

#[test]
fn spans_point_into_the_file() {
    let text = "# x\n\n  - Yi Hu. 2026. T. In P, pages 1–2.\r\n";
    let out = parse(F, text, Format::AclText);
    let r = &out.records[0];
    assert_eq!(&text[r.span.range()], "Yi Hu. 2026. T. In P, pages 1–2.");
    assert_eq!(&text[r.first(Field::Pages).unwrap().raw.range()], "1–2");
    match &r.first(Field::Pages).unwrap().value {
        Value::Pages(p) => assert_eq!(&text[p.end.as_ref().unwrap().span.range()], "2"),
        v => panic!("{v:?}"),
    }
}
