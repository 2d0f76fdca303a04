//! The BibTeX parser: never fails, never panics, recovers at the next `@` at a line start.
//!
//! Grammar: btparse's `bt_language(3)` (spec/FORMATS.md §2.1-2.2), with these choices:
//!
//! * Text between entries is junk. An `@` in junk that is not followed by a name is junk; an
//!   `@name` not followed by `{`/`(` is an error only when the `@` starts a line.
//! * `%` starts a comment to the end of the line at top level and between fields (btparse's
//!   lexer; FORMATS.md §2.1), never inside values.
//! * `@comment{...}` skips its balanced body (btparse/biber); `@comment` without an opener is a
//!   comment to the end of the line.
//! * Keys run up to the first `,`, whitespace, brace, quote or `=`; a paren-delimited entry's key
//!   may hold balanced parentheses (pybtex `KeyParsingTest`). An entry whose body starts with
//!   `name =` or `,` is keyless.
//! * Recovery (DESIGN §4): after an error the rest of the entry is skipped up to the next `@` at
//!   the start of a line (only whitespace before it). A braced or quoted value (or an entry body)
//!   that reaches a line starting with `@name{` / `@name(` is taken to be unclosed: one error is
//!   reported at its opening delimiter and parsing resumes at that `@`.
//!
//! Everything is byte-based and linear; brace nesting is a counter, never recursion.

use memchr::{memchr, memchr2, memchr3};

use super::ast::{BibFile, Delimiter, Entry, FieldAst, Item, Part, PartKind, SyntaxError, ValueAst};
use crate::source::{FileId, Span};

/// Parses a whole file.
#[must_use]
pub fn parse(file: FileId, text: &str) -> (BibFile, Vec<SyntaxError>) {
    let mut p = Parser { file, text, b: text.as_bytes(), pos: 0, errors: Vec::new() };
    let items = p.run();
    (BibFile { items }, p.errors)
}

/// Parses a large file in parts of about `part_len` bytes on every core. The parts are cut at
/// an `@` that starts a line, and each is parsed from its cut, in the whole text, up to the
/// first later cut it reaches between entries (most often the next one; an error such as an
/// unclosed entry may carry it past). Where the whole-file parse is between entries at a part's
/// cut, that part's parse is the whole-file parse up to where it stopped. The first part starts
/// the file; each part used says which is next: the one at the cut where it stopped (parts it
/// ran over are dropped). The result is always that of [`parse`], errors included. A part runs
/// over a cut only inside an entry that holds `\n@` (or after an error that reads on to one), so
/// the parts do little more work than one parse; at worst each reads on to the end.
#[must_use]
pub fn parse_in_parts(file: FileId, text: &str, part_len: usize) -> (BibFile, Vec<SyntaxError>) {
    use rayon::prelude::*;
    let cuts = cuts(text.as_bytes(), part_len.max(1));
    if cuts.len() < 3 {
        return parse(file, text);
    }
    // The last cut is the end of the text: no part starts there.
    let starts = cuts.get(..cuts.len() - 1).unwrap_or_default();
    let mut parts: Vec<Option<ReadPart>> = starts
        .par_iter()
        .enumerate()
        .map(|(k, &start)| {
            let mut p = Parser { file, text, b: text.as_bytes(), pos: start, errors: Vec::new() };
            let (items, stop) = p.run_until(starts.get(k + 1..).unwrap_or_default());
            Some(ReadPart { items, errors: p.errors, stop })
        })
        .collect();
    let mut items = Vec::with_capacity(parts.iter().flatten().map(|p| p.items.len()).sum());
    let mut errors = Vec::new();
    let mut k = 0;
    while let Some(part) = parts.get_mut(k).and_then(Option::take) {
        items.extend(part.items);
        errors.extend(part.errors);
        match part.stop.and_then(|at| starts.iter().position(|&c| c == at)) {
            Some(next) => k = next,
            None => break,
        }
    }
    items.shrink_to_fit();
    (BibFile { items }, errors)
}

/// One part of [`parse_in_parts`] as read: its items and errors, and the cut where it stopped.
struct ReadPart {
    items: Vec<Item>,
    errors: Vec<SyntaxError>,
    stop: Option<usize>,
}

/// Offsets `0 = c0 < c1 < ... < cn = len`, each inner one an `@` at the start of a line found
/// at or after a multiple of `part_len`.
fn cuts(b: &[u8], part_len: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut target = part_len;
    while target < b.len() {
        let Some(found) = b.get(target..).and_then(|rest| memchr::memmem::find(rest, b"\n@")) else { break };
        let cut = target + found + 1;
        cuts.push(cut);
        target = cut + part_len;
    }
    cuts.push(b.len());
    cuts
}

/// btparse whitespace.
const fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Whitespace that does not end a line.
const fn is_hspace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)
}

/// btparse NAME characters `[a-z0-9!$&*+\-./:;<>?\[\]^_`|]`, plus any non-ASCII byte (lenient:
/// accented field names and keys). A run of these bytes always ends on a char boundary.
fn is_name_byte(b: u8) -> bool {
    /// [`name_byte`] of every byte: the parser asks for every byte of every name.
    #[allow(clippy::indexing_slicing)] // reason: evaluated at compile time, indices below 256
    const TABLE: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = name_byte(b as u8);
            b += 1;
        }
        table
    };
    TABLE.get(usize::from(b)).copied().unwrap_or(false)
}

const fn name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || b >= 0x80
        || matches!(
            b,
            b'!' | b'$'
                | b'&'
                | b'*'
                | b'+'
                | b'-'
                | b'.'
                | b'/'
                | b':'
                | b';'
                | b'<'
                | b'>'
                | b'?'
                | b'['
                | b']'
                | b'^'
                | b'_'
                | b'`'
                | b'|'
        )
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ty {
    Regular,
    String,
    Preamble,
    Comment,
}

/// The entry was given up: the error is reported and `pos` is where parsing resumes.
struct Stop;

struct Parser<'a> {
    file: FileId,
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    errors: Vec<SyntaxError>,
}

impl Parser<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn peek(&self) -> Option<u8> {
        self.byte(self.pos)
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// A one-char span at `pos` (zero-width at end of file).
    fn char_span(&self, pos: usize) -> Span {
        let len = self.text.get(pos..).and_then(|s| s.chars().next()).map_or(0, char::len_utf8);
        self.span(pos, pos + len)
    }

    fn skip_ws_from(&self, mut i: usize) -> usize {
        while self.byte(i).is_some_and(is_ws) {
            i += 1;
        }
        i
    }

    fn skip_ws(&mut self) {
        self.pos = self.skip_ws_from(self.pos);
    }

    /// Skips whitespace and `%` comments (between fields, btparse).
    fn skip_ws_comments(&mut self) {
        loop {
            self.skip_ws();
            if self.peek() != Some(b'%') {
                return;
            }
            self.pos = self.line_end(self.pos);
        }
    }

    /// The offset of the next `\n` at or after `i` (or the end of the text).
    fn line_end(&self, i: usize) -> usize {
        self.b.get(i..).and_then(|rest| memchr(b'\n', rest)).map_or(self.b.len(), |o| i + o)
    }

    fn name_end(&self, i: usize) -> usize {
        i + self.b.get(i..).map_or(0, |rest| rest.iter().take_while(|&&b| is_name_byte(b)).count())
    }

    /// Whether a name followed by `=` starts at `i` (a field, not a key or junk).
    fn field_starts_at(&self, i: usize) -> bool {
        let e = self.name_end(i);
        e > i && self.byte(self.skip_ws_from(e)) == Some(b'=')
    }

    /// Describes what is at `pos` for an error message.
    fn found(&self, pos: usize) -> String {
        let Some(b) = self.byte(pos) else { return "end of file".to_owned() };
        match b {
            b'\n' | b'\r' => "end of line".to_owned(),
            _ if is_name_byte(b) => {
                let e = self.name_end(pos);
                match self.text.get(pos..e) {
                    Some(s) if s.len() <= 40 => format!("`{s}`"),
                    _ => {
                        let c = self.text.get(pos..).and_then(|s| s.chars().next()).unwrap_or('?');
                        format!("`{c}...`")
                    }
                }
            }
            _ => {
                let c = self.text.get(pos..).and_then(|s| s.chars().next()).unwrap_or('?');
                format!("`{c}`")
            }
        }
    }

    fn error(&mut self, span: Span, message: String, labels: Vec<(Span, String)>) {
        self.errors.push(SyntaxError { span, message, labels });
    }

    /// Whether only horizontal whitespace precedes `at` on its line.
    fn at_line_start(&self, at: usize) -> bool {
        let mut i = at;
        while i > 0 {
            match self.byte(i - 1) {
                Some(b'\n') => return true,
                Some(c) if is_hspace(c) => i -= 1,
                _ => return false,
            }
        }
        true
    }

    /// Whether `@ name {` or `@ name (` starts at `at`.
    fn entry_opener_at(&self, at: usize) -> bool {
        if self.byte(at) != Some(b'@') {
            return false;
        }
        let s = self.skip_ws_from(at + 1);
        let e = self.name_end(s);
        e > s && matches!(self.byte(self.skip_ws_from(e)), Some(b'{' | b'('))
    }

    /// Whether a new entry starts at `at` (`@name{` at the start of a line).
    fn line_entry_at(&self, at: usize) -> bool {
        self.entry_opener_at(at) && self.at_line_start(at)
    }

    /// Given the offset just after a `\n`, the offset of an `@name{` that begins that line.
    fn entry_on_line(&self, line_start: usize) -> Option<usize> {
        let mut i = line_start;
        while self.byte(i).is_some_and(is_hspace) {
            i += 1;
        }
        (self.byte(i) == Some(b'@') && self.entry_opener_at(i)).then_some(i)
    }

    /// The next `@` at the start of a line at or after `from` (or the end of the text).
    fn recover_from(&self, from: usize) -> usize {
        let mut i = from;
        while let Some(off) = self.b.get(i..).and_then(|rest| memchr(b'@', rest)) {
            let j = i + off;
            if self.at_line_start(j) {
                return j;
            }
            i = j + 1;
        }
        self.b.len()
    }

    /// `end` moved back over whitespace, not before `min`.
    fn trim_back(&self, mut end: usize, min: usize) -> usize {
        while end > min && self.byte(end - 1).is_some_and(is_ws) {
            end -= 1;
        }
        end
    }

    fn run(&mut self) -> Vec<Item> {
        self.run_until(&[]).0
    }

    /// Parses items until the end of the text, or until the next item starts at one of the
    /// sorted offsets `stops` (then also returned, with `pos` there).
    fn run_until(&mut self, stops: &[usize]) -> (Vec<Item>, Option<usize>) {
        let mut items = Vec::new();
        while let Some(off) = self.b.get(self.pos..).and_then(|rest| memchr2(b'@', b'%', rest)) {
            let at = self.pos + off;
            if stops.binary_search(&at).is_ok() {
                self.pos = at;
                items.shrink_to_fit();
                return (items, Some(at));
            }
            if self.byte(at) == Some(b'%') {
                self.pos = self.line_end(at);
                continue;
            }
            self.pos = at + 1;
            let name_start = self.skip_ws_from(at + 1);
            let name_end = self.name_end(name_start);
            if name_end == name_start {
                continue;
            }
            let kind = self.span(name_start, name_end);
            let name = self.b.get(name_start..name_end).unwrap_or_default();
            let ty = if name.eq_ignore_ascii_case(b"comment") {
                Ty::Comment
            } else if name.eq_ignore_ascii_case(b"string") {
                Ty::String
            } else if name.eq_ignore_ascii_case(b"preamble") {
                Ty::Preamble
            } else {
                Ty::Regular
            };
            let open = self.skip_ws_from(name_end);
            let delimiter = match self.byte(open) {
                Some(b'{') => Delimiter::Braces,
                Some(b'(') => Delimiter::Parens,
                _ => {
                    if ty == Ty::Comment {
                        let end = self.trim_back(self.line_end(name_end), name_end);
                        items.push(Item::Comment(Entry {
                            span: self.span(at, end),
                            kind,
                            delimiter: Delimiter::Braces,
                            key: None,
                            fields: Vec::new(),
                            closed: true,
                        }));
                        self.pos = end;
                    } else if self.at_line_start(at) {
                        let kind_text = self.text.get(kind.range()).unwrap_or_default();
                        let message = format!("expected `{{` or `(` after `@{kind_text}`, found {}", self.found(open));
                        self.error(self.char_span(open), message, Vec::new());
                        self.pos = self.recover_from(open);
                    } else {
                        self.pos = name_end;
                    }
                    continue;
                }
            };
            self.pos = open + 1;
            let mut entry =
                Entry { span: self.span(at, open + 1), kind, delimiter, key: None, fields: Vec::new(), closed: false };
            self.body(&mut entry, ty, open);
            // The tree lives for the whole run: give back what doubling left unused.
            entry.fields.shrink_to_fit();
            items.push(match ty {
                Ty::Regular => Item::Entry(entry),
                Ty::String => Item::String(entry),
                Ty::Preamble => Item::Preamble(entry),
                Ty::Comment => Item::Comment(entry),
            });
        }
        items.shrink_to_fit();
        (items, None)
    }

    /// Parses an entry body after its opener at `open`; always leaves `pos` where to go on.
    fn body(&mut self, e: &mut Entry, ty: Ty, open: usize) {
        let closer = match e.delimiter {
            Delimiter::Braces => b'}',
            Delimiter::Parens => b')',
        };
        let result = match ty {
            Ty::Comment => self.comment_body(e, open, closer),
            Ty::Preamble => self.preamble_body(e, open, closer),
            Ty::String => self.fields(e, open, closer),
            Ty::Regular => {
                self.key(e, open, closer).and_then(|more| if more { self.fields(e, open, closer) } else { Ok(()) })
            }
        };
        if result.is_ok() {
            e.closed = true;
        }
    }

    fn close(&mut self, e: &mut Entry) {
        self.pos += 1;
        e.span = self.span(e.span.start as usize, self.pos);
    }

    /// Reports an error at `at` and skips to the next `@` at a line start.
    fn fail<T>(&mut self, e: &mut Entry, at: usize, message: String) -> Result<T, Stop> {
        self.error(self.char_span(at), message, Vec::new());
        e.span = self.span(e.span.start as usize, self.trim_back(at, e.span.start as usize + 1).max(at));
        self.pos = self.recover_from(at);
        Err(Stop)
    }

    /// Reports an entry that reached `stop` (the next entry or end of file) without its closer.
    fn unclosed_entry<T>(&mut self, e: &mut Entry, open: usize, closer: u8, stop: usize) -> Result<T, Stop> {
        let closer = char::from(closer);
        let (message, label) = if stop >= self.b.len() {
            (format!("unclosed entry: `{closer}` expected before the end of the file"), "the file ends here")
        } else {
            (format!("unclosed entry: `{closer}` expected before the next entry"), "the next entry starts here")
        };
        let labels = vec![(self.span(stop, stop), label.to_owned())];
        self.error(self.char_span(open), message, labels);
        e.span = self.span(e.span.start as usize, self.trim_back(stop, open + 1));
        self.pos = stop;
        Err(Stop)
    }

    /// An entry with fields that reached `stop` without its closer. When the last value spans
    /// lines that look like fields (`name =` at a line start), the likely culprit is an unclosed
    /// `{` in that value whose `}` was taken from the entry: report there instead.
    fn unclosed_fields<T>(&mut self, e: &mut Entry, open: usize, closer: u8, stop: usize) -> Result<T, Stop> {
        let culprit = e.fields.last().and_then(|f| {
            let part = f.value.parts.iter().find(|p| self.swallows_fields(p))?;
            Some((f.name, *part))
        });
        let Some((name, part)) = culprit else { return self.unclosed_entry(e, open, closer, stop) };
        let close = part.span.end.saturating_sub(1) as usize;
        let (what, close_what) = match part.kind {
            PartKind::Quoted => ("quoted value", "`\"`"),
            _ => ("braces", "`}`"),
        };
        let message = format!(
            "unbalanced {what} in value of `{}`: this delimiter is not closed where the field ends",
            self.text.get(name.range()).unwrap_or_default()
        );
        let label = if stop >= self.b.len() { "the file ends here" } else { "the next entry starts here" };
        let labels = vec![
            (self.span(close, close + 1), format!("this {close_what} closes the value, so the entry is never closed")),
            (self.span(stop, stop), label.to_owned()),
        ];
        self.error(self.span(part.span.start as usize, part.span.start as usize + 1), message, labels);
        e.span = self.span(e.span.start as usize, self.trim_back(stop, open + 1));
        self.pos = stop;
        Err(Stop)
    }

    /// Whether a braced or quoted part holds a line that starts like a field (`name =`).
    fn swallows_fields(&self, part: &Part) -> bool {
        if part.kind == PartKind::Macro || part.kind == PartKind::Number {
            return false;
        }
        let (start, end) = (part.inner.start as usize, part.inner.end as usize);
        let mut i = start;
        while let Some(off) = self.b.get(i..end).and_then(|rest| memchr(b'\n', rest)) {
            let mut j = i + off + 1;
            while j < end && self.byte(j).is_some_and(is_hspace) {
                j += 1;
            }
            if j < end && self.field_starts_at(j) {
                return true;
            }
            i = j;
        }
        false
    }

    /// `@comment{...}`: skips the balanced body (btparse); no line-start heuristic here, since
    /// a commented-out entry inside is the common case.
    fn comment_body(&mut self, e: &mut Entry, open: usize, closer: u8) -> Result<(), Stop> {
        let opener = if closer == b'}' { b'{' } else { b'(' };
        let mut depth = 1usize;
        let mut i = open + 1;
        while let Some(off) = self.b.get(i..).and_then(|rest| memchr2(opener, closer, rest)) {
            let j = i + off;
            if self.byte(j) == Some(opener) {
                depth += 1;
            } else {
                depth -= 1;
                if depth == 0 {
                    self.pos = j;
                    self.close(e);
                    return Ok(());
                }
            }
            i = j + 1;
        }
        let message = format!("unclosed `@comment`: `{}` expected before the end of the file", char::from(closer));
        let end = self.b.len();
        self.error(self.char_span(open), message, vec![(self.span(end, end), "the file ends here".to_owned())]);
        e.span = self.span(e.span.start as usize, open + 1);
        self.pos = self.recover_from(open + 1);
        Err(Stop)
    }

    fn preamble_body(&mut self, e: &mut Entry, open: usize, closer: u8) -> Result<(), Stop> {
        self.skip_ws_comments();
        if self.peek() == Some(closer) {
            self.close(e);
            return Ok(());
        }
        let value = self.value(e, None)?;
        let at = value.span.start as usize;
        e.fields.push(FieldAst { span: value.span, name: self.span(at, at), value, comma: None });
        self.skip_ws_comments();
        match self.peek() {
            Some(c) if c == closer => {
                self.close(e);
                Ok(())
            }
            None => self.unclosed_entry(e, open, closer, self.pos),
            Some(b'@') if self.line_entry_at(self.pos) => self.unclosed_entry(e, open, closer, self.pos),
            _ => {
                let message = format!(
                    "expected `{}` after the preamble's value, found {}",
                    char::from(closer),
                    self.found(self.pos)
                );
                self.fail(e, self.pos, message)
            }
        }
    }

    /// The key of a regular entry; `Ok(true)` when fields follow, `Ok(false)` when closed.
    fn key(&mut self, e: &mut Entry, open: usize, closer: u8) -> Result<bool, Stop> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            None => return self.unclosed_entry(e, open, closer, start),
            Some(c) if c == closer => {
                self.close(e);
                return Ok(false);
            }
            Some(b',') => {
                self.pos += 1;
                return Ok(true);
            }
            Some(b'@') if self.line_entry_at(start) => return self.unclosed_entry(e, open, closer, start),
            _ => {}
        }
        if self.field_starts_at(start) {
            return Ok(true);
        }
        let parens = closer == b')';
        let mut depth = 0usize;
        let mut i = start;
        while let Some(c) = self.byte(i) {
            match c {
                b',' | b'{' | b'}' | b'"' | b'=' => break,
                b'(' if parens => depth += 1,
                b')' if parens => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                _ if is_ws(c) => break,
                _ => {}
            }
            i += 1;
        }
        if i == start {
            let message = format!(
                "expected a citation key after `{}`, found {}",
                char::from(self.byte(open).unwrap_or(b'{')),
                self.found(start)
            );
            return self.fail(e, start, message);
        }
        e.key = Some(self.span(start, i));
        self.pos = i;
        self.skip_ws_comments();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(c) if c == closer => {
                self.close(e);
                Ok(false)
            }
            None => self.unclosed_entry(e, open, closer, self.pos),
            Some(b'@') if self.line_entry_at(self.pos) => self.unclosed_entry(e, open, closer, self.pos),
            _ => {
                let key = self.text.get(start..i).unwrap_or_default();
                let message = format!("expected `,` after the key `{key}`, found {}", self.found(self.pos));
                if self.field_starts_at(self.pos) {
                    // A missing comma: report it and read the fields anyway.
                    self.error(self.char_span(self.pos), message, Vec::new());
                    Ok(true)
                } else {
                    self.fail(e, self.pos, message)
                }
            }
        }
    }

    /// `name = value, ...` up to the closer.
    fn fields(&mut self, e: &mut Entry, open: usize, closer: u8) -> Result<(), Stop> {
        loop {
            self.skip_ws_comments();
            let p = self.pos;
            match self.peek() {
                None => return self.unclosed_fields(e, open, closer, p),
                Some(c) if c == closer => {
                    self.close(e);
                    return Ok(());
                }
                Some(b'@') if self.line_entry_at(p) => return self.unclosed_fields(e, open, closer, p),
                _ => {}
            }
            let name_end = self.name_end(p);
            if name_end == p {
                let message = format!("expected a field name or `{}`, found {}", char::from(closer), self.found(p));
                return self.fail(e, p, message);
            }
            let name = self.span(p, name_end);
            self.pos = name_end;
            self.skip_ws();
            if self.peek() != Some(b'=') {
                let name_text = self.text.get(p..name_end).unwrap_or_default();
                let message = format!("expected `=` after field name `{name_text}`, found {}", self.found(self.pos));
                return self.fail(e, self.pos, message);
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(e, Some(name))?;
            let mut field = FieldAst { span: name.cover(value.span), name, value, comma: None };
            e.span = e.span.cover(field.span);
            self.skip_ws_comments();
            let q = self.pos;
            match self.peek() {
                Some(b',') => {
                    field.comma = Some(self.span(q, q + 1));
                    self.pos += 1;
                    e.fields.push(field);
                }
                Some(c) if c == closer => e.fields.push(field),
                None => e.fields.push(field),
                Some(b'@') if self.line_entry_at(q) => e.fields.push(field),
                _ => {
                    e.fields.push(field);
                    let name_text = self.text.get(name.range()).unwrap_or_default();
                    let mut message = format!(
                        "expected `,` or `{}` after the value of `{name_text}`, found {}",
                        char::from(closer),
                        self.found(q)
                    );
                    if matches!(self.byte(q), Some(b'}' | b')')) {
                        let opener = if closer == b'}' { '{' } else { '(' };
                        message.push_str(&format!(" (the entry was opened with `{opener}`)"));
                    }
                    if self.field_starts_at(q) {
                        // A missing comma between fields: report it and go on.
                        self.error(self.char_span(q), message, Vec::new());
                    } else {
                        return self.fail(e, q, message);
                    }
                }
            }
        }
    }

    /// A value: parts joined by `#`. `pos` is at its first part.
    fn value(&mut self, e: &mut Entry, field: Option<Span>) -> Result<ValueAst, Stop> {
        let mut parts: smallvec::SmallVec<[Part; 1]> = smallvec::SmallVec::new();
        loop {
            let p = self.pos;
            let part = match self.peek() {
                Some(b'{') => self.braced(e, field)?,
                Some(b'"') => self.quoted(e, field)?,
                Some(c) if is_name_byte(c) => {
                    let end = self.name_end(p);
                    let digits = self.b.get(p..end).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
                    self.pos = end;
                    let span = self.span(p, end);
                    Part { kind: if digits { PartKind::Number } else { PartKind::Macro }, span, inner: span }
                }
                _ => {
                    let after = match (parts.is_empty(), field) {
                        (false, _) => "`#`",
                        (true, Some(_)) => "`=`",
                        (true, None) => "the opening delimiter",
                    };
                    let message =
                        format!("expected a value{} after {after}, found {}", self.field_label(field), self.found(p));
                    return self.fail(e, p, message);
                }
            };
            parts.push(part);
            let after_part = self.pos;
            self.skip_ws();
            if self.peek() == Some(b'#') {
                self.pos += 1;
                self.skip_ws();
            } else {
                self.pos = after_part;
                break;
            }
        }
        let start = parts.first().map_or(self.pos, |p| p.span.start as usize);
        let end = parts.last().map_or(self.pos, |p| p.span.end as usize);
        Ok(ValueAst { span: self.span(start, end), parts })
    }

    fn field_label(&self, field: Option<Span>) -> String {
        match field {
            Some(name) => format!(" of `{}`", self.text.get(name.range()).unwrap_or_default()),
            None => String::new(),
        }
    }

    /// Ends the entry at `stop` after an unclosed value opened at `open`.
    fn unclosed_value(&mut self, e: &mut Entry, open: usize, stop: usize, message: String) -> Result<Part, Stop> {
        let label = if stop >= self.b.len() { "the file ends here" } else { "the next entry starts here" };
        let labels = vec![(self.span(stop, stop), label.to_owned())];
        self.error(self.char_span(open), message, labels);
        e.span = self.span(e.span.start as usize, self.trim_back(stop, open + 1));
        self.pos = stop;
        Err(Stop)
    }

    /// `{...}` with balanced braces; `"` is ordinary.
    fn braced(&mut self, e: &mut Entry, field: Option<Span>) -> Result<Part, Stop> {
        let open = self.pos;
        let mut depth = 1usize;
        let mut i = open + 1;
        let stop = loop {
            let Some(off) = self.b.get(i..).and_then(|rest| memchr3(b'{', b'}', b'\n', rest)) else {
                break self.b.len();
            };
            let j = i + off;
            match self.byte(j) {
                Some(b'{') => depth += 1,
                Some(b'}') => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = j + 1;
                        return Ok(Part {
                            kind: PartKind::Braced,
                            span: self.span(open, j + 1),
                            inner: self.span(open + 1, j),
                        });
                    }
                }
                _ => {
                    if let Some(at) = self.entry_on_line(j + 1) {
                        break at;
                    }
                }
            }
            i = j + 1;
        };
        let message = format!("unbalanced braces in value{}: this `{{` is never closed", self.field_label(field));
        self.unclosed_value(e, open, stop, message)
    }

    /// `"..."`: braces balance inside; a `"` at brace depth 0 ends it.
    fn quoted(&mut self, e: &mut Entry, field: Option<Span>) -> Result<Part, Stop> {
        let open = self.pos;
        let mut depth = 0usize;
        let mut i = open + 1;
        while let Some(c) = self.byte(i) {
            match c {
                b'{' => depth += 1,
                b'}' => {
                    if depth == 0 {
                        let message = format!(
                            "unclosed quoted value{}: found `}}` at brace depth 0 before the closing `\"`",
                            self.field_label(field)
                        );
                        let labels = vec![(self.span(i, i + 1), "unbalanced `}` here".to_owned())];
                        self.error(self.char_span(open), message, labels);
                        e.span = self.span(e.span.start as usize, i + 1);
                        self.pos = self.recover_from(i);
                        return Err(Stop);
                    }
                    depth -= 1;
                }
                b'"' if depth == 0 => {
                    self.pos = i + 1;
                    return Ok(Part {
                        kind: PartKind::Quoted,
                        span: self.span(open, i + 1),
                        inner: self.span(open + 1, i),
                    });
                }
                b'\n' => {
                    if let Some(at) = self.entry_on_line(i + 1) {
                        let message = format!("unclosed quoted value{}: `\"` expected", self.field_label(field));
                        return self.unclosed_value(e, open, at, message);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let message = format!("unclosed quoted value{}: `\"` expected", self.field_label(field));
        self.unclosed_value(e, open, self.b.len(), message)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests
mod tests {
    use super::*;

    fn p(text: &str) -> (BibFile, Vec<SyntaxError>) {
        parse(FileId(0), text)
    }

    /// Pieces of BibTeX, well-formed and not, that a file in parts is made of.
    const PIECES: &[&str] = &[
        "@article{a, title = {T}, year = 2020}\n",
        "@book(b, author = \"X and Y\")\n",
        "@string{acl = \"ACL\"}\n",
        "@comment this line\n",
        "% a comment @misc{no}\n",
        "@misc{c, note = {a\n@b}}\n",
        "@misc{d, title = {unclosed\n",
        "@misc{e, title = \"q\" # acl,\n  pages = {1--2}}\n",
        "junk text\n",
        "@preamble{\"\\newcommand\"}\n",
        "@misc{f title = {x}}\n",
        "}\n",
        "@\n",
        "\n",
    ];

    proptest::proptest! {
        /// A file parsed in parts is the file parsed whole, wherever the cuts fall.
        #[test]
        fn parts_parse_as_the_whole(pieces in proptest::collection::vec(0..PIECES.len(), 0..40), part_len in 1usize..200) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(parse_in_parts(FileId(0), &text, part_len), p(&text));
        }
    }

    #[test]
    fn clean_files_are_parsed_in_parts() {
        let text = PIECES[0].repeat(50);
        let whole = p(&text);
        assert!(whole.1.is_empty());
        assert_eq!(cuts(text.as_bytes(), 100).len(), 2 + (text.len() - 1) / (PIECES[0].len() * 3));
        assert_eq!(parse_in_parts(FileId(0), &text, 100), whole);
    }

    /// An error in one part: the parts before and after it are kept, and the result is the
    /// whole file's, its errors included.
    #[test]
    fn an_error_in_one_part_leaves_the_others() {
        let clean = PIECES[0].repeat(20);
        for bad in [PIECES[6], PIECES[10], "@misc{g, title = {a}\n"] {
            let text = format!("{clean}{bad}{clean}{bad}{clean}");
            let whole = p(&text);
            assert!(!whole.1.is_empty());
            for part_len in [50, 100, 333] {
                assert_eq!(parse_in_parts(FileId(0), &text, part_len), whole, "{bad:?} {part_len}");
            }
        }
    }

    fn s(text: &str, span: Span) -> &str {
        &text[span.range()]
    }

    fn entries(f: &BibFile) -> Vec<&Entry> {
        f.items.iter().filter_map(|i| if let Item::Entry(e) = i { Some(e) } else { None }).collect()
    }

    #[test]
    fn simple_entry() {
        let t = "junk\n@Article{key1, title = {A {B} \"c\"}, year = 2020, month = jul # \"-\" # aug,}\n";
        let (f, errs) = p(t);
        assert!(errs.is_empty(), "{errs:?}");
        let e = entries(&f)[0];
        assert_eq!(s(t, e.kind), "Article");
        assert_eq!(s(t, e.key.unwrap()), "key1");
        assert!(e.closed);
        assert_eq!(s(t, e.span), &t[5..t.len() - 1]);
        assert_eq!(e.fields.len(), 3);
        let title = &e.fields[0];
        assert_eq!(s(t, title.name), "title");
        assert_eq!(s(t, title.span), "title = {A {B} \"c\"}");
        assert_eq!(s(t, title.value.parts[0].inner), "A {B} \"c\"");
        assert_eq!(s(t, title.comma.unwrap()), ",");
        assert_eq!(e.fields[1].value.parts[0].kind, PartKind::Number);
        let month = &e.fields[2];
        assert_eq!(month.value.parts.len(), 3);
        assert_eq!(month.value.parts[0].kind, PartKind::Macro);
        assert_eq!(month.value.parts[1].kind, PartKind::Quoted);
        assert_eq!(s(t, month.value.parts[1].inner), "-");
        assert_eq!(s(t, month.value.span), "jul # \"-\" # aug");
        assert!(month.comma.is_some());
    }

    #[test]
    fn parens_and_keys_with_parens() {
        let t = "@Article(gsl, author = \"A\")\n@article{test(parens1), title={x}}\n@article(test(parens2), title={x})";
        let (f, errs) = p(t);
        assert!(errs.is_empty(), "{errs:?}");
        let es = entries(&f);
        assert_eq!(es.len(), 3);
        assert_eq!(es[0].delimiter, Delimiter::Parens);
        assert_eq!(s(t, es[1].key.unwrap()), "test(parens1)");
        assert_eq!(s(t, es[2].key.unwrap()), "test(parens2)");
        assert!(es.iter().all(|e| e.closed));
    }

    #[test]
    fn mismatched_closer_is_an_error() {
        let (_, errs) = p("@article{a, title={x})\n@book{b, title={y}}");
        assert_eq!(errs.len(), 1, "{errs:?}");
    }

    #[test]
    fn string_preamble_comment() {
        let t = "@string{a = {x}, B = a # \"y\"}\n@preamble{ \"\\newcommand\" # a }\n@comment{ @article{c, title={x}} }\n@comment this is @article{d,\n@misc{e}";
        let (f, errs) = p(t);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(f.items.len(), 5);
        let Item::String(st) = &f.items[0] else { panic!() };
        assert_eq!(st.fields.len(), 2);
        let Item::Preamble(pr) = &f.items[1] else { panic!() };
        assert!(pr.fields[0].name.is_empty());
        assert_eq!(pr.fields[0].value.parts.len(), 2);
        assert!(matches!(f.items[2], Item::Comment(_)));
        let Item::Comment(c) = &f.items[3] else { panic!() };
        assert_eq!(s(t, c.span), "@comment this is @article{d,");
        assert_eq!(s(t, entries(&f)[0].key.unwrap()), "e");
    }

    #[test]
    fn keyless_entries() {
        let (f, errs) = p("@misc{, title={x}}\n@misc{title = {x}}\n@misc{}");
        assert!(errs.is_empty(), "{errs:?}");
        let es = entries(&f);
        assert_eq!(es.len(), 3);
        assert!(es.iter().all(|e| e.key.is_none()));
        assert_eq!(es[1].fields.len(), 1);
    }

    #[test]
    fn percent_comments_between_fields() {
        let (f, errs) = p("% @article{x,\n@article{a,\n % note\n title={50% off}, % c\n year=1}");
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(entries(&f).len(), 1);
        assert_eq!(entries(&f)[0].fields.len(), 2);
    }

    #[test]
    fn missing_comma_between_fields() {
        let t = "@article{a,\n title={x}\n year=2000}\n@book{b}";
        let (f, errs) = p(t);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("found `year`"), "{}", errs[0].message);
        assert_eq!(entries(&f)[0].fields.len(), 2);
        assert_eq!(entries(&f).len(), 2);
    }

    #[test]
    fn missing_equals() {
        let t = "@article{a,\n title {x},\n year=2000}\n@book{b}";
        let (f, errs) = p(t);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "expected `=` after field name `title`, found `{`");
        assert_eq!(s(t, errs[0].span), "{");
        assert_eq!(entries(&f).len(), 2);
        assert!(!entries(&f)[0].closed);
    }

    #[test]
    fn unclosed_brace_mid_file() {
        let t = "@article{a,\n title={x},\n abstract={oops,\n year=2000}\n\n@book{b, title={y}}\n@book{c, title={z}}\n";
        let (f, errs) = p(t);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].span.start as usize, t.find("{oops").unwrap());
        let es = entries(&f);
        assert_eq!(es.len(), 3);
        assert!(!es[0].closed);
        assert_eq!(es[0].fields.len(), 2);
        assert!(errs[0].message.contains("`abstract`"), "{}", errs[0].message);
        assert!(es[1].closed && es[2].closed);
    }

    #[test]
    fn unclosed_entry_mid_file() {
        let t = "@article{a,\n title={x},\n year=2000\n\n@book{b, title={y}}\n";
        let (f, errs) = p(t);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.starts_with("unclosed entry"));
        assert_eq!(entries(&f).len(), 2);
        assert_eq!(entries(&f)[0].fields.len(), 2);
        assert_eq!(s(t, entries(&f)[0].span), "@article{a,\n title={x},\n year=2000");
    }

    #[test]
    fn unclosed_quote() {
        let t = "@article{a,\n title=\"x,\n year=2000}\n\n@book{b, title={y}}\n";
        let (f, errs) = p(t);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].span.start as usize, t.find('"').unwrap());
        assert_eq!(entries(&f).len(), 2);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let mut t = String::from("@article{a, title=");
        t.push_str(&"{".repeat(100_000));
        t.push_str(&"}".repeat(100_000));
        t.push('}');
        let (f, errs) = p(&t);
        assert!(errs.is_empty());
        assert_eq!(entries(&f).len(), 1);
        let t2 = "{".repeat(100_000);
        let (_, errs) = p(&format!("@misc{{a, b = {t2}"));
        assert_eq!(errs.len(), 1);
    }

    #[test]
    fn edge_inputs() {
        for t in [
            "",
            "@",
            "@@",
            "x@",
            "@a",
            "@a{",
            "@a{k",
            "@a{k,",
            "@a{k,t",
            "@a{k,t=",
            "@a{k,t={",
            "@a{k,t=\"",
            "@a{k,t=x#",
            "@comment{",
            "@string{",
            "@preamble{",
        ] {
            let (_, errs) = p(t);
            let _ = errs;
        }
        assert!(p("").1.is_empty());
        assert!(p("text with mail@example.com in it").1.is_empty());
        assert_eq!(p("@a{k,t=").1.len(), 1);
        assert_eq!(p("x\n@foo bar\n").1.len(), 1);
    }

    #[test]
    fn crlf_and_accents() {
        let t = "@article{Müller2020,\r\n  author = {Jörg Müller},\r\n  títle = \"Ça\"\r\n}\r\n";
        let (f, errs) = p(t);
        assert!(errs.is_empty(), "{errs:?}");
        let e = entries(&f)[0];
        assert_eq!(s(t, e.key.unwrap()), "Müller2020");
        assert_eq!(s(t, e.fields[1].name), "títle");
    }
}
