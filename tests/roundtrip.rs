//! Property: generated records, printed as BibTeX, parse and lower back to the same canonical
//! values (key, type, decoded title, names split into family/given/particle/suffix, `and
//! others`, pages start/end, year/month).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests may panic

use citelint::config::Settings;
use citelint::model::{Field, Record};
use proptest::prelude::*;

/// A piece of text: how it is written in TeX and what it decodes to.
#[derive(Clone, Debug)]
struct Tex {
    tex: String,
    text: String,
}

fn tex(t: &str, text: &str) -> Tex {
    Tex { tex: t.to_owned(), text: text.to_owned() }
}

/// One word of a title or name, in one of several TeX spellings. In names, `\~{n}` must be
/// braced as `{\~n}`: BibTeX splits name tokens at a `~` outside braces, even after `\`.
fn word(capital: bool, in_name: bool) -> impl Strategy<Value = Tex> {
    let stem = if capital { "[A-Z][a-z]{1,7}" } else { "[a-z]{1,8}" };
    // The word `and` (any case) between spaces separates names: not a name word.
    let plain = stem
        .prop_filter("`and` separates names", move |w| !(in_name && w.eq_ignore_ascii_case("and")))
        .prop_map(|w| tex(&w, &w));
    let accented = (
        stem,
        prop::sample::select(vec![
            ("{\\\"o}", "ö"),
            ("{\\'e}", "é"),
            ("\\`{a}", "à"),
            ("{\\v{s}}", "š"),
            ("{\\c c}", "ç"),
            ("{\\ss}", "ß"),
            ("{\\o}", "ø"),
            if in_name { ("{\\~n}", "ñ") } else { ("\\~{n}", "ñ") },
        ]),
    )
        .prop_map(|(w, (t, u))| tex(&format!("{w}{t}"), &format!("{w}{u}")));
    let braced = "[A-Z]{2,5}".prop_map(|w| tex(&format!("{{{w}}}"), &w));
    prop_oneof![4 => plain, 2 => accented, 1 => braced]
}

fn title() -> impl Strategy<Value = Tex> {
    let piece = prop_oneof![
        8 => word(true, false),
        8 => word(false, false),
        1 => Just(tex("1990--2000", "1990\u{2013}2000")),
        1 => Just(tex("A---B", "A\u{2014}B")),
        1 => Just(tex("R\\&D", "R&D")),
        1 => Just(tex("{BERT} and {GPT}", "BERT and GPT")),
        1 => Just(tex("\\emph{really}", "really")),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|ws| Tex {
        tex: ws.iter().map(|w| w.tex.as_str()).collect::<Vec<_>>().join(" "),
        text: ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "),
    })
}

#[derive(Clone, Debug)]
struct Person {
    given: Option<Tex>,
    particle: Option<&'static str>,
    family: Tex,
    suffix: Option<&'static str>,
    /// `von Last, First` rather than `First von Last` (forced when there is a suffix).
    comma_form: bool,
}

fn words(capital: bool, n: std::ops::Range<usize>) -> impl Strategy<Value = Tex> {
    prop::collection::vec(word(capital, true), n).prop_map(|ws| Tex {
        tex: ws.iter().map(|w| w.tex.as_str()).collect::<Vec<_>>().join(" "),
        text: ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "),
    })
}

fn person() -> impl Strategy<Value = Person> {
    let corporate = "[A-Z][a-z]{1,6}( and [A-Z][a-z]{1,6})?( Inc\\.)?".prop_map(|c| Person {
        given: None,
        particle: None,
        family: tex(&format!("{{{c}}}"), &c),
        suffix: None,
        comma_form: false,
    });
    let personal = (
        prop::option::weighted(0.9, words(true, 1..3)),
        prop::option::weighted(0.3, prop::sample::select(vec!["von", "van der", "de", "de la", "di"])),
        words(true, 1..3),
        prop::option::weighted(0.2, prop::sample::select(vec!["Jr.", "Sr.", "III"])),
        any::<bool>(),
    )
        .prop_map(|(given, particle, family, suffix, comma)| Person {
            comma_form: comma || suffix.is_some() || given.is_none() || family.tex.contains(' '),
            given,
            particle,
            family,
            suffix,
        });
    prop_oneof![5 => personal, 1 => corporate]
}

fn print_person(p: &Person) -> String {
    let von_last = match p.particle {
        Some(v) => format!("{v} {}", p.family.tex),
        None => p.family.tex.clone(),
    };
    match (&p.given, p.suffix, p.comma_form) {
        (Some(g), Some(s), _) => format!("{von_last}, {s}, {}", g.tex),
        (Some(g), None, true) => format!("{von_last}, {}", g.tex),
        (Some(g), None, false) => format!("{} {von_last}", g.tex),
        (None, Some(s), _) => format!("{von_last}, {s},"),
        // `Last Words,`: an empty First part keeps every word in Last.
        (None, None, _) if p.family.tex.contains(' ') => format!("{von_last},"),
        (None, None, _) => von_last,
    }
}

#[derive(Clone, Debug)]
struct Gen {
    kind: &'static str,
    key: String,
    title: Option<Tex>,
    authors: Vec<Person>,
    others: bool,
    pages: Option<(u32, Option<(u32, &'static str)>)>,
    year: Option<i32>,
    month: Option<(u8, bool)>,
}

fn record() -> impl Strategy<Value = Gen> {
    (
        prop::sample::select(vec!["article", "book", "inproceedings", "misc", "phdthesis", "techreport"]),
        "[a-z][a-zA-Z0-9:_-]{0,12}",
        prop::option::weighted(0.9, title()),
        prop::collection::vec(person(), 0..4),
        any::<bool>(),
        prop::option::of((1u32..2000, prop::option::of((0u32..50, prop::sample::select(vec!["--", "-", "\u{2013}"]))))),
        prop::option::of(1000i32..2100),
        prop::option::of((1u8..=12, any::<bool>())),
    )
        .prop_map(|(kind, key, title, authors, others, pages, year, month)| Gen {
            kind,
            key,
            title,
            others: others && !authors.is_empty(),
            authors,
            pages: pages.map(|(s, e)| (s, e.map(|(d, sep)| (s + d, sep)))),
            year,
            month,
        })
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn print(g: &Gen) -> String {
    let mut fields = Vec::new();
    if let Some(t) = &g.title {
        fields.push(format!("title = {{{}}}", t.tex));
    }
    if !g.authors.is_empty() {
        let mut names: Vec<String> = g.authors.iter().map(print_person).collect();
        if g.others {
            names.push("others".to_owned());
        }
        fields.push(format!("author = {{{}}}", names.join(" and ")));
    }
    if let Some((start, end)) = g.pages {
        fields.push(match end {
            Some((e, sep)) => format!("pages = {{{start}{sep}{e}}}"),
            None => format!("pages = {{{start}}}"),
        });
    }
    if let Some(y) = g.year {
        fields.push(format!("year = {y}"));
    }
    if let Some((m, as_macro)) = g.month {
        fields.push(if as_macro {
            format!("month = {}", MONTHS[usize::from(m) - 1])
        } else {
            format!("month = {{{m}}}")
        });
    }
    format!("@{}{{{},\n  {}\n}}\n", g.kind, g.key, fields.join(",\n  "))
}

fn check_record(g: &Gen, r: &Record) -> Result<(), TestCaseError> {
    prop_assert_eq!(r.key_str(), Some(g.key.as_str()));
    prop_assert_eq!(r.kind.value.as_str(), g.kind);
    prop_assert_eq!(r.text(Field::Title), g.title.as_ref().map(|t| t.text.as_str()));
    match r.names(Field::Author) {
        None => prop_assert!(g.authors.is_empty()),
        Some(list) => {
            prop_assert_eq!(list.others.is_some(), g.others);
            prop_assert!(list.problems.is_empty(), "{:?}", list.problems);
            prop_assert_eq!(list.names.len(), g.authors.len());
            for (n, p) in list.names.iter().zip(&g.authors) {
                prop_assert_eq!(n.family(), p.family.text.as_str());
                prop_assert_eq!(n.given(), p.given.as_ref().map(|t| t.text.as_str()));
                prop_assert_eq!(n.particle(), p.particle);
                prop_assert_eq!(n.suffix(), p.suffix);
            }
        }
    }
    match (r.pages(), g.pages) {
        (None, None) => {}
        (Some(p), Some((start, end))) => {
            prop_assert_eq!(&p.start.value, &start.to_string());
            prop_assert_eq!(p.end.as_ref().map(|e| e.value.clone()), end.map(|(e, _)| e.to_string()));
        }
        (p, want) => prop_assert!(false, "pages {:?}, wanted {:?}", p.map(|p| &p.start.value), want),
    }
    let date = r.issued();
    prop_assert_eq!(date.and_then(|d| d.year.as_ref()).map(|y| y.value), g.year);
    prop_assert_eq!(date.and_then(|d| d.month.as_ref()).map(|m| m.value), g.month.map(|(m, _)| m));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn printed_records_reparse_to_the_same_values(gens in prop::collection::vec(record(), 1..5)) {
        let text: String = gens.iter().map(print).collect::<Vec<_>>().join("\n");
        let checked = citelint::api::check(&[("r.bib", text.as_bytes())], &Settings::default());
        let records: Vec<&Record> = checked.files.iter().flat_map(|f| &f.records).collect();
        prop_assert!(checked.files.iter().all(|f| f.syntax.is_empty()), "syntax errors in\n{}", text);
        prop_assert_eq!(records.len(), gens.len(), "in\n{}", text);
        for (g, r) in gens.iter().zip(records) {
            check_record(g, r).map_err(|e| TestCaseError::fail(format!("{e}\nin\n{text}")))?;
        }
    }
}
