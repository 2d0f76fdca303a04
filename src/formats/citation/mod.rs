//! Citation lines: the ACL Anthology's "ACL" text line and its "Markdown (Informal)" line
//! (spec/FORMATS.md §7.4, §7.5), lowered to records with spans.
//!
//! A citation file (`.txt` of ACL lines, `.md` of Markdown lines) holds one citation per line.
//! Which lines are citations is a heuristic, so that headings and prose between them are not
//! reported:
//! * ACL text: a non-blank line (an optional `- ` or `* ` list bullet is not part of it) that
//!   holds a four-digit number and a `. `;
//! * Markdown: a non-blank line that starts with `[` (after an optional bullet).
//!
//! Every other line is ignored. A candidate line that does not follow the grammar is a
//! [`Problem`] (CL440), saying where the parser stopped.
//!
//! What the records carry: ACL lines give `author` (or `editor` with `(ed.)`/`(eds.)`),
//! `issued` (year), `title`, `container_title` (booktitle or journal), `pages`, `volume`,
//! `issue`, `place` (address) and `publisher`; names are split First Last, the last token is
//! the family name, lower-case tokens right before it are the particle. Markdown lines give
//! `title`, `url`, `author` (family names as written, one name, two for `A & B`, one name and
//! [`crate::model::NameList::others`] set to the span of `et al.` for three or more),
//! `container_title` (the venue acronym only, native name `venue`) and `issued` (year).

pub mod acl;
pub mod markdown;

use std::ops::Range;

use super::{FormatOutput, SyntaxError};
use crate::model::{Field, FieldEntry, Format, Record, Value};
use crate::source::{FileId, Span, Spanned};

/// A citation line that does not follow its grammar, or follows an odd corner of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where the parser stopped (or the odd part).
    pub span: Span,
    pub message: String,
    /// The whole line.
    pub line: Span,
}

/// The syntax "tree" of a citation file: its problems (the records are in the output).
#[derive(Clone, Debug, Default)]
pub struct CitationFile {
    pub problems: Vec<Problem>,
}

/// One line of a file, with its byte offset.
pub(crate) struct Line<'a> {
    pub text: &'a str,
    pub start: usize,
}

/// Splits `text` into lines without their line breaks.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut offset = 0usize;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let body = raw.strip_suffix('\n').unwrap_or(raw);
        let body = body.strip_suffix('\r').unwrap_or(body);
        Line { text: body, start }
    })
}

/// The citation part of a line: without surrounding white space and list bullet. Returns the
/// byte range within the line.
pub(crate) fn content(line: &str) -> Range<usize> {
    let end = line.trim_end().len();
    let lead = line.len() - line.trim_start().len();
    let rest = line.get(lead..end).unwrap_or("");
    let bullet = ["- ", "* ", "\u{2022} "].iter().find(|b| rest.starts_with(**b)).map_or(0, |b| b.len());
    let rest2 = rest.get(bullet..).unwrap_or("");
    let ws = rest2.len() - rest2.trim_start().len();
    (lead + bullet + ws).min(end)..end
}

/// Whether a file holds at least one line that reads as a citation of this format.
#[must_use]
pub fn has_lines(text: &str, format: Format) -> bool {
    lines(text).any(|line| {
        let body = line.text.get(content(line.text)).unwrap_or("");
        match format {
            Format::Markdown => markdown::looks_like(body),
            _ => acl::looks_like(body),
        }
    })
}

/// Parses a file of citation lines of one format.
#[must_use]
pub fn parse(file: FileId, text: &str, format: Format) -> FormatOutput<CitationFile> {
    let mut records = Vec::new();
    let mut ast = CitationFile::default();
    for line in lines(text) {
        let range = content(line.text);
        let Some(body) = line.text.get(range.clone()) else { continue };
        if body.is_empty() {
            continue;
        }
        let start = line.start + range.start;
        let is_candidate = match format {
            Format::Markdown => markdown::looks_like(body),
            _ => acl::looks_like(body),
        };
        if !is_candidate {
            continue;
        }
        let span = Span::new(file, start, start + body.len());
        let out = match format {
            Format::Markdown => markdown::parse_line(body, span),
            _ => acl::parse_line(body, span),
        };
        match out {
            Ok((record, problems)) => {
                records.push(record);
                ast.problems.extend(problems.into_iter().map(|p| with_column(text, line.start, p)));
            }
            Err(problem) => ast.problems.push(with_column(text, line.start, problem)),
        }
    }
    FormatOutput { ast, syntax: Vec::<SyntaxError>::new(), records }
}

/// Adds "at column N" (in characters, from the start of the line) to a problem's message.
fn with_column(text: &str, line_start: usize, mut p: Problem) -> Problem {
    let at = p.span.start as usize;
    let col = text.get(line_start..at).map_or(1, |s| s.chars().count() + 1);
    p.message = format!("{} at column {col}", p.message);
    p
}

/// Builds spans for parts of one line.
#[derive(Clone, Copy)]
pub(crate) struct LineSpans<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl<'a> LineSpans<'a> {
    pub fn at(&self, r: Range<usize>) -> Span {
        let len = self.text.len();
        let (s, e) = (r.start.min(len), r.end.min(len));
        self.span.within(s.min(e)..e)
    }

    pub fn get(&self, r: Range<usize>) -> &'a str {
        self.text.get(r).unwrap_or("")
    }

    pub fn problem(&self, at: Range<usize>, message: impl Into<String>) -> Problem {
        Problem { span: self.at(at), message: message.into(), line: self.span }
    }

    /// A text field spanning `r` (trimmed).
    pub fn text_entry(&self, native: &str, r: Range<usize>) -> Option<FieldEntry> {
        let r = trim(self.text, r);
        if r.is_empty() {
            return None;
        }
        let span = self.at(r.clone());
        Some(FieldEntry {
            native: Spanned::new(native.to_owned(), span),
            raw: span,
            value: Value::Text(self.get(r).to_owned()),
        })
    }
}

/// Narrows a range of `text` to exclude white space at both ends.
pub(crate) fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let Some(s) = text.get(r.clone()) else { return r.start..r.start };
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let start = r.start + lead;
    start..(r.end - trail).max(start)
}

/// Adds a field entry when there is one.
pub(crate) fn push(record: &mut Record, field: Field, entry: Option<FieldEntry>) {
    if let Some(e) = entry {
        record.push(field, e);
    }
}

/// Whether `s` is a four-digit year.
pub(crate) fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests;
