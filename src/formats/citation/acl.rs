//! The ACL Anthology's "ACL" citation line, as the website shows it (HTML tags removed):
//! spec/FORMATS.md §7.4.
//!
//! ```text
//! AUTH ". " YEAR ". " TITLE "." [ " " PARENT "." ]      (authors or editors)
//! TITLE ". " YEAR "." [ " " PARENT "." ]                 (no names)
//! ```
//!
//! Heuristics where the text form is ambiguous (the HTML's `<i>` and `<a>` are gone):
//! * The year is the first `. YYYY.` of the line.
//! * The text before it is a name list unless it reads as a title: a single name with more than
//!   six words or with `:`, `?`, `!`, `;` or `"` in it.
//! * The title ends at the first `. In ` (proceedings) or else at the first `. `.
//! * A parent starting with `In ` is a booktitle (`inproceedings`); any other parent is a
//!   journal (`article`), whose last `, ` part is `VOL[(ISSUE)][:PAGES]` or `PAGES` when it has
//!   a digit and no space. Without pages, a booktitle ends at its last `)` when an address
//!   follows; the publisher follows the last `. `.

use std::ops::Range;

use super::{is_year, push, trim, LineSpans, Problem};
use crate::model::{pages::parse_pages, Date, Field, FieldEntry, Format, Name, NameList, Record, Value};
use crate::source::{Span, Spanned};

/// Whether a line (without bullet) reads as an ACL citation: a four-digit number and a `. `.
#[must_use]
pub fn looks_like(body: &str) -> bool {
    body.contains(". ") && has_four_digits(body)
}

fn has_four_digits(s: &str) -> bool {
    let b = s.as_bytes();
    let mut run = 0usize;
    for (i, c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            run += 1;
        } else {
            if run == 4 {
                return true;
            }
            run = 0;
        }
        if i + 1 == b.len() && run == 4 {
            return true;
        }
    }
    false
}

/// Where the year is: `(dot, year_start)`: the `.` before `" YYYY."` and the first digit.
fn find_year(text: &str) -> Result<(usize, usize), (usize, &'static str)> {
    let mut first_bad = None;
    for (i, _) in text.match_indices(". ") {
        let j = i + 2;
        let Some(y) = text.get(j..j + 4) else { continue };
        if !is_year(y) || text.get(j + 4..j + 5).is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit())) {
            continue;
        }
        let after = text.get(j + 4..).unwrap_or("");
        if after == "." || after.starts_with(". ") {
            return Ok((i, j));
        }
        first_bad.get_or_insert((j + 4, "expected `. ` after the year"));
    }
    if let Some(bad) = first_bad {
        return Err(bad);
    }
    // A year not preceded by `. `?
    let b = text.as_bytes();
    for i in 0..b.len() {
        let prev_digit = i.checked_sub(1).and_then(|p| b.get(p)).is_some_and(u8::is_ascii_digit);
        if !prev_digit
            && text.get(i..i + 4).is_some_and(is_year)
            && !text.get(i + 4..i + 5).is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err((i, "expected `. ` before the year"));
        }
    }
    Err((text.len(), "expected `. YEAR.` after the names or the title"))
}

/// Parses one ACL citation (without list bullet). `span` is the line's span.
///
/// # Errors
/// Where the line stops following the grammar.
pub fn parse_line(body: &str, span: Span) -> Result<(Record, Vec<Problem>), Problem> {
    let ls = LineSpans { text: body, span };
    let (dot, year_start) = find_year(body).map_err(|(at, msg)| ls.problem(at..at, msg))?;
    let year_end = year_start + 4;
    let after = (year_end + 1).min(body.len());
    let rest = trim(body, after..body.len());
    let prefix = 0..dot;
    let mut record = Record::new(Format::AclText, span, Spanned::new(String::new(), span.within(0..0)));
    let year_span = ls.at(year_start..year_end);
    let year = ls.get(year_start..year_end).parse::<i32>().ok();
    record.push(
        Field::Issued,
        FieldEntry {
            native: Spanned::new("year".into(), year_span),
            raw: year_span,
            value: Value::Date(Box::new(Date {
                year: year.map(|y| Spanned::new(y, year_span)),
                month: None,
                day: None,
            })),
        },
    );
    let names_form = !rest.is_empty() && looks_like_names(ls.get(prefix.clone()));
    let parent = if names_form {
        read_names(&ls, prefix, &mut record)?;
        let (title, parent) = split_title(&ls, rest)?;
        push(&mut record, Field::Title, ls.text_entry("title", title));
        parent
    } else {
        push(&mut record, Field::Title, ls.text_entry("title", prefix));
        (!rest.is_empty()).then_some(rest)
    };
    let kind = match parent {
        Some(p) => read_parent(&ls, p, &mut record)?,
        None => "misc",
    };
    record.kind.value = kind.to_owned();
    Ok((record, Vec::new()))
}

fn looks_like_names(prefix: &str) -> bool {
    if prefix.trim().is_empty() {
        return false;
    }
    let list = prefix.contains(", ") || prefix.contains(" and ") || editors_suffix(prefix).is_some();
    let odd = prefix.contains([':', '?', '!', ';', '"']);
    if odd {
        return false;
    }
    list || prefix.split_whitespace().count() <= 6
}

fn editors_suffix(s: &str) -> Option<usize> {
    [" (eds.)", " (ed.)"].iter().find(|e| s.ends_with(**e)).map(|e| e.len())
}

fn read_names(ls: &LineSpans, prefix: Range<usize>, record: &mut Record) -> Result<(), Problem> {
    let text = ls.get(prefix.clone());
    let (field, native, end) = match editors_suffix(text) {
        Some(n) => (Field::Editor, "editors", prefix.end - n),
        None => (Field::Author, "authors", prefix.end),
    };
    let whole = prefix.start..end;
    let list_text = ls.get(whole.clone());
    let mut ranges = Vec::new();
    if let Some(k) = list_text.rfind(", and ") {
        let mut at = 0;
        for piece in list_text.get(..k).unwrap_or("").split(", ") {
            ranges.push(at..at + piece.len());
            at += piece.len() + 2;
        }
        ranges.push(k + 6..list_text.len());
    } else if let Some(k) = list_text.find(" and ") {
        ranges.push(0..k);
        ranges.push(k + 5..list_text.len());
    } else {
        ranges.push(0..list_text.len());
    }
    let mut names = NameList::default();
    for r in ranges {
        let r = trim(body_of(ls), whole.start + r.start..whole.start + r.end);
        if r.is_empty() {
            return Err(ls.problem(r.clone(), "empty name"));
        }
        names.names.push(first_last(ls, r));
    }
    let span = ls.at(whole);
    record.push(
        field,
        FieldEntry { native: Spanned::new(native.into(), span), raw: span, value: Value::Names(Box::new(names)) },
    );
    Ok(())
}

fn body_of<'a>(ls: &LineSpans<'a>) -> &'a str {
    ls.text
}

/// Splits `First [particle] Last [Jr.]`: the last token is the family name, lower-case tokens
/// right before it are the particle.
fn first_last(ls: &LineSpans, r: Range<usize>) -> Name {
    let text = ls.get(r.clone());
    let mut tokens: Vec<&str> = text.split_whitespace().collect();
    let mut suffix = None;
    if tokens.len() > 2 {
        if let Some(last) = tokens.last().copied() {
            if matches!(last, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV") {
                suffix = Some(last.to_owned());
                tokens.pop();
            }
        }
    }
    let family = tokens.pop().unwrap_or("").to_owned();
    let mut particle = Vec::new();
    while let Some(t) = tokens.last().copied() {
        if t.chars().next().is_some_and(char::is_lowercase) {
            particle.push(t);
            tokens.pop();
        } else {
            break;
        }
    }
    particle.reverse();
    let given = (!tokens.is_empty()).then(|| tokens.join(" "));
    let particle = (!particle.is_empty()).then(|| particle.join(" "));
    Name::new(ls.at(r), &family, given.as_deref(), particle.as_deref(), suffix.as_deref())
}

/// Splits `TITLE "." [ " " PARENT "." ]` into the title and the parent (with its final `.`).
fn split_title(ls: &LineSpans, rest: Range<usize>) -> Result<(Range<usize>, Option<Range<usize>>), Problem> {
    let text = ls.get(rest.clone());
    if let Some(k) = text.find(". In ") {
        return Ok((rest.start..rest.start + k, Some(rest.start + k + 2..rest.end)));
    }
    // A journal parent has no marker: the title ends at the first `. ` that does not end an
    // abbreviation (`U.S. Property Data`, `vs. `), or at the first `. ` when all do.
    let stops: Vec<usize> = text.match_indices(". ").map(|(k, _)| k).collect();
    let stop =
        stops.iter().copied().find(|&k| !ends_abbreviation(text.get(..k).unwrap_or(""))).or(stops.first().copied());
    if let Some(k) = stop {
        return Ok((rest.start..rest.start + k, Some(rest.start + k + 2..rest.end)));
    }
    match text.strip_suffix('.') {
        Some(t) => Ok((rest.start..rest.start + t.len(), None)),
        None => Err(ls.problem(rest.end..rest.end, "expected `.` after the title")),
    }
}

/// Whether `before` (a title up to a `. `) ends with an abbreviation whose period is not the
/// title's end: a single letter (`U.S`, `J`), a word with inner periods (`e.g`), or a common
/// abbreviation.
fn ends_abbreviation(before: &str) -> bool {
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1
        || word.contains('.')
        || matches!(word.to_lowercase().as_str(), "vs" | "cf" | "etc" | "al" | "dr" | "vol" | "approx")
}

/// Reads the parent (with its final `.`): a booktitle or a journal. Returns the kind.
fn read_parent(ls: &LineSpans, p: Range<usize>, record: &mut Record) -> Result<&'static str, Problem> {
    let text = ls.get(p.clone());
    let Some(stripped) = text.strip_suffix('.') else {
        return Err(ls.problem(p.end..p.end, "expected `.` at the end of the citation"));
    };
    let p = p.start..p.start + stripped.len();
    if let Some(inner) = stripped.strip_prefix("In ") {
        read_proceedings(ls, p.end - inner.len()..p.end, record)?;
        Ok("inproceedings")
    } else {
        read_journal(ls, p, record);
        Ok("article")
    }
}

fn read_proceedings(ls: &LineSpans, inner: Range<usize>, record: &mut Record) -> Result<(), Problem> {
    let text = ls.get(inner.clone());
    let found = text.find(", pages ").map(|k| (k, 8, "pages")).or_else(|| text.find(", page ").map(|k| (k, 7, "page")));
    let tail = if let Some((k, len, native)) = found {
        push(record, Field::ContainerTitle, ls.text_entry("booktitle", inner.start..inner.start + k));
        let v = inner.start + k + len;
        let after = ls.get(v..inner.end);
        let v_end = v + [after.find(", "), after.find(". ")].into_iter().flatten().min().unwrap_or(after.len());
        let value = trim(ls.text, v..v_end);
        if value.is_empty() {
            return Err(ls.problem(v..v, "expected the pages"));
        }
        let pages =
            parse_pages(ls.get(value.clone()), &|r: Range<usize>| ls.at(value.start + r.start..value.start + r.end));
        let span = ls.at(value);
        record.push(
            Field::Pages,
            FieldEntry { native: Spanned::new(native.into(), span), raw: span, value: Value::Pages(Box::new(pages)) },
        );
        v_end..inner.end
    } else {
        let (book_end, tail_start) = match (text.rfind(')'), text.rfind(". ")) {
            (Some(c), _) if text.get(c + 1..).is_some_and(|t| t.starts_with(", ") || t.starts_with(". ")) => {
                (c + 1, c + 1)
            }
            (_, Some(d)) => (d, d),
            _ => (text.len(), text.len()),
        };
        push(record, Field::ContainerTitle, ls.text_entry("booktitle", inner.start..inner.start + book_end));
        inner.start + tail_start..inner.end
    };
    let t = ls.get(tail.clone());
    if t.is_empty() {
        return Ok(());
    }
    let (address, publisher) = if let Some(rest) = t.strip_prefix(", ") {
        let start = tail.start + 2;
        match rest.rfind(". ") {
            Some(d) => (Some(start..start + d), Some(start + d + 2..tail.end)),
            None => (Some(start..tail.end), None),
        }
    } else if t.starts_with(". ") {
        (None, Some(tail.start + 2..tail.end))
    } else {
        return Err(ls.problem(tail.start..tail.start, "expected `, ` or `. `"));
    };
    if let Some(a) = address {
        push(record, Field::Place, ls.text_entry("address", a));
    }
    if let Some(p) = publisher {
        push(record, Field::Publisher, ls.text_entry("publisher", p));
    }
    Ok(())
}

/// `JOURNAL [", " VOL ["(" ISSUE ")"] [":" PAGES] | ", " PAGES]`.
fn read_journal(ls: &LineSpans, p: Range<usize>, record: &mut Record) {
    let text = ls.get(p.clone());
    let tail = text.rfind(", ").map(|k| (k, p.start + k + 2..p.end));
    let Some((k, tail)) = tail.filter(|(_, t)| {
        let s = ls.get(t.clone());
        // A volume may hold spaces (`7026 LNAI:110–124`) when pages or an issue follow it.
        let volume_with_more =
            s.rfind([':', '(']).and_then(|c| s.get(c..)).is_some_and(|r| !r.contains(char::is_whitespace));
        !s.is_empty()
            && (!s.contains(char::is_whitespace) || volume_with_more)
            && s.contains(|c: char| c.is_ascii_digit())
    }) else {
        push(record, Field::ContainerTitle, ls.text_entry("journal", p));
        return;
    };
    push(record, Field::ContainerTitle, ls.text_entry("journal", p.start..p.start + k));
    let s = ls.get(tail.clone());
    let is_range = !s.contains(['(', ':']) && s.contains(crate::model::pages::is_dash);
    if is_range {
        push_pages(ls, tail, record);
        return;
    }
    let vol_end = s.find(['(', ':']).unwrap_or(s.len());
    push(record, Field::Volume, ls.text_entry("volume", tail.start..tail.start + vol_end));
    let mut at = vol_end;
    if s.get(at..).is_some_and(|r| r.starts_with('(')) {
        let close = s.get(at..).and_then(|r| r.find(')')).map_or(s.len(), |c| at + c);
        push(record, Field::Issue, ls.text_entry("issue", tail.start + at + 1..tail.start + close));
        at = (close + 1).min(s.len());
    }
    if s.get(at..).is_some_and(|r| r.starts_with(':')) {
        push_pages(ls, tail.start + at + 1..tail.end, record);
    }
}

fn push_pages(ls: &LineSpans, r: Range<usize>, record: &mut Record) {
    let r = trim(ls.text, r);
    if r.is_empty() {
        return;
    }
    let pages = parse_pages(ls.get(r.clone()), &|x: Range<usize>| ls.at(r.start + x.start..r.start + x.end));
    let span = ls.at(r);
    record.push(
        Field::Pages,
        FieldEntry { native: Spanned::new("pages".into(), span), raw: span, value: Value::Pages(Box::new(pages)) },
    );
}
