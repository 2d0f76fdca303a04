//! Abstracts decoded on demand (`model::LazyText`) read as the eagerly decoded ones, in every
//! format that has them; values that are not one plain stretch of the file are decoded at once.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // reason: tests may panic

use std::sync::Arc;

use citelint::formats::{bibtex, csl_json, refer, ris, FormatOutput};
use citelint::model::{Field, Record, Value};
use citelint::source::FileId;

/// For each record: whether its abstract is lazy, and its text.
fn abstracts(records: &[Record]) -> Vec<(bool, Option<String>)> {
    records
        .iter()
        .map(|r| {
            let lazy = r.first(Field::Abstract).is_some_and(|e| matches!(e.value, Value::Lazy(_)));
            (lazy, r.text(Field::Abstract).map(str::to_owned))
        })
        .collect()
}

/// The lazy lowering reads as the eager one; returns which abstracts were lazy.
fn same(eager: &[Record], lazy: &[Record]) -> Vec<bool> {
    let (e, l) = (abstracts(eager), abstracts(lazy));
    assert!(e.iter().all(|(is_lazy, _)| !is_lazy), "no lazy value without the shared text");
    assert_eq!(e.iter().map(|x| &x.1).collect::<Vec<_>>(), l.iter().map(|x| &x.1).collect::<Vec<_>>());
    l.iter().map(|x| x.0).collect()
}

type Parse<A> = fn(FileId, &str) -> FormatOutput<A>;
type ParseShared<A> = fn(FileId, &str, Option<&Arc<String>>) -> FormatOutput<A>;

/// `text` read by a format's `parse` and `parse_shared` (given the shared text): which
/// abstracts were lazy (checked by [`same`]), and the records read with the shared text.
fn both<A>(text: &str, parse: Parse<A>, parse_shared: ParseShared<A>) -> (Vec<bool>, Vec<Record>) {
    let shared = Arc::new(text.to_owned());
    let eager = parse(FileId(0), text).records;
    let lazy = parse_shared(FileId(0), shared.as_str(), Some(&shared)).records;
    (same(&eager, &lazy), lazy)
}

#[test]
fn ris() {
    let text =
        "TY  - JOUR\nAB  -   Cafe\u{301} au lait  \nER  - \n\nTY  - JOUR\nAB  - First line\n  second line\nER  - \n";
    let (lazy_ones, lazy) = both(text, ris::parse, ris::parse_shared);
    assert_eq!(lazy_ones, [true, false]);
    assert_eq!(lazy[0].text(Field::Abstract), Some("Café au lait"));
}

#[test]
fn refer() {
    let text = "%0 Journal Article\n%X  An abstract.  \n\n%0 Journal Article\n%X Two\nlines\n";
    let (lazy_ones, lazy) = both(text, refer::parse, refer::parse_shared);
    assert_eq!(lazy_ones, [true, false]);
    assert_eq!(lazy[0].text(Field::Abstract), Some("An abstract."));
}

#[test]
fn csl_json() {
    // An escape in the first abstract; a combining accent as it is in the second.
    let text = "[{\"id\": \"a\", \"type\": \"book\", \"abstract\": \"Cafe\\u0301\"},\n \
                {\"id\": \"b\", \"type\": \"book\", \"abstract\": \"Plain e\u{301} text\"}]";
    let (lazy_ones, lazy) = both(text, csl_json::parse, csl_json::parse_shared);
    assert_eq!(lazy_ones, [false, true]);
    assert_eq!(lazy[0].text(Field::Abstract), Some("Café"));
    assert_eq!(lazy[1].text(Field::Abstract), Some("Plain é text"));
}

#[test]
fn bibtex() {
    let text = "@article{a, abstract = {An {\\em early} abstract}}\n@article{b, abstract = {x} # {y}}\n";
    let shared = Arc::new(text.to_owned());
    let (ast, _) = bibtex::parser::parse(FileId(0), text);
    let eager = bibtex::lower::lower(&ast, text);
    let lazy = bibtex::lower::lower_shared(&ast, shared.as_str(), Some(&shared));
    assert_eq!(same(&eager, &lazy), [true, false]);
}

#[test]
fn another_text_is_not_used() {
    let text = "TY  - JOUR\nAB  - An abstract\nER  - \n";
    let other = Arc::new(text.to_owned());
    let records = ris::parse_shared(FileId(0), text, Some(&other)).records;
    assert!(abstracts(&records).iter().all(|(lazy, _)| !lazy));
}
