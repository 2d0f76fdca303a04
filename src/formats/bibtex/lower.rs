//! Lowering BibTeX entries to [`Record`]s: canonical fields (DESIGN §3, FORMATS §8), values
//! resolved through `@string` macros and decoded from TeX, every value spanned.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

use super::ast::{BibFile, Entry, FieldAst, Item, PartKind, ValueAst};
use super::strings::{single_literal, Strings};
use crate::model::date::{month_macro, parse_month, parse_year};
use crate::model::names::parse_bibtex_names;
use crate::model::pages::parse_pages;
use crate::model::{tex, Date, Field, FieldEntry, Format, LazyText, Record, Value, ValueError};
use crate::source::{Span, Spanned};

/// One record per regular entry, in source order.
#[must_use]
pub fn lower(bib: &BibFile, text: &str) -> Vec<Record> {
    lower_shared(bib, text, None)
}

/// As [`lower`]; with `shared`, the file's text (`text` itself, shared), an `abstract` that is
/// one literal is decoded only when a rule reads it ([`LazyText`]).
#[must_use]
pub fn lower_shared(bib: &BibFile, text: &str, shared: Option<&Arc<String>>) -> Vec<Record> {
    let shared = crate::formats::shared_text(shared, text);
    let strings = Strings::new(bib, text);
    crate::formats::lower_all(&bib.items, |item| match item {
        Item::Entry(e) => Some(lower_entry(e, text, shared, &strings)),
        _ => None,
    })
}

fn slice(text: &str, span: Span) -> &str {
    text.get(span.range()).unwrap_or("")
}

/// The canonical field a BibTeX/BibLaTeX field maps to.
fn canonical(name: &str) -> Option<Field> {
    let field = match name {
        "title" => Field::Title,
        "booktitle" | "journal" | "journaltitle" => Field::ContainerTitle,
        "author" => Field::Author,
        "editor" => Field::Editor,
        "pages" => Field::Pages,
        "volume" => Field::Volume,
        "issue" => Field::Issue,
        // `number` is the issue of a journal article, a series or report number elsewhere; every
        // other format has one field for both (bibutils writes MODS `detail[@type=number]`,
        // EndNote `%N`, RIS `IS`), so it lowers to the issue for every type.
        "number" => Field::Issue,
        "edition" => Field::Edition,
        "publisher" => Field::Publisher,
        "address" | "location" => Field::Place,
        "isbn" => Field::Isbn,
        "issn" => Field::Issn,
        "doi" => Field::Doi,
        "url" => Field::Url,
        "abstract" => Field::Abstract,
        "language" | "langid" => Field::Language,
        "note" => Field::Note,
        _ => return None,
    };
    Some(field)
}

/// A field's value as text, with a way to map byte ranges of it back to source spans.
struct Resolved<'a> {
    text: Cow<'a, str>,
    value: &'a ValueAst,
    exact: Option<Span>,
}

impl Resolved<'_> {
    /// Exact when the value is one literal part; the whole value's span otherwise.
    fn span_of(&self, r: Range<usize>) -> Span {
        match self.exact {
            Some(inner) => inner.within(r),
            None => self.value.span,
        }
    }
}

/// The field that stands for the publisher when there is no `publisher`: BibTeX's styles print
/// it in the publisher's place, and bibutils (the ACL Anthology's converter) writes it as the
/// MODS publisher (`institution` of a report; `organization` of a paper in proceedings, a
/// manual, a book, proceedings or misc).
fn publisher_stand_in(kind: &str) -> Option<&'static str> {
    match kind {
        "techreport" | "report" => Some("institution"),
        "inproceedings" | "conference" | "manual" | "book" | "proceedings" | "misc" => Some("organization"),
        _ => None,
    }
}

fn lower_entry(entry: &Entry, text: &str, shared: Option<&Arc<String>>, strings: &Strings) -> Record {
    let kind = slice(text, entry.kind).to_ascii_lowercase();
    let mut record = Record::new(Format::Bibtex, entry.span, Spanned::new(kind.clone(), entry.kind));
    record.key = entry.key.map(|k| Spanned::new(slice(text, k).to_owned(), k));
    let mut date = Date::default();
    let mut date_source: Option<(&FieldAst, Span)> = None;
    let mut has_iso_date = false;
    let mut name_buf = String::new();
    let stand_in = publisher_stand_in(&kind);
    let mut stand_in_field: Option<&FieldAst> = None;
    for field in &entry.fields {
        name_buf.clear();
        name_buf.push_str(slice(text, field.name));
        name_buf.make_ascii_lowercase();
        let native = || Spanned::new(slice(text, field.name).to_owned(), field.name);
        match name_buf.as_str() {
            "year" => {
                let r = resolve(&field.value, strings);
                if !has_iso_date {
                    // `{{2010}}` is a year too (BibTeX's `purify$`, biblatex).
                    let year = parse_year(&r.text).or_else(|| parse_year(&tex::strip_braces(&r.text)));
                    if let Some(y) = year {
                        date.year = Some(Spanned::new(y, r.span_of(trim_range(&r.text))));
                    }
                    date_source.get_or_insert((field, field.value.span));
                }
                continue;
            }
            "month" => {
                if !has_iso_date {
                    date.month = lower_month(&field.value, text, strings);
                    date_source.get_or_insert((field, field.value.span));
                }
                continue;
            }
            "date" => {
                let r = resolve(&field.value, strings);
                if let Some(d) = parse_iso_date(&r) {
                    date = d;
                    has_iso_date = true;
                    date_source = Some((field, field.value.span));
                }
                continue;
            }
            name if Some(name) == stand_in => {
                stand_in_field.get_or_insert(field);
                continue;
            }
            _ => {}
        }
        let Some(canon) = canonical(&name_buf) else { continue };
        let r = resolve(&field.value, strings);
        let value = match canon {
            Field::Author | Field::Editor => {
                Value::Names(Box::new(parse_bibtex_names(&r.text, &|range| r.span_of(range))))
            }
            Field::Pages => Value::Pages(Box::new(parse_pages(&r.text, &|range| r.span_of(range)))),
            Field::Doi | Field::Url | Field::Isbn | Field::Issn => Value::Text(r.text.trim().to_owned()),
            Field::Abstract => match (shared, r.exact, &r.text) {
                (Some(source), Some(inner), Cow::Borrowed(_)) => {
                    Value::Lazy(Box::new(LazyText::new(Arc::clone(source), inner.range(), tex::decode)))
                }
                _ => Value::Text(tex::decode(&r.text)),
            },
            _ => Value::Text(tex::decode(&r.text)),
        };
        let value = match undefined_macro(&field.value, text, strings) {
            Some(m) if r.text.trim().is_empty() => Value::Invalid(ValueError::UndefinedMacro(m)),
            _ => value,
        };
        record.push(canon, FieldEntry { native: native(), raw: field.value.span, value });
    }
    if let Some(field) = stand_in_field.filter(|_| record.first(Field::Publisher).is_none()) {
        let r = resolve(&field.value, strings);
        let value = tex::decode(&r.text);
        if !value.trim().is_empty() {
            let native = Spanned::new(slice(text, field.name).to_owned(), field.name);
            record.push(Field::Publisher, FieldEntry { native, raw: field.value.span, value: Value::Text(value) });
        }
    }
    if let Some((field, raw)) = date_source {
        if date.year.is_some() || date.month.is_some() {
            let native = Spanned::new(slice(text, field.name).to_owned(), field.name);
            record.push(Field::Issued, FieldEntry { native, raw, value: Value::Date(Box::new(date)) });
        }
    }
    record.fields.shrink_to_fit();
    record
}

fn trim_range(s: &str) -> Range<usize> {
    let start = s.len() - s.trim_start().len();
    start..s.trim_end().len().max(start)
}

fn resolve<'a>(value: &'a ValueAst, strings: &Strings<'a>) -> Resolved<'a> {
    let exact = single_literal(value);
    // One literal part (most values) resolves to itself: borrow it, as the resolver would copy it.
    if let Some(text) = exact.and_then(|inner| strings.text().get(inner.range())) {
        if text.len() < super::strings::MAX_OUTPUT {
            return Resolved { text: Cow::Borrowed(text), value, exact };
        }
    }
    let resolved = strings.resolve(value);
    Resolved { text: Cow::Owned(resolved.text), value, exact }
}

fn undefined_macro(value: &ValueAst, text: &str, strings: &Strings) -> Option<String> {
    value
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::Macro)
        .map(|p| slice(text, p.span))
        .find(|name| !strings.is_defined(name) && month_macro(name).is_none())
        .map(str::to_owned)
}

/// `month = jul` (macro), `{July}`, `"7"`, `oct # "-" # nov` (the first month counts).
fn lower_month(value: &ValueAst, text: &str, strings: &Strings) -> Option<Spanned<u8>> {
    if let Some(first) = value.parts.first() {
        if first.kind == PartKind::Macro && !strings.is_defined(slice(text, first.span)) {
            return month_macro(slice(text, first.span)).map(|m| Spanned::new(m, first.span));
        }
    }
    let r = resolve(value, strings);
    let decoded = tex::decode(&r.text);
    parse_month(&decoded).map(|m| Spanned::new(m, r.span_of(trim_range(&r.text))))
}

/// BibLaTeX `date` (EDTF level 0/1, FORMATS §3): `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, ranges
/// `start/end` (the start counts), qualifiers `?~%` ignored.
fn parse_iso_date(r: &Resolved) -> Option<Date> {
    let range = trim_range(&r.text);
    let s = r.text.get(range.clone())?;
    let start = s.split('/').next().unwrap_or("");
    let start = start.split('T').next().unwrap_or("");
    let mut date = Date::default();
    let mut offset = range.start;
    let mut pieces = Vec::new();
    let (sign, body) = match start.strip_prefix('-') {
        Some(rest) => (1, rest),
        None => (0, start),
    };
    offset += sign;
    for piece in body.split('-') {
        pieces.push((offset, piece.trim_end_matches(['?', '~', '%'])));
        offset += piece.len() + 1;
    }
    let mut it = pieces.into_iter();
    let (y_at, y) = it.next()?;
    let year: i32 = parse_year(y)?;
    date.year = Some(Spanned::new(if sign == 1 { -year } else { year }, r.span_of(y_at - sign..y_at + y.len())));
    if let Some((m_at, m)) = it.next() {
        let month: u8 = m.parse().ok()?;
        date.month = (1..=12).contains(&month).then(|| Spanned::new(month, r.span_of(m_at..m_at + m.len())));
        if let Some((d_at, d)) = it.next() {
            let day: u8 = d.parse().ok()?;
            date.day = (1..=31).contains(&day).then(|| Spanned::new(day, r.span_of(d_at..d_at + d.len())));
        }
    }
    Some(date)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)] // reason: tests may panic

    use super::*;
    use crate::source::FileId;

    #[test]
    fn doubly_braced_year_is_a_year() {
        let text = "@article{a, year = {{2010}}}";
        let (bib, _) = super::super::parser::parse(FileId(0), text);
        let records = lower(&bib, text);
        assert_eq!(records[0].issued().unwrap().year.as_ref().unwrap().value, 2010);
    }

    /// With the file's text shared, a literal `abstract` is decoded on demand, to what the eager
    /// lowering gives; an abstract built from macros is decoded at once.
    #[test]
    fn abstracts_are_decoded_on_demand() {
        let text = "@string{x = {Mac}}\n@article{a, abstract = {A \\'{e}t\\'e\n  {GPU} study.}}\n\
                    @article{b, abstract = x # { and more}}\n@article{c, abstract = \"In 2 words\"}";
        let (bib, _) = super::super::parser::parse(FileId(0), text);
        let eager = lower(&bib, text);
        let shared = Arc::new(text.to_owned());
        let lazy = lower_shared(&bib, shared.as_str(), Some(&shared));
        let kinds: Vec<bool> =
            lazy.iter().map(|r| matches!(r.first(Field::Abstract).unwrap().value, Value::Lazy(_))).collect();
        assert_eq!(kinds, [true, false, true]);
        for (e, l) in eager.iter().zip(&lazy) {
            assert!(matches!(e.first(Field::Abstract).unwrap().value, Value::Text(_)));
            assert_eq!(e.text(Field::Abstract), l.text(Field::Abstract));
        }
        assert_eq!(lazy[0].text(Field::Abstract), Some("A été GPU study."));
        assert_eq!(lazy[1].text(Field::Abstract), Some("Mac and more"));
        // Another text than the one parsed is not used.
        let other = Arc::new(text.to_owned());
        assert!(lower_shared(&bib, text, Some(&other))
            .iter()
            .all(|r| r.first(Field::Abstract).is_some_and(|e| matches!(e.value, Value::Text(_)))));
    }
}
