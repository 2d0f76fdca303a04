//! The tag-line lexer shared by RIS and EndNote Refer (DESIGN §2, §4).
//!
//! Both formats are line based: a tag line is a tag, a separator and a value (RIS `AU  - x`,
//! spec/FORMATS.md §5.1; Refer `%A x`, §4.1), a line without a tag continues the previous
//! value, and blank lines separate (Refer) or are tolerated between (RIS) records. The lexer
//! splits the text into lines with exact spans and classifies each; grouping lines into
//! records is the format's business ([`super::ris`], [`super::refer`]).
//!
//! Line ends are `\n`, `\r\n` and a lone `\r` (Web of Science RIS exports put a lone `\r`
//! between repeated `WE` lines). A leading U+FEFF (BOM) is skipped. The lexer allocates
//! nothing per line beyond the output vector.

use std::borrow::Cow;
use std::sync::OnceLock;

pub use crate::model::normalize::nfc;
use crate::model::{Field, LazyText, Value};
use crate::source::{FileId, Span};

/// Which tag syntax to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// `XX  - value` (spec/FORMATS.md §5.1).
    Ris,
    /// `%X value` (spec/FORMATS.md §4.1).
    Refer,
}

/// Whether a tag line is written as its format asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagForm {
    /// As the spec asks.
    Exact,
    /// Readable as a tag line, but not in the spec's form: RIS `AU - x`, `AU-x`, `au  - x`;
    /// Refer `%Ax` (no space after the tag).
    Malformed,
}

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only white space.
    Blank,
    /// A tag line. `value` is trimmed (empty at the end of the separator when there is none).
    Tag { tag: Span, value: Span, form: TagForm },
    /// Any other line: a continuation inside a record, stray text outside one.
    Text,
}

/// One line: its span (without the line end) and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    pub kind: LineKind,
}

/// Splits `text` into classified lines. Never panics; every span lies within `text` on char
/// boundaries (line ends are ASCII).
#[must_use]
pub fn lex(file: FileId, text: &str, syntax: Syntax) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
    let mut start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    while start < bytes.len() {
        let (end, next) = match memchr::memchr2(b'\n', b'\r', bytes.get(start..).unwrap_or(&[])) {
            Some(i) => {
                let end = start + i;
                let crlf = bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n');
                (end, end + if crlf { 2 } else { 1 })
            }
            None => (bytes.len(), bytes.len()),
        };
        let line = text.get(start..end).unwrap_or("");
        let kind = classify(file, start, line, syntax);
        lines.push(Line { span: Span::new(file, start, end), kind });
        start = next;
    }
    lines
}

fn classify(file: FileId, at: usize, line: &str, syntax: Syntax) -> LineKind {
    if line.trim().is_empty() {
        return LineKind::Blank;
    }
    let found = match syntax {
        Syntax::Ris => ris_tag(line),
        Syntax::Refer => refer_tag(line),
    };
    let Some((value_start, form)) = found else { return LineKind::Text };
    let value = line.get(value_start..).unwrap_or("");
    let lead = value.len() - value.trim_start().len();
    let trimmed_len = value.trim().len();
    let vs = at + value_start + lead;
    LineKind::Tag { tag: Span::new(file, at, at + 2), value: Span::new(file, vs, vs + trimmed_len), form }
}

/// A RIS tag line: `(value offset, form)`.
///
/// Exact: `[A-Z][A-Z0-9]`, two spaces, `-`, then a space and the value, or nothing (`ER  -`;
/// FORMATS §5.1: "some writers omit the trailing space"). Malformed but read (and reported by
/// CL410), only when the tag upper-cased is a known RIS tag, so that continuation text such
/// as `CO-2 emissions` or `IS-LM model` is not taken for a tag:
/// * a lower-case tag with the right separator (`au  - x`);
/// * zero to three spaces before the `-` and at most two after it (`AU - x`, `TY - JOUR`,
///   which Zotero's reader accepts; `AU -x`, `AU-Smith`), except `XX-` directly followed by a
///   digit or by two upper-case letters or digits (`IS-LM`, `CO-2`), which is read as text.
fn ris_tag(line: &str) -> Option<(usize, TagForm)> {
    let b = line.as_bytes();
    let (&t0, &t1) = (b.first()?, b.get(1)?);
    if !t0.is_ascii_alphabetic() || !t1.is_ascii_alphanumeric() {
        return None;
    }
    let rest = b.get(2..).unwrap_or(&[]);
    let upper = t0.is_ascii_uppercase() && !t1.is_ascii_lowercase();
    if upper && rest.starts_with(b"  - ") {
        return Some((6, TagForm::Exact));
    }
    if upper && rest == b"  -" {
        return Some((5, TagForm::Exact));
    }
    let known = is_ris_tag_bytes(t0.to_ascii_uppercase(), t1.to_ascii_uppercase());
    if !known {
        return None;
    }
    let spaces_before = rest.iter().take_while(|&&c| c == b' ').count();
    if spaces_before > 3 || rest.get(spaces_before) != Some(&b'-') {
        return None;
    }
    let after = rest.get(spaces_before + 1..).unwrap_or(&[]);
    let spaces_after = after.iter().take_while(|&&c| c == b' ').count();
    if spaces_after > 2 {
        return None;
    }
    if spaces_before == 0 && spaces_after == 0 {
        let acronym = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        let first = after.first();
        if first.is_some_and(|c| c.is_ascii_digit() || *c == b'-') || acronym(first) && acronym(after.get(1)) {
            return None;
        }
    }
    let value_start = 2 + spaces_before + 1 + spaces_after;
    let exact = upper && spaces_before == 2 && (spaces_after == 1 || after.is_empty());
    Some((value_start, if exact { TagForm::Exact } else { TagForm::Malformed }))
}

/// A Refer tag line: `%` and one printable ASCII character, then a space (or tab) and the
/// value, or nothing. `%Avalue` (no space) is malformed. `(value offset, form)`.
fn refer_tag(line: &str) -> Option<(usize, TagForm)> {
    let b = line.as_bytes();
    if b.first() != Some(&b'%') {
        return None;
    }
    let t = *b.get(1)?;
    if !t.is_ascii_graphic() {
        return None;
    }
    match b.get(2) {
        None => Some((2, TagForm::Exact)),
        Some(b' ' | b'\t') => Some((3, TagForm::Exact)),
        Some(_) => Some((2, TagForm::Malformed)),
    }
}

/// One row of a tag table in `rules/data/*.tsv`: tag, meaning, source.
#[derive(Clone, Copy, Debug)]
pub struct TagInfo {
    pub tag: &'static str,
    pub meaning: &'static str,
    pub source: &'static str,
}

const RIS_TAGS: &str = include_str!("../../rules/data/ris-tags.tsv");
const REFER_TAGS: &str = include_str!("../../rules/data/refer-tags.tsv");
const REFER_TYPES: &str = include_str!("../../rules/data/refer-types.tsv");

fn table(text: &'static str) -> Vec<TagInfo> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            TagInfo {
                tag: cols.next().unwrap_or(""),
                meaning: cols.next().unwrap_or(""),
                source: cols.next().unwrap_or(""),
            }
        })
        .collect()
}

/// The RIS tag list (FORMATS §5.2), from `rules/data/ris-tags.tsv`.
pub fn ris_tags() -> &'static [TagInfo] {
    static T: OnceLock<Vec<TagInfo>> = OnceLock::new();
    T.get_or_init(|| table(RIS_TAGS))
}

/// The EndNote Refer tag list (FORMATS §4.2), from `rules/data/refer-tags.tsv`.
pub fn refer_tags() -> &'static [TagInfo] {
    static T: OnceLock<Vec<TagInfo>> = OnceLock::new();
    T.get_or_init(|| table(REFER_TAGS))
}

/// The EndNote `%0` type names (FORMATS §4.3), from `rules/data/refer-types.tsv`.
pub fn refer_types() -> &'static [&'static str] {
    static T: OnceLock<Vec<&'static str>> = OnceLock::new();
    T.get_or_init(|| REFER_TYPES.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect())
}

/// A set of two-byte tags: one bit for each of the 65,536 pairs (every line of a file is
/// looked up).
struct TagSet(Vec<u64>);

impl TagSet {
    fn new(tags: &[TagInfo]) -> Self {
        let mut bits = vec![0u64; 1024];
        for t in tags {
            if let [a, b] = t.tag.as_bytes() {
                let i = usize::from(u16::from_be_bytes([*a, *b]));
                if let Some(word) = bits.get_mut(i / 64) {
                    *word |= 1 << (i % 64);
                }
            }
        }
        Self(bits)
    }

    fn contains(&self, a: u8, b: u8) -> bool {
        let i = usize::from(u16::from_be_bytes([a, b]));
        self.0.get(i / 64).is_some_and(|word| word & (1 << (i % 64)) != 0)
    }

    fn contains_str(&self, tag: &str) -> bool {
        matches!(tag.as_bytes(), [a, b] if self.contains(*a, *b))
    }
}

fn ris_tag_set() -> &'static TagSet {
    static T: OnceLock<TagSet> = OnceLock::new();
    T.get_or_init(|| TagSet::new(ris_tags()))
}

/// Whether `tag` (as written) is in the RIS tag list (every tag there has two characters).
#[must_use]
pub fn is_ris_tag(tag: &str) -> bool {
    ris_tag_set().contains_str(tag)
}

fn is_ris_tag_bytes(a: u8, b: u8) -> bool {
    ris_tag_set().contains(a, b)
}

/// Whether `tag` (`%A`) is in the Refer tag list (every tag there has two characters).
#[must_use]
pub fn is_refer_tag(tag: &str) -> bool {
    static T: OnceLock<TagSet> = OnceLock::new();
    T.get_or_init(|| TagSet::new(refer_tags())).contains_str(tag)
}

/// A record's field as the format parsers group them: a tag line and its continuation lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagField {
    /// The tag (`AU`, `%A`).
    pub tag: Span,
    /// The value, from its first character to the end of its last continuation line.
    pub value: Span,
    /// The tag line (the first line).
    pub line: Span,
    pub form: TagForm,
    /// Whether continuation lines follow the tag line.
    pub continued: bool,
}

/// A record: its tag fields, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagRecord {
    /// From the first line's start to the last line's end.
    pub span: Span,
    pub fields: Vec<TagField>,
    /// Index in `fields` of the type tag (`TY`, `%0`), when there is one.
    pub ty: Option<usize>,
    /// RIS: the `ER` line that closed the record.
    pub end: Option<Span>,
}

impl TagRecord {
    /// The type field.
    #[must_use]
    pub fn type_field(&self) -> Option<&TagField> {
        self.fields.get(self.ty?)
    }
}

/// A structure problem found while grouping lines, reported by CL410 (RIS) and CL420 (Refer).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A record without a type tag; the span is the record's first line.
    MissingType(Span),
    /// The type tag is not the record's first line: (type line, first line).
    TypeNotFirst(Span, Span),
    /// A RIS record not closed by `ER`: (the record's first line, where the next record starts or
    /// the end of the file).
    MissingEnd(Span, Option<Span>),
    /// Lines outside any record that are neither blank nor a tag (consecutive lines merged).
    TextOutsideRecord(Span),
    /// A RIS `ER` line outside a record (a repeated `ER`).
    StrayEnd(Span),
    /// A Refer line starting with `%` that is not a tag (`%`, `% x`).
    NotATag(Span),
}

/// Joins a value's lines for reading: each line trimmed, joined by one space.
#[must_use]
pub fn joined(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for part in raw.split(['\n', '\r']).map(str::trim).filter(|p| !p.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Values shared by RIS and Refer lowering.

/// A field's value as text, and a way to map byte ranges of that text to source spans: exact
/// when the value is on one line, the whole value's span when continuation lines were joined
/// (DESIGN §3: the enclosing span, never a guess).
pub struct ValueText<'a> {
    /// The source text when the value is on one line (most are), joined lines otherwise.
    pub text: Cow<'a, str>,
    pub span: Span,
    exact: bool,
}

/// The value of a text field: NFC, trimmed. An abstract on one line of the file's shared text
/// is decoded when a rule first reads it ([`LazyText`]): abstracts are the longest values.
#[must_use]
pub fn text_value(field: Field, v: &ValueText, shared: Option<&std::sync::Arc<String>>) -> Value {
    fn trimmed_nfc(s: &str) -> String {
        nfc(s.trim())
    }
    match (field, shared, &v.text) {
        (Field::Abstract, Some(source), Cow::Borrowed(_)) => {
            Value::Lazy(Box::new(LazyText::new(std::sync::Arc::clone(source), v.span.range(), trimmed_nfc)))
        }
        _ => Value::Text(trimmed_nfc(&v.text)),
    }
}

impl<'a> ValueText<'a> {
    #[must_use]
    pub fn new(source: &'a str, value: Span) -> Self {
        let raw = source.get(value.range()).unwrap_or("");
        if memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_some() {
            Self { text: Cow::Owned(joined(raw)), span: value, exact: false }
        } else {
            Self { text: Cow::Borrowed(raw), span: value, exact: true }
        }
    }

    #[must_use]
    pub fn span_of(&self, r: std::ops::Range<usize>) -> Span {
        if self.exact {
            self.span.within(r)
        } else {
            self.span
        }
    }
}

/// One personal or corporate name as RIS and Refer write it (FORMATS §4.1, §5.2):
/// `Last, First Middle, Suffix` (RefMan: `Last,First,Suffix`), `Corporation Name,`, or without
/// a comma `First Last` (BibTeX's First von Last split) or `Last I.` (initials last, as Embase
/// and Ovid write). The family part is split into particle and family as BibTeX does
/// ("Tame the BeaST" §11), so `van der Berg, Jan` agrees with the BibTeX lowering.
#[must_use]
pub fn parse_name<'a>(raw: &'a str, span: Span) -> Option<crate::model::Name> {
    use crate::model::names::split_name;
    use crate::model::normalize::nfc_cow;
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    // Each part borrowed when it is NFC already (most names): no copy before the name's own.
    let part = |s: &'a str, r: &Option<std::ops::Range<usize>>| {
        r.as_ref().and_then(|r| s.get(r.clone())).map(|p| nfc_cow(p.trim())).filter(|p| !p.is_empty())
    };
    let mut commas = raw.match_indices(',').map(|(i, _)| i);
    let first_comma = commas.next();
    let second_comma = commas.next();
    if first_comma.is_none() {
        if let Some(name) = initials_last(raw, span) {
            return Some(name);
        }
    }
    let head = second_comma.and_then(|i| raw.get(..i)).unwrap_or(raw);
    let suffix = second_comma.and_then(|i| raw.get(i + 1..)).map(|s| nfc_cow(s.trim())).filter(|s| !s.is_empty());
    let parts = split_name(head)?;
    let family = part(head, &parts.last).unwrap_or_default();
    let (given, particle) = (part(head, &parts.first), part(head, &parts.von));
    let suffix = suffix.or_else(|| part(head, &parts.jr));
    Some(crate::model::Name::new(span, &family, given.as_deref(), particle.as_deref(), suffix.as_deref()))
}

/// `Fanning E.`, `Smith JA`: a family name followed by initials only.
fn initials_last(raw: &str, span: Span) -> Option<crate::model::Name> {
    let mut tokens = raw.split_whitespace();
    let family = tokens.next()?;
    let rest: Vec<&str> = tokens.collect();
    let is_initials = |t: &&str| {
        let letters = t.chars().filter(|c| *c != '.' && *c != '-').count();
        letters > 0 && letters <= 3 && t.chars().all(|c| c.is_uppercase() || c == '.' || c == '-')
    };
    if rest.is_empty() || !rest.iter().all(is_initials) {
        return None;
    }
    Some(crate::model::Name::new(span, &nfc(family), Some(&nfc(&rest.join(" "))), None, None))
}

/// A date as RIS and Refer write it: RefMan `YYYY/MM/DD/other` (slashes, parts may be empty:
/// `2019///`), ISO `YYYY-MM-DD`, or text (`MAY 4`, `July`, `12 July 2020`; FORMATS §5.2, §4.4).
#[must_use]
pub fn parse_date(v: &ValueText<'_>) -> crate::model::Date {
    use crate::model::date::{parse_month, parse_year};
    use crate::source::Spanned;
    let mut date = crate::model::Date::default();
    let s: &str = &v.text;
    let numeric = |piece: &str| !piece.trim().is_empty() && piece.trim().bytes().all(|b| b.is_ascii_digit());
    let sep = if s.contains('/') {
        Some('/')
    } else if s.trim().split('-').count() >= 2 && s.trim().split('-').all(numeric) {
        Some('-')
    } else {
        None
    };
    if let Some(sep) = sep {
        let mut at = 0;
        for (i, piece) in s.split(sep).enumerate() {
            let lead = piece.len() - piece.trim_start().len();
            let t = piece.trim();
            let r = at + lead..at + lead + t.len();
            at += piece.len() + 1;
            match i {
                0 => date.year = parse_year(t).map(|y| Spanned::new(y, v.span_of(r))),
                1 => {
                    date.month =
                        t.parse::<u8>().ok().filter(|m| (1..=12).contains(m)).map(|m| Spanned::new(m, v.span_of(r)))
                }
                2 => {
                    date.day =
                        t.parse::<u8>().ok().filter(|d| (1..=31).contains(d)).map(|d| Spanned::new(d, v.span_of(r)))
                }
                _ => break,
            }
        }
        return date;
    }
    let mut numbers = Vec::new();
    let mut at = 0;
    for piece in s.split(|c: char| c.is_whitespace() || c == ',' || c == '-') {
        let r = at..at + piece.len();
        at += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        if piece.bytes().all(|b| b.is_ascii_digit()) {
            if piece.len() == 4 && date.year.is_none() {
                date.year = parse_year(piece).map(|y| Spanned::new(y, v.span_of(r)));
            } else {
                numbers.push((piece, r));
            }
        } else if date.month.is_none() && piece.chars().next().is_some_and(char::is_alphabetic) {
            date.month = parse_month(piece).map(|m| Spanned::new(m, v.span_of(r)));
        }
    }
    if date.month.is_some() {
        if let Some((d, r)) = numbers.first() {
            date.day =
                d.parse::<u8>().ok().filter(|d| (1..=31).contains(d)).map(|d| Spanned::new(d, v.span_of(r.clone())));
        }
    }
    date
}

/// Fills the month and day of `date` from `other` (a `DA` or `%8` date) when `other` names no
/// year or the same one.
pub fn merge_date(date: &mut crate::model::Date, other: crate::model::Date) {
    let same_year = match (&date.year, &other.year) {
        (Some(a), Some(b)) => a.value == b.value,
        _ => true,
    };
    if !same_year {
        return;
    }
    if date.year.is_none() {
        date.year = other.year;
    }
    if date.month.is_none() {
        date.month = other.month;
        if date.day.is_none() {
            date.day = other.day;
        }
    }
}

/// Whether an ISBN/ISSN value is shaped like an ISSN (8 digits or X) or an ISBN (10 or 13);
/// `None` when it is neither. The first identifier of the value counts.
#[must_use]
pub fn identifier_shape(s: &str) -> Option<crate::model::Field> {
    let first = s.split([';', ',', '(']).next().unwrap_or("").trim();
    let first = first.split_whitespace().next().unwrap_or("");
    let n = first.chars().filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x').count();
    let others = first.chars().filter(|c| !c.is_ascii_digit() && !matches!(c, 'X' | 'x' | '-')).count();
    match (n, others) {
        (8, 0) => Some(crate::model::Field::Issn),
        (10 | 13, 0) => Some(crate::model::Field::Isbn),
        _ => None,
    }
}

#[cfg(test)]
mod tests {

    #![allow(clippy::indexing_slicing, clippy::string_slice)] // reason: test code
    use super::*;

    #[test]
    fn tag_sets_hold_the_tag_lists() {
        assert!(super::ris_tags().iter().all(|t| super::is_ris_tag(t.tag) && t.tag.len() == 2));
        assert!(super::refer_tags().iter().all(|t| super::is_refer_tag(t.tag) && t.tag.len() == 2));
        for not in ["", "A", "TYX", "ty", "Q9", "%", "%a%"] {
            assert!(!super::is_ris_tag(not) && !super::is_refer_tag(not), "{not}");
        }
    }

    type Kinds = Vec<(String, Option<(String, String, TagForm)>)>;

    fn kinds(text: &str, s: Syntax) -> Kinds {
        lex(FileId(0), text, s)
            .into_iter()
            .map(|l| {
                let tag = match l.kind {
                    LineKind::Tag { tag, value, form } => {
                        Some((text[tag.range()].to_owned(), text[value.range()].to_owned(), form))
                    }
                    _ => None,
                };
                (text[l.span.range()].to_owned(), tag)
            })
            .collect()
    }

    #[test]
    fn ris_lines() {
        let t = "\u{feff}TY  - JOUR\r\nAU  - Smith, A\r\n  more\r\n\r\nER  -\rER  - \nau  - x\nAU - y\nAU-z\nIS-LM\nCO-2 x\nPU  - P\n";
        let k = kinds(t, Syntax::Ris);
        assert_eq!(k[0].1, Some(("TY".into(), "JOUR".into(), TagForm::Exact)));
        assert_eq!(k[1].1, Some(("AU".into(), "Smith, A".into(), TagForm::Exact)));
        assert_eq!(k[2].1, None);
        assert_eq!(k[3].0, "");
        assert_eq!(k[4].1, Some(("ER".into(), String::new(), TagForm::Exact)));
        assert_eq!(k[5].1, Some(("ER".into(), String::new(), TagForm::Exact)));
        assert_eq!(k[6].1, Some(("au".into(), "x".into(), TagForm::Malformed)));
        assert_eq!(k[7].1, Some(("AU".into(), "y".into(), TagForm::Malformed)));
        assert_eq!(k[8].1, Some(("AU".into(), "z".into(), TagForm::Malformed)));
        assert_eq!(k[9].1, None);
        assert_eq!(k[10].1, None);
        assert_eq!(k[11].1, Some(("PU".into(), "P".into(), TagForm::Exact)));
    }

    #[test]
    fn refer_lines() {
        let t = "%0 Book\n%A Smith, A\n  cont\n%Ax\n%\n%8\n";
        let k = kinds(t, Syntax::Refer);
        assert_eq!(k[0].1, Some(("%0".into(), "Book".into(), TagForm::Exact)));
        assert_eq!(k[2].1, None);
        assert_eq!(k[3].1, Some(("%A".into(), "x".into(), TagForm::Malformed)));
        assert_eq!(k[4].1, None);
        assert_eq!(k[5].1, Some(("%8".into(), String::new(), TagForm::Exact)));
    }
}
