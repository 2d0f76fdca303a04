//! EndNote Refer tagged text (spec/FORMATS.md §4): `%X value` lines grouped into records,
//! lowered to [`Record`]s.
//!
//! Grouping (FORMATS §4.1, DESIGN §4 recovery):
//! * A record is a run of lines without a blank line; a `%0` in a record that already has one
//!   also starts a new record (reported as a missing blank line; bibutils' `end2xml` reads
//!   such records as one).
//! * A **continuation line** is a non-blank line that does not start with `%` and follows a tag
//!   line or another continuation line of the same record (no blank line in between). It
//!   continues the previous value (refer(1) convention; EndNote's import joins it).
//! * Anything else is neither a tag nor a continuation: a non-blank line without `%` that starts
//!   a record (after a blank line or at the top of the file), or a line starting with `%` that
//!   is not a tag (`%` alone, `% x`). Both are reported by CL420.

use std::sync::Arc;

use crate::formats::tagged::{
    self, identifier_shape, merge_date, nfc, parse_date, parse_name, text_value, Line, LineKind, Problem, Syntax,
    TagField, TagRecord, ValueText,
};
use crate::formats::{FormatOutput, SyntaxError};
use crate::model::{Field, FieldEntry, Format, Record, Value};
use crate::source::{FileId, Span, Spanned};

/// The Refer syntax tree: every line, the records, and structure problems.
#[derive(Debug, Default)]
pub struct ReferFile {
    pub lines: Vec<Line>,
    pub records: Vec<TagRecord>,
    pub problems: Vec<Problem>,
}

/// Parses a Refer file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<ReferFile> {
    parse_shared(file, text, None)
}

/// As [`parse`]; with `shared`, the file's text (`text` itself, shared), an abstract on one
/// line is decoded only when a rule reads it ([`crate::model::LazyText`]).
#[must_use]
pub fn parse_shared(file: FileId, text: &str, shared: Option<&Arc<String>>) -> FormatOutput<ReferFile> {
    let shared = super::shared_text(shared, text);
    let lines = tagged::lex(file, text, Syntax::Refer);
    let (records, problems) = group(text, &lines);
    let lowered = super::lower_all(&records, |r| Some(lower(text, shared, r)));
    FormatOutput { ast: ReferFile { lines, records, problems }, syntax: Vec::<SyntaxError>::new(), records: lowered }
}

fn close(rec: Option<TagRecord>, problems: &mut Vec<Problem>, records: &mut Vec<TagRecord>) {
    let Some(rec) = rec else { return };
    if rec.ty.is_none() {
        let first = rec.fields.first().map_or(rec.span, |f| f.line);
        problems.push(Problem::MissingType(first));
    }
    records.push(rec);
}

fn group(text: &str, lines: &[Line]) -> (Vec<TagRecord>, Vec<Problem>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<TagRecord> = None;
    let mut stray: Option<Span> = None;
    for line in lines {
        match line.kind {
            LineKind::Blank => {
                close(open.take(), &mut problems, &mut records);
                if let Some(s) = stray.take() {
                    problems.push(Problem::TextOutsideRecord(s));
                }
            }
            LineKind::Text => {
                let s = text.get(line.span.range()).unwrap_or("");
                if s.starts_with('%') {
                    problems.push(Problem::NotATag(line.span));
                    continue;
                }
                match open.as_mut().and_then(|r| r.fields.last_mut().map(|f| (f, &mut r.span))) {
                    Some((last, span)) if stray.is_none() => {
                        let lead = s.len() - s.trim_start().len();
                        last.value = last.value.cover(line.span.within(lead..line.span.len()));
                        last.continued = true;
                        *span = span.cover(line.span);
                    }
                    _ => stray = Some(stray.map_or(line.span, |st| st.cover(line.span))),
                }
            }
            LineKind::Tag { tag, value, form } => {
                if let Some(s) = stray.take() {
                    problems.push(Problem::TextOutsideRecord(s));
                }
                let is_type = text.get(tag.range()) == Some("%0");
                if is_type && open.as_ref().is_some_and(|r| r.ty.is_some()) {
                    let first = open.as_ref().map_or(line.span, |r| r.fields.first().map_or(r.span, |f| f.line));
                    problems.push(Problem::MissingEnd(first, Some(line.span)));
                    close(open.take(), &mut problems, &mut records);
                }
                let field = TagField { tag, value, line: line.span, form, continued: false };
                let rec =
                    open.get_or_insert_with(|| TagRecord { span: line.span, fields: Vec::new(), ty: None, end: None });
                if is_type {
                    if let Some(first) = rec.fields.first() {
                        problems.push(Problem::TypeNotFirst(line.span, first.line));
                    }
                    rec.ty = Some(rec.fields.len());
                }
                rec.fields.push(field);
                rec.span = rec.span.cover(line.span);
            }
        }
    }
    close(open.take(), &mut problems, &mut records);
    if let Some(s) = stray.take() {
        problems.push(Problem::TextOutsideRecord(s));
    }
    (records, problems)
}

/// Types whose `%@` is an ISBN (FORMATS §4.3).
fn is_book_like(kind: &str) -> bool {
    matches!(
        kind,
        "Book"
            | "Book Section"
            | "Edited Book"
            | "Electronic Book"
            | "Electronic Book Section"
            | "Conference Proceedings"
            | "Conference Paper"
            | "Dictionary"
            | "Encyclopedia"
            | "Classical Work"
    )
}

/// The canonical field of a Refer tag (FORMATS §4.2, §4.4, §8). `%Y` (tertiary author) is the
/// editor when the record has no `%E`: bibutils writes a proceedings volume's editors there.
fn canonical(tag: &str, has_e: bool) -> Option<Field> {
    Some(match tag {
        "%T" => Field::Title,
        "%B" | "%J" | "%S" => Field::ContainerTitle,
        "%A" => Field::Author,
        "%E" => Field::Editor,
        "%Y" if !has_e => Field::Editor,
        "%P" => Field::Pages,
        "%V" => Field::Volume,
        "%N" => Field::Issue,
        "%7" => Field::Edition,
        "%I" => Field::Publisher,
        "%C" => Field::Place,
        "%@" => Field::Isbn,
        "%R" => Field::Doi,
        "%U" => Field::Url,
        "%X" => Field::Abstract,
        "%G" => Field::Language,
        "%Z" => Field::Note,
        _ => return None,
    })
}

/// Container preference: the journal (`%J`), then the book or conference (`%B`), then the
/// series (`%S`), which is the container only when there is neither (bibutils, FORMATS §4.4).
fn container_rank(tag: &str) -> u8 {
    match tag {
        "%J" => 0,
        "%B" => 1,
        _ => 2,
    }
}

fn lower(text: &str, shared: Option<&Arc<String>>, rec: &TagRecord) -> Record {
    let slice = |s: Span| text.get(s.range()).unwrap_or("");
    let kind_span = rec
        .type_field()
        .map_or(Span::new(rec.span.file, rec.span.start as usize, rec.span.start as usize), |f| f.value);
    let kind = slice(kind_span).trim().to_owned();
    let mut record = Record::new(Format::Refer, rec.span, Spanned::new(kind.clone(), kind_span));
    let has_e = rec.fields.iter().any(|f| slice(f.tag) == "%E");
    let mut names: [(Option<FieldEntry>, Field); 2] = [(None, Field::Author), (None, Field::Editor)];
    let mut containers: Vec<(u8, FieldEntry)> = Vec::new();
    let mut year: Option<(crate::model::Date, FieldEntry)> = None;
    let mut extra = Vec::new();
    for (i, f) in rec.fields.iter().enumerate() {
        if Some(i) == rec.ty {
            continue;
        }
        let tag = slice(f.tag);
        let native = || Spanned::new(tag.to_owned(), f.tag);
        let v = ValueText::new(text, f.value);
        if v.text.trim().is_empty() {
            continue;
        }
        match tag {
            "%F" => {
                if record.key.is_none() {
                    record.key = Some(Spanned::new(v.text.trim().to_owned(), f.value));
                }
                continue;
            }
            "%D" => {
                let d = parse_date(&v);
                if year.is_none() && d.year.is_some() {
                    year = Some((d, FieldEntry { native: native(), raw: f.value, value: Value::Text(String::new()) }));
                } else {
                    extra.push(d);
                }
                continue;
            }
            "%8" => {
                extra.push(parse_date(&v));
                continue;
            }
            _ => {}
        }
        let Some(canon) = canonical(tag, has_e) else { continue };
        match canon {
            Field::Author | Field::Editor => {
                if let Some((entry, _)) = names.iter_mut().find(|(_, c)| *c == canon) {
                    let e = entry.get_or_insert_with(|| FieldEntry {
                        native: native(),
                        raw: f.value,
                        value: Value::Names(Box::default()),
                    });
                    e.raw = e.raw.cover(f.value);
                    if let (Value::Names(list), Some(name)) = (&mut e.value, parse_name(&v.text, f.value)) {
                        list.names.push(name);
                    }
                }
            }
            Field::ContainerTitle => {
                let entry = FieldEntry { native: native(), raw: f.value, value: Value::Text(nfc(v.text.trim())) };
                containers.push((container_rank(tag), entry));
            }
            Field::Pages => {
                let range = crate::model::pages::parse_pages(&v.text, &|r| v.span_of(r));
                record.push(canon, FieldEntry { native: native(), raw: f.value, value: Value::Pages(Box::new(range)) });
            }
            Field::Isbn => {
                let field =
                    identifier_shape(&v.text).unwrap_or(if is_book_like(&kind) { Field::Isbn } else { Field::Issn });
                record.push(
                    field,
                    FieldEntry { native: native(), raw: f.value, value: Value::Text(v.text.trim().to_owned()) },
                );
            }
            Field::Doi | Field::Url => {
                record.push(
                    canon,
                    FieldEntry { native: native(), raw: f.value, value: Value::Text(v.text.trim().to_owned()) },
                );
            }
            _ => {
                record.push(canon, FieldEntry { native: native(), raw: f.value, value: text_value(canon, &v, shared) })
            }
        }
    }
    for (entry, field) in names {
        if let Some(e) = entry {
            record.push(field, e);
        }
    }
    containers.sort_by_key(|(rank, _)| *rank);
    let best = containers.first().map(|(r, _)| *r);
    for (rank, entry) in containers {
        // The series is the container only when there is no journal or book title.
        if rank == 2 && best != Some(2) {
            continue;
        }
        record.push(Field::ContainerTitle, entry);
    }
    if let Some((mut d, mut entry)) = year {
        for other in extra {
            merge_date(&mut d, other);
        }
        entry.value = Value::Date(Box::new(d));
        record.push(Field::Issued, entry);
    }
    record
}

/// Whether text looks like Refer: a `%0 ` line near the top.
#[must_use]
pub fn looks_like_refer(text: &str) -> bool {
    text.lines().take(50).any(|l| l.trim_start_matches('\u{feff}').starts_with("%0 "))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)] // reason: test code
    use super::*;

    #[test]
    fn groups_and_lowers() {
        let t = "%0 Conference Proceedings\n%T A\n title\n%A Hu, Yi\n%A Gu, Jiaqi\n%Y Liakata, Maria\n%S Proc\n%D 2026\n%8 July\n%@ 979-8-89176-390-6\n%F key\n%P 19449-19466\n\n\n%0 Journal Article\n%T B\n%J J\n%S Series\n";
        let out = parse(FileId(0), t);
        assert!(out.ast.problems.is_empty(), "{:?}", out.ast.problems);
        assert_eq!(out.records.len(), 2);
        let r = &out.records[0];
        assert_eq!(r.text(Field::Title), Some("A title"));
        assert_eq!(r.names(Field::Author).unwrap().names.len(), 2);
        assert_eq!(r.names(Field::Editor).unwrap().names[0].family(), "Liakata");
        assert_eq!(r.text(Field::ContainerTitle), Some("Proc"));
        assert_eq!(r.issued().unwrap().month.as_ref().unwrap().value, 7);
        assert_eq!(r.text(Field::Isbn), Some("979-8-89176-390-6"));
        assert_eq!(r.key_str(), Some("key"));
        assert_eq!(r.pages().unwrap().last_number().unwrap().value, 19466);
        assert_eq!(out.records[1].all(Field::ContainerTitle).count(), 1);
    }

    #[test]
    fn problems() {
        let t = "junk\n\n%T a\n%0 Book\n%\n\n%T no type\n%0 Book\n%0 Book\n";
        let out = parse(FileId(0), t);
        let p = &out.ast.problems;
        assert!(matches!(p[0], Problem::TextOutsideRecord(_)), "{p:?}");
        assert!(matches!(p[1], Problem::TypeNotFirst(..)));
        assert!(matches!(p[2], Problem::NotATag(_)));
        assert!(matches!(p[3], Problem::TypeNotFirst(..)));
        assert!(matches!(p[4], Problem::MissingEnd(..)));
        assert_eq!(out.records.len(), 3);
    }
}
