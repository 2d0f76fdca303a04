//! The ACL Anthology's "Markdown (Informal)" citation line: spec/FORMATS.md §7.5.
//!
//! ```text
//! "[" TITLE "](" URL ") (" [ NAMES ", " ] [ ACRONYM ] " " YEAR ")"
//! NAMES := L1 | L1 " & " L2 | L1 " et al."
//! ```
//!
//! Titles are not escaped, so the line is read from its end: the citation part is after the
//! last ` (`, the URL after the last `](` before it.

use std::ops::Range;

use super::{is_year, push, trim, LineSpans, Problem};
use crate::model::{Date, Field, FieldEntry, Format, Name, NameList, Record, Value};
use crate::source::{Span, Spanned};

/// Whether a line (without bullet) reads as a Markdown citation: it starts with `[`.
#[must_use]
pub fn looks_like(body: &str) -> bool {
    body.starts_with('[')
}

/// Parses one Markdown citation (without list bullet). `span` is the line's span.
///
/// # Errors
/// Where the line stops following the grammar.
pub fn parse_line(body: &str, span: Span) -> Result<(Record, Vec<Problem>), Problem> {
    let ls = LineSpans { text: body, span };
    let err = |at: usize, what: &str| ls.problem(at..at, what);
    if !body.starts_with('[') {
        return Err(err(0, "expected `[` before the title"));
    }
    let Some(inner) = body.strip_suffix(')') else {
        return Err(err(body.len(), "expected `)` at the end of the citation"));
    };
    let Some(open) = inner.rfind(" (") else {
        return Err(err(inner.len(), "expected ` (` before the names and venue"));
    };
    let head = body.get(..open).unwrap_or("");
    let Some(url_close) = head.strip_suffix(')').map(str::len) else {
        return Err(err(open, "expected `)` after the URL"));
    };
    let Some(link) = head.get(..url_close).and_then(|h| h.rfind("](")) else {
        return Err(err(url_close, "expected `](` after the title"));
    };
    let url = link + 2..url_close;
    if ls.get(url.clone()).trim().is_empty() || ls.get(url.clone()).contains(char::is_whitespace) {
        return Err(err(url.start, "expected a URL without spaces"));
    }
    let mut record = Record::new(Format::Markdown, span, Spanned::new("citation".into(), span.within(0..0)));
    push(&mut record, Field::Title, ls.text_entry("title", 1..link));
    push(&mut record, Field::Url, ls.text_entry("url", url));
    let cite = open + 2..inner.len();
    let cite_text = ls.get(cite.clone());
    let (names, venue_year) = match cite_text.rfind(", ") {
        Some(k) => (Some(cite.start..cite.start + k), cite.start + k + 2..cite.end),
        None => (None, cite.clone()),
    };
    let vy = ls.get(venue_year.clone());
    let year_at = vy.rfind(' ').map_or(0, |s| s + 1);
    let year = venue_year.start + year_at..venue_year.end;
    if !is_year(ls.get(year.clone())) {
        return Err(err(year.start, "expected a four-digit year"));
    }
    let mut problems = Vec::new();
    let acronym = trim(ls.text, venue_year.start..year.start);
    if acronym.is_empty() {
        problems.push(
            ls.problem(
                venue_year.start..year.start.max(venue_year.start),
                "the venue acronym before the year is empty",
            ),
        );
    } else {
        push(&mut record, Field::ContainerTitle, ls.text_entry("venue", acronym));
    }
    if let Some(names) = names {
        read_names(&ls, names, &mut record).map_err(|at| err(at, "expected a name"))?;
    }
    let year_span = ls.at(year.clone());
    let value = ls.get(year).parse::<i32>().ok();
    record.push(
        Field::Issued,
        FieldEntry {
            native: Spanned::new("year".into(), year_span),
            raw: year_span,
            value: Value::Date(Box::new(Date {
                year: value.map(|y| Spanned::new(y, year_span)),
                month: None,
                day: None,
            })),
        },
    );
    Ok((record, problems))
}

fn read_names(ls: &LineSpans, r: Range<usize>, record: &mut Record) -> Result<(), usize> {
    let text = ls.get(r.clone());
    let mut list = NameList::default();
    let mut ranges = Vec::new();
    if let Some(head) = text.strip_suffix(" et al.") {
        ranges.push(r.start..r.start + head.len());
        list.others = Some(ls.at(r.start + head.len() + 1..r.end));
    } else if let Some(k) = text.find(" & ") {
        ranges.push(r.start..r.start + k);
        ranges.push(r.start + k + 3..r.end);
    } else {
        ranges.push(r.clone());
    }
    for n in ranges {
        let n = trim(ls.text, n);
        if n.is_empty() {
            return Err(n.start);
        }
        list.names.push(Name::new(ls.at(n.clone()), ls.get(n), None, None, None));
    }
    let span = ls.at(r);
    record.push(
        Field::Author,
        FieldEntry { native: Spanned::new("authors".into(), span), raw: span, value: Value::Names(Box::new(list)) },
    );
    Ok(())
}
