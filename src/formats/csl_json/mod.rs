//! CSL-JSON (spec/FORMATS.md §6, schema spec/csl-data.json): a JSON array of item objects
//! (one bare item object is read too), parsed with spans by [`json`] and lowered to records.

pub mod json;

use std::sync::Arc;

use crate::model::normalize::{nfc, nfc_cow};

use crate::formats::{FormatOutput, SyntaxError};
use crate::model::date::parse_year;
use crate::model::pages::parse_pages;
use crate::model::{Date, Field, FieldEntry, Format, LazyText, Name, NameList, Record, Value};
use crate::source::{FileId, Span, Spanned};
use json::{Json, JsonKind, JsonString};

/// The JSON syntax tree with spans.
#[derive(Debug, Default)]
pub struct CslFile {
    /// The top-level value, `None` when nothing could be read.
    pub root: Option<Json>,
}

impl CslFile {
    /// The items: the elements of a top-level array, or a top-level object on its own.
    #[must_use]
    pub fn items(&self) -> &[Json] {
        match &self.root {
            Some(Json { kind: JsonKind::Array(items), .. }) => items,
            Some(obj @ Json { kind: JsonKind::Object(_), .. }) => std::slice::from_ref(obj),
            _ => &[],
        }
    }
}

/// Parses a CSL-JSON file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<CslFile> {
    parse_shared(file, text, None)
}

/// As [`parse`]; with `shared`, the file's text (`text` itself, shared), an `abstract` without
/// escapes is decoded only when a rule reads it ([`crate::model::LazyText`]).
#[must_use]
pub fn parse_shared(file: FileId, text: &str, shared: Option<&Arc<String>>) -> FormatOutput<CslFile> {
    let shared = super::shared_text(shared, text);
    let (root, errors) = json::parse(file, text);
    let syntax = errors
        .into_iter()
        .map(|e| SyntaxError { span: e.span, message: e.message, labels: e.label.into_iter().collect() })
        .collect();
    let ast = CslFile { root };
    let records = super::lower_all(ast.items(), |i| i.as_object().is_some().then(|| lower_item(i, text, shared)));
    FormatOutput { ast, syntax, records }
}

/// Whether JSON text looks like CSL-JSON: an array of objects (or one object) with a `type`
/// and an `id` or `title`.
#[must_use]
pub fn looks_like_csl_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    (t.starts_with('[') || t.starts_with('{'))
        && t.contains("\"type\"")
        && (t.contains("\"id\"") || t.contains("\"title\""))
}

/// The canonical field of a CSL variable (FORMATS §6, §8).
fn canonical(variable: &str) -> Option<Field> {
    Some(match variable {
        "title" => Field::Title,
        "container-title" => Field::ContainerTitle,
        "author" => Field::Author,
        "editor" => Field::Editor,
        "issued" => Field::Issued,
        "page" => Field::Pages,
        "volume" => Field::Volume,
        "issue" => Field::Issue,
        "edition" => Field::Edition,
        "publisher" => Field::Publisher,
        "publisher-place" => Field::Place,
        "ISBN" => Field::Isbn,
        "ISSN" => Field::Issn,
        "DOI" => Field::Doi,
        "URL" => Field::Url,
        "abstract" => Field::Abstract,
        "language" => Field::Language,
        "note" => Field::Note,
        _ => return None,
    })
}

/// A string's decoded value or a number's source text (the schema allows both for many
/// variables).
fn scalar_str<'a>(value: &'a Json, text: &'a str) -> Option<&'a str> {
    match &value.kind {
        JsonKind::String(s) => Some(s.value(text)),
        JsonKind::Number(_) => text.get(value.span.range()),
        _ => None,
    }
}

/// The source span of a byte range of [`scalar_str`]'s text.
fn scalar_span(value: &Json, r: std::ops::Range<usize>) -> Span {
    match &value.kind {
        JsonKind::String(s) => s.span_of(r),
        _ => value.span.within(r),
    }
}

fn lower_item(item: &Json, text: &str, shared: Option<&Arc<String>>) -> Record {
    let kind = match item.get("type", text).and_then(Json::as_str) {
        Some(s) => Spanned::new(s.value(text).to_owned(), s.inner),
        None => Spanned::new(
            String::new(),
            Span::new(item.span.file, item.span.start as usize, item.span.start as usize + 1),
        ),
    };
    let mut record = Record::new(Format::CslJson, item.span, kind);
    record.key = item.get("id", text).and_then(|id| match &id.kind {
        JsonKind::String(s) => Some(Spanned::new(s.value(text).to_owned(), s.inner)),
        JsonKind::Number(_) => Some(Spanned::new(text.get(id.span.range()).unwrap_or("").to_owned(), id.span)),
        _ => None,
    });
    for member in item.as_object().unwrap_or(&[]) {
        let name = member.key(text);
        let Some(field) = canonical(name) else { continue };
        let value = &member.value;
        let lowered = match field {
            Field::Author | Field::Editor => {
                value.as_array().map(|names| Value::Names(Box::new(lower_names(names, text))))
            }
            Field::Issued => lower_date(value, text).map(|d| Value::Date(Box::new(d))),
            Field::Pages => {
                scalar_str(value, text).map(|s| Value::Pages(Box::new(parse_pages(s, &|r| scalar_span(value, r)))))
            }
            Field::Doi | Field::Url | Field::Isbn | Field::Issn => {
                scalar_str(value, text).map(|s| Value::Text(s.trim().to_owned()))
            }
            Field::Abstract => match (&value.kind, shared) {
                (JsonKind::String(s), Some(source)) if s.first_escape().is_none() => {
                    Some(Value::Lazy(Box::new(LazyText::new(Arc::clone(source), s.inner.range(), nfc))))
                }
                _ => scalar_str(value, text).map(|s| Value::Text(nfc(s))),
            },
            _ => scalar_str(value, text).map(|s| Value::Text(nfc(s))),
        };
        let Some(lowered) = lowered else { continue };
        let native = Spanned::new(name.to_owned(), member.key_span());
        record.push(field, FieldEntry { native, raw: value.span, value: lowered });
    }
    record
}

/// Name objects (FORMATS §6): `family`/`given`, particles, `suffix`; `literal` (institutions)
/// becomes the family. Elements that are not objects are left to CL430.
fn lower_names(names: &[Json], text: &str) -> NameList {
    let mut list = NameList::default();
    for n in names {
        if n.as_object().is_none() {
            continue;
        }
        let part = |k: &str| {
            n.get(k, text).and_then(Json::as_str).map(|s| nfc_cow(s.value(text).trim())).filter(|s| !s.is_empty())
        };
        let particle = match (part("dropping-particle"), part("non-dropping-particle")) {
            (Some(d), Some(nd)) => Some(std::borrow::Cow::Owned(format!("{d} {nd}"))),
            (d, nd) => d.or(nd),
        };
        let family = part("family").or_else(|| part("literal"));
        if family.is_none() {
            list.problems.push(crate::model::names::NameProblem::EmptyFamily(n.span));
        }
        let (given, suffix) = (part("given"), part("suffix"));
        list.names.push(Name::new(
            n.span,
            family.as_deref().unwrap_or(""),
            given.as_deref(),
            particle.as_deref(),
            suffix.as_deref(),
        ));
    }
    list
}

/// A date variable: `date-parts` (the first date of a range), else `raw` / `literal` read as
/// `YYYY[-MM[-DD]]`; a bare string (not schema-valid, seen in the wild) likewise.
fn lower_date(value: &Json, text: &str) -> Option<Date> {
    if let Some(s) = value.as_str() {
        return iso_date(s, text);
    }
    let parts = value.get("date-parts", text).and_then(Json::as_array).and_then(|a| a.first()).and_then(Json::as_array);
    if let Some(parts) = parts {
        let mut date = Date::default();
        let mut nums = parts.iter().map(|p| date_part(p, text));
        date.year = nums.next().flatten().and_then(|(n, span)| Some(Spanned::new(i32::try_from(n).ok()?, span)));
        date.year.as_ref()?;
        date.month = nums
            .next()
            .flatten()
            .and_then(|(n, span)| u8::try_from(n).ok().filter(|m| (1..=12).contains(m)).map(|m| Spanned::new(m, span)));
        date.day = nums
            .next()
            .flatten()
            .and_then(|(n, span)| u8::try_from(n).ok().filter(|d| (1..=31).contains(d)).map(|d| Spanned::new(d, span)));
        return Some(date);
    }
    ["raw", "literal"].iter().find_map(|k| value.get(k, text).and_then(Json::as_str).and_then(|s| iso_date(s, text)))
}

/// One element of `date-parts`: an integer, or a string of digits (optionally signed).
fn date_part(part: &Json, text: &str) -> Option<(i64, Span)> {
    match &part.kind {
        JsonKind::Number(n) => n.int.map(|i| (i, part.span)),
        JsonKind::String(s) => {
            let v = s.value(text);
            let t = v.trim();
            let lead = v.len() - v.trim_start().len();
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((t.parse().ok()?, s.span_of(lead..lead + t.len())))
        }
        _ => None,
    }
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (then anything: a range `/`, a time `T`), spans exact.
fn iso_date(s: &JsonString, text: &str) -> Option<Date> {
    let v = s.value(text);
    let lead = v.len() - v.trim_start().len();
    let body = v.trim();
    let mut date = Date::default();
    let mut at = lead;
    let mut fields = body.split(['-', '/', 'T', ' ']).take(3);
    let y = fields.next()?;
    date.year = Some(Spanned::new(parse_year(y)?, s.span_of(at..at + y.len())));
    if body.as_bytes().get(y.len()) != Some(&b'-') {
        return Some(date);
    }
    at += y.len() + 1;
    if let Some(m) = fields.next() {
        date.month =
            m.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).map(|n| Spanned::new(n, s.span_of(at..at + m.len())));
        if date.month.is_some() && body.as_bytes().get(y.len() + 1 + m.len()) == Some(&b'-') {
            at += m.len() + 1;
            if let Some(d) = fields.next() {
                date.day = d
                    .parse::<u8>()
                    .ok()
                    .filter(|d| (1..=31).contains(d))
                    .map(|n| Spanned::new(n, s.span_of(at..at + d.len())));
            }
        }
    }
    Some(date)
}

#[cfg(test)]
#[allow(clippy::string_slice)] // reason: tests may panic
mod tests {
    use super::*;

    fn slice(text: &str, s: Span) -> &str {
        &text[s.range()]
    }

    #[test]
    fn lowers_an_item() {
        let text = r#"[{"id": "smith2020", "type": "paper-conference", "title": "A T\u00EDtle",
  "author": [{"family": "Smith", "given": "Ann", "non-dropping-particle": "van"}, {"literal": "ACL"}],
  "issued": {"date-parts": [[2026, "7", 3]]}, "page": "12–34", "volume": 3, "DOI": " 10.1/x "}]"#;
        let out = parse(FileId(0), text);
        assert!(out.syntax.is_empty());
        let r = &out.records[0];
        assert_eq!(r.key_str(), Some("smith2020"));
        assert_eq!(r.kind.value, "paper-conference");
        assert_eq!(slice(text, r.kind.span), "paper-conference");
        assert_eq!(r.text(Field::Title), Some("A Títle"));
        let names = r.names(Field::Author).unwrap();
        assert_eq!(names.names[0].family(), "Smith");
        assert_eq!(names.names[0].particle(), Some("van"));
        assert_eq!(names.names[1].family(), "ACL");
        let d = r.issued().unwrap();
        assert_eq!(d.year.as_ref().unwrap().value, 2026);
        assert_eq!(slice(text, d.month.as_ref().unwrap().span), "7");
        assert_eq!(slice(text, d.day.as_ref().unwrap().span), "3");
        let p = r.pages().unwrap();
        assert_eq!(slice(text, p.start.span), "12");
        assert_eq!(slice(text, p.end.as_ref().unwrap().span), "34");
        assert_eq!(r.text(Field::Volume), Some("3"));
        assert_eq!(r.text(Field::Doi), Some("10.1/x"));
    }

    #[test]
    fn dates_from_strings_and_numeric_ids() {
        let text = r#"{"id": 7, "type": "book", "issued": {"raw": "2020-05-31"}, "accessed": {"literal": "x"}}"#;
        let out = parse(FileId(0), text);
        let r = &out.records[0];
        assert_eq!(r.key_str(), Some("7"));
        let d = r.issued().unwrap();
        assert_eq!(slice(text, d.year.as_ref().unwrap().span), "2020");
        assert_eq!(slice(text, d.month.as_ref().unwrap().span), "05");
        assert_eq!(slice(text, d.day.as_ref().unwrap().span), "31");
        let text = r#"[{"id": "a", "type": "book", "issued": {"literal": "Spring 2020"}, "page": "a\u002D12-14"}]"#;
        let out = parse(FileId(0), text);
        assert!(out.records[0].issued().is_none());
        let p = out.records[0].pages().unwrap();
        assert_eq!(p.start.value, "a");
        // An escape precedes the end: the whole string's span, never a guess.
        assert_eq!(slice(text, p.end.as_ref().unwrap().span), r"a\u002D12-14");
    }
}
