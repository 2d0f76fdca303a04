//! RIS (spec/FORMATS.md §5): tag lines grouped into `TY`..`ER` records, lowered to [`Record`]s.
//!
//! Grouping (FORMATS §5.1, DESIGN §4 recovery):
//! * `TY` opens a record; `ER` closes it. A `TY` inside a record that already has one closes
//!   that record (missing `ER`) and opens the next, so a broken record never hides the next.
//! * Any other tag outside a record opens one without a type (reported, with `TY` not first
//!   when a `TY` follows before `ER`).
//! * A line without a tag inside a record continues the previous value (RefMan wraps long
//!   values; exports write multi-line `AB`/`N1`). Blank lines inside a record are tolerated.
//! * Tags that open a record without `TY` and are followed by a blank line and a `TY`, or by the
//!   end of the file, are stray lines after `ER` (Ovid writes `NL` after `ER`), not a record.
//! * Text before the first record is a database header (`Provider:`, WoS `FN`/`VR`, `1.`) and is
//!   ignored; text between records is reported.

use std::sync::Arc;

use crate::formats::tagged::{
    self, identifier_shape, merge_date, nfc, parse_date, parse_name, text_value, Line, LineKind, Problem, Syntax,
    TagField, TagForm, TagRecord, ValueText,
};
use crate::formats::{FormatOutput, SyntaxError};
use crate::model::{Date, Field, FieldEntry, Format, Record, Value};
use crate::source::{FileId, Span, Spanned};

/// The RIS syntax tree: every line, the records, and structure problems.
#[derive(Debug, Default)]
pub struct RisFile {
    pub lines: Vec<Line>,
    pub records: Vec<TagRecord>,
    pub problems: Vec<Problem>,
}

/// Parses a RIS file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<RisFile> {
    parse_shared(file, text, None)
}

/// As [`parse`]; with `shared`, the file's text (`text` itself, shared), an abstract on one
/// line is decoded only when a rule reads it ([`crate::model::LazyText`]).
#[must_use]
pub fn parse_shared(file: FileId, text: &str, shared: Option<&Arc<String>>) -> FormatOutput<RisFile> {
    let shared = super::shared_text(shared, text);
    let lines = tagged::lex(file, text, Syntax::Ris);
    let (records, problems) = group(text, &lines);
    let lowered = super::lower_all(&records, |r| Some(lower(text, shared, r)));
    FormatOutput { ast: RisFile { lines, records, problems }, syntax: Vec::<SyntaxError>::new(), records: lowered }
}

fn tag_is(text: &str, tag: Span, name: &str) -> bool {
    text.get(tag.range()).is_some_and(|t| t.eq_ignore_ascii_case(name))
}

struct Open {
    rec: TagRecord,
    first_line: Span,
    /// A blank line came after the record's last line.
    blank_after: bool,
}

fn close(open: Open, problems: &mut Vec<Problem>, records: &mut Vec<TagRecord>) {
    if open.rec.ty.is_none() {
        problems.push(Problem::MissingType(open.first_line));
    }
    records.push(open.rec);
}

fn group(text: &str, lines: &[Line]) -> (Vec<TagRecord>, Vec<Problem>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut open: Option<Open> = None;
    let mut seen_record = false;
    let mut stray: Option<Span> = None;
    let flush_stray = |stray: &mut Option<Span>, problems: &mut Vec<Problem>| {
        if let Some(s) = stray.take() {
            problems.push(Problem::TextOutsideRecord(s));
        }
    };
    for line in lines {
        match line.kind {
            LineKind::Blank => {
                if let Some(o) = open.as_mut() {
                    o.blank_after = true;
                }
            }
            LineKind::Text => {
                if let Some(o) = open.as_mut() {
                    if let Some(last) = o.rec.fields.last_mut() {
                        last.value = last.value.cover(line.span.within(leading_ws(text, line.span)..line.span.len()));
                        last.continued = true;
                    }
                    o.rec.span = o.rec.span.cover(line.span);
                } else if seen_record {
                    stray = Some(stray.map_or(line.span, |s| s.cover(line.span)));
                }
            }
            LineKind::Tag { tag, value, form } => {
                flush_stray(&mut stray, &mut problems);
                let field = TagField { tag, value, line: line.span, form, continued: false };
                if tag_is(text, tag, "ER") {
                    match open.take() {
                        Some(mut o) => {
                            o.rec.end = Some(line.span);
                            o.rec.span = o.rec.span.cover(line.span);
                            close(o, &mut problems, &mut records);
                        }
                        None => problems.push(Problem::StrayEnd(line.span)),
                    }
                    continue;
                }
                let is_ty = tag_is(text, tag, "TY");
                if is_ty {
                    if let Some(o) = open.take() {
                        if o.rec.ty.is_some() {
                            problems.push(Problem::MissingEnd(o.first_line, Some(line.span)));
                            close(o, &mut problems, &mut records);
                        } else if o.blank_after {
                            // Tags after `ER`, then a blank line, then `TY` (Ovid writes `NL`
                            // after `ER`): stray text, not a record.
                            problems.push(Problem::TextOutsideRecord(o.rec.span));
                        } else {
                            let mut o = o;
                            problems.push(Problem::TypeNotFirst(line.span, o.first_line));
                            o.rec.ty = Some(o.rec.fields.len());
                            o.rec.fields.push(field);
                            o.rec.span = o.rec.span.cover(line.span);
                            open = Some(o);
                            continue;
                        }
                    }
                }
                seen_record = true;
                match open.as_mut() {
                    Some(o) => {
                        o.blank_after = false;
                        o.rec.fields.push(field);
                        o.rec.span = o.rec.span.cover(line.span);
                    }
                    None => {
                        let rec = TagRecord { span: line.span, fields: vec![field], ty: is_ty.then_some(0), end: None };
                        open = Some(Open { rec, first_line: line.span, blank_after: false });
                    }
                }
            }
        }
    }
    flush_stray(&mut stray, &mut problems);
    if let Some(o) = open.take() {
        if o.rec.ty.is_none() {
            // Tags after the last `ER` with neither `TY` nor `ER`: stray text, not a record.
            problems.push(Problem::TextOutsideRecord(o.rec.span));
        } else {
            problems.push(Problem::MissingEnd(o.first_line, None));
            close(o, &mut problems, &mut records);
        }
    }
    (records, problems)
}

fn leading_ws(text: &str, span: Span) -> usize {
    let s = text.get(span.range()).unwrap_or("");
    s.len() - s.trim_start().len()
}

/// Types whose `SN` is an ISBN and whose `T2`/`BT` is a book or proceedings title (FORMATS §5.3).
fn is_book_like(kind: &str) -> bool {
    matches!(
        kind,
        "BOOK" | "CHAP" | "CONF" | "CPAPER" | "EBOOK" | "ECHAP" | "EDBOOK" | "DICT" | "ENCYC" | "SER" | "MANSCPT"
    )
}

/// Whole-book types: `BT` is their own title (FORMATS §5.2).
fn is_whole_book(kind: &str) -> bool {
    matches!(kind, "BOOK" | "EBOOK" | "EDBOOK" | "UNPB" | "UNPD")
}

/// The canonical field of a RIS tag (FORMATS §5.2, §8), for a record of type `kind`.
fn canonical(tag: &str, kind: &str) -> Option<Field> {
    Some(match tag {
        "TI" | "T1" | "CT" => Field::Title,
        "BT" if is_whole_book(kind) => Field::Title,
        "BT" | "T2" | "JO" | "JF" => Field::ContainerTitle,
        "AU" | "A1" => Field::Author,
        "A2" | "ED" => Field::Editor,
        "SP" | "EP" => Field::Pages,
        "VL" => Field::Volume,
        "IS" => Field::Issue,
        "ET" => Field::Edition,
        "PB" => Field::Publisher,
        "CY" | "PP" => Field::Place,
        "SN" => Field::Isbn,
        "DO" => Field::Doi,
        "UR" => Field::Url,
        "AB" | "N2" => Field::Abstract,
        "LA" => Field::Language,
        "N1" => Field::Note,
        _ => return None,
    })
}

/// Order of preference among container tags: the journal tags first for periodicals, `T2`
/// first otherwise (FORMATS §5.2: `JO` is the full name in practice).
fn container_rank(tag: &str, kind: &str) -> u8 {
    let journal = !is_book_like(kind);
    match (tag, journal) {
        ("JF", true) => 0,
        ("JO", true) => 1,
        ("T2", true) => 2,
        ("T2", false) => 0,
        ("BT", false) => 1,
        _ => 3,
    }
}

fn lower(text: &str, shared: Option<&Arc<String>>, rec: &TagRecord) -> Record {
    let slice = |s: Span| text.get(s.range()).unwrap_or("");
    let kind_span = rec
        .type_field()
        .map_or(Span::new(rec.span.file, rec.span.start as usize, rec.span.start as usize), |f| f.value);
    let kind = slice(kind_span).trim().to_owned();
    let upper_kind = kind.to_ascii_uppercase();
    let mut record = Record::new(Format::Ris, rec.span, Spanned::new(kind, kind_span));
    let mut names: [(Option<FieldEntry>, Field); 2] = [(None, Field::Author), (None, Field::Editor)];
    let mut containers: Vec<(u8, FieldEntry)> = Vec::new();
    let mut date: Option<(Date, FieldEntry)> = None;
    let mut extra_dates: Vec<Date> = Vec::new();
    let mut sp: Option<&TagField> = None;
    let mut ep: Option<&TagField> = None;
    let mut tag_buf = String::new();
    for (i, f) in rec.fields.iter().enumerate() {
        if Some(i) == rec.ty {
            continue;
        }
        tag_buf.clear();
        tag_buf.push_str(slice(f.tag));
        tag_buf.make_ascii_uppercase();
        let tag = tag_buf.as_str();
        let native = || Spanned::new(slice(f.tag).to_owned(), f.tag);
        match tag {
            "ID" => {
                if record.key.is_none() && !f.value.is_empty() {
                    record.key = Some(Spanned::new(slice(f.value).trim().to_owned(), f.value));
                }
                continue;
            }
            "PY" | "Y1" => {
                let v = ValueText::new(text, f.value);
                let d = parse_date(&v);
                if date.is_none() && d.year.is_some() {
                    date = Some((d, FieldEntry { native: native(), raw: f.value, value: Value::Text(String::new()) }));
                } else {
                    extra_dates.push(d);
                }
                continue;
            }
            "DA" => {
                extra_dates.push(parse_date(&ValueText::new(text, f.value)));
                continue;
            }
            "SP" => {
                sp.get_or_insert(f);
                continue;
            }
            "EP" => {
                ep.get_or_insert(f);
                continue;
            }
            _ => {}
        }
        let Some(canon) = canonical(tag, &upper_kind) else { continue };
        let v = ValueText::new(text, f.value);
        if v.text.trim().is_empty() {
            continue;
        }
        match canon {
            Field::Author | Field::Editor => {
                let slot = names.iter_mut().find(|(_, c)| *c == canon);
                if let Some((entry, _)) = slot {
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
                containers.push((container_rank(tag, &upper_kind), entry));
            }
            Field::Isbn => {
                let field = identifier_shape(&v.text).unwrap_or(if is_book_like(&upper_kind) {
                    Field::Isbn
                } else {
                    Field::Issn
                });
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
    for (_, entry) in containers {
        record.push(Field::ContainerTitle, entry);
    }
    if let Some(p) = pages(text, sp, ep) {
        record.push(Field::Pages, p);
    }
    let mut issued = date;
    if issued.is_none() {
        if let Some(pos) = extra_dates.iter().position(|d| d.year.is_some()) {
            let d = extra_dates.remove(pos);
            let (native, raw) = rec
                .fields
                .iter()
                .find(|f| tag_is(text, f.tag, "DA"))
                .map_or((Spanned::new(String::new(), rec.span), rec.span), |f| {
                    (Spanned::new(slice(f.tag).to_owned(), f.tag), f.value)
                });
            issued = Some((d, FieldEntry { native, raw, value: Value::Text(String::new()) }));
        }
    }
    if let Some((mut d, mut entry)) = issued {
        for other in extra_dates {
            merge_date(&mut d, other);
        }
        entry.value = Value::Date(Box::new(d));
        record.push(Field::Issued, entry);
    }
    record
}

/// `SP`/`EP` to one page range: `SP` holding a whole range (`379-423`, common in exports) is
/// read as one; otherwise `SP` is the start and `EP` the end, each with its own span.
fn pages(text: &str, sp: Option<&TagField>, ep: Option<&TagField>) -> Option<FieldEntry> {
    use crate::model::pages::parse_pages;
    use crate::model::PageRange;
    let sp = sp?;
    let slice = |s: Span| text.get(s.range()).unwrap_or("");
    let v = ValueText::new(text, sp.value);
    if v.text.trim().is_empty() {
        return None;
    }
    let mut range = parse_pages(&v.text, &|r| v.span_of(r));
    if range.end.is_none() {
        if let Some(ep) = ep.filter(|e| !slice(e.value).trim().is_empty()) {
            let e = ValueText::new(text, ep.value);
            let end = Some(Spanned::new(e.text.trim().to_owned(), ep.value));
            range = PageRange::from_ends(sp.value.cover(ep.value), range.start, end);
        }
    }
    Some(FieldEntry {
        native: Spanned::new(slice(sp.tag).to_owned(), sp.tag),
        raw: sp.value,
        value: Value::Pages(Box::new(range)),
    })
}

/// Whether a RIS tag line is malformed (for CL410): its form.
#[must_use]
pub fn is_malformed(line: &Line) -> bool {
    matches!(line.kind, LineKind::Tag { form: TagForm::Malformed, .. })
}

/// Whether text looks like RIS: a `TY  - ` line near the top (Zotero's detector also accepts
/// one space, `^TY {1,2}- `).
#[must_use]
pub fn looks_like_ris(text: &str) -> bool {
    text.lines().take(50).any(|l| {
        let l = l.trim_start_matches('\u{feff}');
        l.starts_with("TY  -") || l.starts_with("TY - ")
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)] // reason: test code
    use super::*;

    #[test]
    fn groups_and_lowers() {
        let t = "Provider: X\n\nTY  - JOUR\nID  - k1\nAU  - Shannon,Claude E.\nAU  - van der Berg, Jan, Jr.\nPY  - 1948/07//\nTI  - A Mathematical\n  Theory\nJO  - Abbrev\nJF  - Bell System\nSP  - 379\nEP  - 423\nSN  - 0005-8580\nER  - \nTY  - BOOK\nSN  - 978-8-89176-390-6\nSP  - 1-10\nER  -\n";
        let out = parse(FileId(0), t);
        assert!(out.ast.problems.is_empty(), "{:?}", out.ast.problems);
        assert_eq!(out.records.len(), 2);
        let r = &out.records[0];
        assert_eq!(r.kind.value, "JOUR");
        assert_eq!(r.key_str(), Some("k1"));
        let names = r.names(Field::Author).unwrap();
        assert_eq!(names.names[0].family(), "Shannon");
        assert_eq!(names.names[0].given(), Some("Claude E."));
        assert_eq!(names.names[1].family(), "Berg");
        assert_eq!(names.names[1].particle(), Some("van der"));
        assert_eq!(names.names[1].suffix(), Some("Jr."));
        assert_eq!(r.text(Field::Title), Some("A Mathematical Theory"));
        assert_eq!(r.text(Field::ContainerTitle), Some("Bell System"));
        let p = r.pages().unwrap();
        assert_eq!(&t[p.start.span.range()], "379");
        assert_eq!(&t[p.end.as_ref().unwrap().span.range()], "423");
        let d = r.issued().unwrap();
        assert_eq!(d.year.as_ref().unwrap().value, 1948);
        assert_eq!(d.month.as_ref().unwrap().value, 7);
        assert_eq!(&t[d.month.as_ref().unwrap().span.range()], "07");
        assert_eq!(r.text(Field::Issn), Some("0005-8580"));
        assert_eq!(out.records[1].text(Field::Isbn), Some("978-8-89176-390-6"));
        assert_eq!(out.records[1].pages().unwrap().last_number().unwrap().value, 10);
    }

    #[test]
    fn recovers() {
        let t =
            "TY  - JOUR\nTI  - a\nTY  - JOUR\nTI  - b\nER  - \njunk\nER  - \nAU  - x\nTY  - BOOK\nER  - \nTY  - JOUR\n";
        let out = parse(FileId(0), t);
        assert_eq!(out.records.len(), 4);
        let p = &out.ast.problems;
        assert!(matches!(p[0], Problem::MissingEnd(..)));
        assert!(matches!(p[1], Problem::TextOutsideRecord(_)));
        assert!(matches!(p[2], Problem::StrayEnd(_)));
        assert!(matches!(p[3], Problem::TypeNotFirst(..)));
        assert!(matches!(p[4], Problem::MissingEnd(_, None)));
    }

    #[test]
    fn wos_dates() {
        let t = "TY  - JOUR\nDA  - MAY 4\nPY  - 2023\nER  - \n";
        let out = parse(FileId(0), t);
        let d = out.records[0].issued().unwrap();
        assert_eq!(d.year.as_ref().unwrap().value, 2023);
        assert_eq!(d.month.as_ref().unwrap().value, 5);
        assert_eq!(d.day.as_ref().unwrap().value, 4);
    }
}
