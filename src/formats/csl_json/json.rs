//! A small JSON parser (RFC 8259) that keeps byte positions: serde_json keeps none, and every
//! CSL-JSON value needs its span (DESIGN §3, §4).
//!
//! Iterative, with an explicit stack: nesting deeper than [`MAX_DEPTH`] is a syntax error, not a
//! stack overflow (dropping the tree is recursive, so depth is capped rather than unbounded).
//! It never fails: it returns the value it could read (open containers closed at the error) plus
//! errors, each at the exact byte where something else was expected. Recovery: a trailing comma
//! (`[1,]`, `{"a": 1,}`) is reported and skipped, a missing comma before the next key or value
//! is reported and supposed; other errors stop the parse.
//! Duplicate keys are kept, in source order, for rules to judge.
//!
//! The tree is small: a string is its span in the source unless an escape makes its value
//! differ (only then is it decoded into a string of its own), and a container's elements are
//! gathered on one scratch stack and moved into a vector of exactly their number when it
//! closes. Reading a value therefore takes the file's text ([`JsonString::value`]).

use crate::source::{FileId, Span};

/// Containers nested deeper than this are an error.
pub const MAX_DEPTH: usize = 512;

/// A JSON value with the span of its source text (strings include their quotes).
#[derive(Clone, Debug, PartialEq)]
pub struct Json {
    pub span: Span,
    pub kind: JsonKind,
}

/// The kinds of JSON values.
#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number's source text is its span.
    Number(Number),
    String(JsonString),
    Array(Vec<Json>),
    /// Members in source order; duplicate keys are all kept.
    Object(Vec<Member>),
}

/// A number as read (its source text is its span): the integer when it is one that fits `i64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    pub int: Option<i64>,
}

/// A string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonString {
    /// The span between the quotes.
    pub inner: Span,
    /// The decoded value, when an escape (or a control character) makes it differ from the
    /// source text between the quotes; boxed, as few strings have one.
    escaped: Option<Box<Escaped>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Escaped {
    value: String,
    /// The byte offset (in `value`) of the first escape. Up to there, offsets in `value` are
    /// offsets in the source after the opening quote.
    first_escape: usize,
}

impl JsonString {
    /// The decoded value; `source` is the text of the file that was parsed.
    #[must_use]
    pub fn value<'a>(&'a self, source: &'a str) -> &'a str {
        match &self.escaped {
            Some(e) => &e.value,
            None => source.get(self.inner.range()).unwrap_or(""),
        }
    }

    /// The byte offset in the decoded value of the first escape, if there is one.
    #[must_use]
    pub fn first_escape(&self) -> Option<usize> {
        self.escaped.as_ref().map(|e| e.first_escape)
    }

    /// The span with the quotes.
    #[must_use]
    pub fn quoted_span(&self) -> Span {
        Span::new(self.inner.file, (self.inner.start as usize).saturating_sub(1), self.inner.end as usize + 1)
    }

    /// The source span of a byte range of the decoded value: exact when no escape precedes
    /// its end, the whole string's inner span otherwise (DESIGN §3: never a guess).
    #[must_use]
    pub fn span_of(&self, r: std::ops::Range<usize>) -> Span {
        match self.first_escape() {
            Some(e) if r.end > e => self.inner,
            _ => self.inner.within(r),
        }
    }
}

/// One `"key": value` pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: JsonString,
    pub value: Json,
}

impl Member {
    /// The key's decoded text; `source` is the text of the file that was parsed.
    #[must_use]
    pub fn key<'a>(&'a self, source: &'a str) -> &'a str {
        self.key.value(source)
    }

    /// The key's span, quotes included.
    #[must_use]
    pub fn key_span(&self) -> Span {
        self.key.quoted_span()
    }
}

/// A syntax error at a span, with a lower-case message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub span: Span,
    pub message: String,
    /// A secondary place (the opening quote of an unterminated string, the open bracket).
    pub label: Option<(Span, String)>,
}

impl Json {
    /// The members of an object.
    #[must_use]
    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            JsonKind::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The elements of an array.
    #[must_use]
    pub fn as_array(&self) -> Option<&[Json]> {
        match &self.kind {
            JsonKind::Array(a) => Some(a),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(&self) -> Option<&JsonString> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The first member named `key` of an object; `source` is the text of the file that was
    /// parsed.
    #[must_use]
    pub fn get(&self, key: &str, source: &str) -> Option<&Json> {
        self.as_object()?.iter().find(|m| m.key(source) == key).map(|m| &m.value)
    }

    /// "a string", "an array", ...: for messages.
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }
}

/// Parses JSON text. A leading BOM is skipped.
#[must_use]
pub fn parse(file: FileId, text: &str) -> (Option<Json>, Vec<JsonError>) {
    let mut p = Parser {
        file,
        text,
        bytes: text.as_bytes(),
        pos: 0,
        errors: Vec::new(),
        values: Vec::new(),
        members: Vec::new(),
    };
    if text.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    let value = p.run();
    (value, p.errors)
}

/// An open container: where it starts in the source, and where its elements start on the
/// parser's scratch stack of values or members.
enum Frame {
    Array { start: usize, first: usize },
    Object { start: usize, first: usize, key: Option<JsonString> },
}

/// What the parser expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// A value (top level, after `:` or `,` in an array).
    Value,
    /// A value or `]` (just after `[`).
    ValueOrClose,
    /// A key or `}` (just after `{`).
    KeyOrClose,
    /// A key (after `,` in an object).
    Key,
    /// `,` or the closing bracket of the innermost container.
    CommaOrClose,
    /// Nothing but white space (after the top-level value).
    End,
}

struct Parser<'a> {
    file: FileId,
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    errors: Vec<JsonError>,
    /// The elements of the open arrays, innermost last.
    values: Vec<Json>,
    /// The members of the open objects, innermost last.
    members: Vec<Member>,
}

impl Parser<'_> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    /// The span and description of what is at `pos`: one character, or end of input.
    fn found(&self) -> (Span, String) {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => (self.span(self.pos, self.pos), "end of input".to_owned()),
            Some(c) => {
                let shown = if c.is_control() { c.escape_default().to_string() } else { c.to_string() };
                (self.span(self.pos, self.pos + c.len_utf8()), format!("`{shown}`"))
            }
        }
    }

    fn error_here(&mut self, expected: &str) {
        let (span, found) = self.found();
        self.errors.push(JsonError { span, message: format!("expected {expected}, found {found}"), label: None });
    }

    fn run(&mut self) -> Option<Json> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Json> = None;
        let mut expect = Expect::Value;
        loop {
            self.skip_ws();
            let b = self.peek();
            match expect {
                Expect::End => {
                    if b.is_some() {
                        self.error_here("the end of input after the JSON value");
                    }
                    return root;
                }
                Expect::CommaOrClose => {
                    let in_array = matches!(stack.last(), Some(Frame::Array { .. }));
                    match (b, in_array) {
                        (Some(b','), true) => {
                            self.pos += 1;
                            expect = Expect::Value;
                        }
                        (Some(b','), false) => {
                            self.pos += 1;
                            expect = Expect::Key;
                        }
                        (Some(b']'), true) | (Some(b'}'), false) => {
                            self.pos += 1;
                            let done = self.close(&mut stack, self.pos);
                            expect = self.attach(&mut stack, &mut root, done);
                        }
                        (_, true) => {
                            self.error_here("`,` or `]` after an array element");
                            // A missing comma before another value: go on as if it were there.
                            if !matches!(b, Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9')) {
                                break;
                            }
                            expect = Expect::Value;
                        }
                        (_, false) => {
                            self.error_here("`,` or `}` after an object member");
                            // A missing comma before another key: go on as if it were there.
                            if b != Some(b'"') {
                                break;
                            }
                            expect = Expect::Key;
                        }
                    }
                }
                Expect::KeyOrClose | Expect::Key => {
                    if b == Some(b'}') {
                        if expect == Expect::Key {
                            self.error_here("a key (a string) after `,`");
                        }
                        self.pos += 1;
                        let done = self.close(&mut stack, self.pos);
                        expect = self.attach(&mut stack, &mut root, done);
                        continue;
                    }
                    if b != Some(b'"') {
                        self.error_here(if expect == Expect::Key {
                            "a key (a string in double quotes)"
                        } else {
                            "a key (a string in double quotes) or `}`"
                        });
                        break;
                    }
                    let Some(s) = self.string() else { break };
                    self.skip_ws();
                    if self.peek() != Some(b':') {
                        self.error_here("`:` after an object key");
                        break;
                    }
                    self.pos += 1;
                    if let Some(Frame::Object { key, .. }) = stack.last_mut() {
                        *key = Some(s);
                    }
                    expect = Expect::Value;
                }
                Expect::Value | Expect::ValueOrClose => {
                    let start = self.pos;
                    let value = match b {
                        Some(b'[') | Some(b'{') => {
                            if stack.len() >= MAX_DEPTH {
                                let span = self.span(start, start + 1);
                                self.errors.push(JsonError {
                                    span,
                                    message: format!("nesting deeper than {MAX_DEPTH} levels"),
                                    label: None,
                                });
                                break;
                            }
                            self.pos += 1;
                            if b == Some(b'[') {
                                stack.push(Frame::Array { start, first: self.values.len() });
                                expect = Expect::ValueOrClose;
                            } else {
                                stack.push(Frame::Object { start, first: self.members.len(), key: None });
                                expect = Expect::KeyOrClose;
                            }
                            continue;
                        }
                        Some(b']') if matches!(stack.last(), Some(Frame::Array { .. })) => {
                            if expect == Expect::Value {
                                self.error_here("a value after `,`");
                            }
                            self.pos += 1;
                            let done = self.close(&mut stack, self.pos);
                            expect = self.attach(&mut stack, &mut root, done);
                            continue;
                        }
                        Some(b'"') => match self.string() {
                            Some(s) => Json { span: self.span(start, self.pos), kind: JsonKind::String(s) },
                            None => break,
                        },
                        Some(b'-' | b'0'..=b'9') => match self.number() {
                            Some(n) => Json { span: self.span(start, self.pos), kind: JsonKind::Number(n) },
                            None => break,
                        },
                        _ => match self.literal() {
                            Some(kind) => Json { span: self.span(start, self.pos), kind },
                            None => {
                                self.error_here(if expect == Expect::ValueOrClose {
                                    "a JSON value or `]`"
                                } else {
                                    "a JSON value"
                                });
                                break;
                            }
                        },
                    };
                    expect = self.attach(&mut stack, &mut root, value);
                }
            }
        }
        // An error stopped the parse: close what is open, keeping what was read.
        let end = self.pos.min(self.text.len());
        while !stack.is_empty() {
            let done = self.close(&mut stack, end);
            let _ = self.attach(&mut stack, &mut root, done);
        }
        root
    }

    /// Puts a finished value into its container (or makes it the root); says what comes next.
    fn attach(&mut self, stack: &mut [Frame], root: &mut Option<Json>, value: Json) -> Expect {
        match stack.last_mut() {
            None => {
                *root = Some(value);
                Expect::End
            }
            Some(Frame::Array { .. }) => {
                self.values.push(value);
                Expect::CommaOrClose
            }
            Some(Frame::Object { key, .. }) => {
                if let Some(key) = key.take() {
                    self.members.push(Member { key, value });
                }
                Expect::CommaOrClose
            }
        }
    }

    /// Pops the innermost container, ending at `end`, with its elements moved off the scratch
    /// stack into a vector of their exact number.
    fn close(&mut self, stack: &mut Vec<Frame>, end: usize) -> Json {
        match stack.pop() {
            Some(Frame::Array { start, first }) => {
                let items = self.values.drain(first.min(self.values.len())..).collect();
                Json { span: self.span(start, end), kind: JsonKind::Array(items) }
            }
            Some(Frame::Object { start, first, .. }) => {
                let members = self.members.drain(first.min(self.members.len())..).collect();
                Json { span: self.span(start, end), kind: JsonKind::Object(members) }
            }
            None => Json { span: self.span(end, end), kind: JsonKind::Null },
        }
    }

    fn literal(&mut self) -> Option<JsonKind> {
        let rest = self.bytes.get(self.pos..)?;
        let (kind, len) = if rest.starts_with(b"true") {
            (JsonKind::Bool(true), 4)
        } else if rest.starts_with(b"false") {
            (JsonKind::Bool(false), 5)
        } else if rest.starts_with(b"null") {
            (JsonKind::Null, 4)
        } else {
            return None;
        };
        self.pos += len;
        Some(kind)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Option<Number> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => {
                self.error_here("a digit after `-`");
                return None;
            }
            n if n > 1 && self.bytes.get(int_start) == Some(&b'0') => {
                let span = self.span(int_start, int_start + 1);
                self.errors.push(JsonError {
                    span,
                    message: "a number must not start with `0` followed by digits".to_owned(),
                    label: None,
                });
                return None;
            }
            _ => {}
        }
        let mut integral = true;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            integral = false;
            if self.digits() == 0 {
                self.error_here("a digit after the decimal point");
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            integral = false;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                self.error_here("a digit in the exponent");
                return None;
            }
        }
        let src = self.text.get(start..self.pos).unwrap_or("");
        let int = if integral { src.parse::<i64>().ok() } else { None };
        Some(Number { int })
    }

    /// A string at `pos` (which holds `"`). Errors inside (bad escapes, control characters)
    /// are reported and the string goes on; an unterminated string stops the parse (`None`).
    fn string(&mut self) -> Option<JsonString> {
        let open = self.pos;
        self.pos += 1;
        let body = self.pos;
        let mut escaped: Option<Box<Escaped>> = None;
        let mut run = body;
        loop {
            self.pos += self.bytes.get(self.pos..).map_or(0, plain_len);
            match self.peek() {
                None => {
                    self.error_here("`\"` to close the string");
                    let opening = self.span(open, open + 1);
                    if let Some(e) = self.errors.last_mut() {
                        e.label = Some((opening, "the string starts here".to_owned()));
                    }
                    return None;
                }
                Some(b'"') => {
                    let inner = self.span(body, self.pos);
                    if escaped.is_some() {
                        decoded(&mut escaped, self.text, body, run, self.pos);
                    }
                    self.pos += 1;
                    return Some(JsonString { inner, escaped });
                }
                Some(b'\\') => {
                    let value = decoded(&mut escaped, self.text, body, run, self.pos);
                    self.escape(value);
                    run = self.pos;
                }
                Some(b'\n' | b'\r') => {
                    // JSON strings hold no line breaks: the closing quote is missing.
                    self.error_here("`\"` to close the string");
                    let opening = self.span(open, open + 1);
                    if let Some(e) = self.errors.last_mut() {
                        e.message = "expected `\"` to close the string, found the end of the line".to_owned();
                        e.label = Some((opening, "the string starts here".to_owned()));
                    }
                    return None;
                }
                Some(_) => {
                    let (span, found) = self.found();
                    self.errors.push(JsonError {
                        span,
                        message: format!("control character {found} in a string: write it as an escape"),
                        label: None,
                    });
                    let value = decoded(&mut escaped, self.text, body, run, self.pos);
                    if let Some(c) = span_char(self.text, span) {
                        value.push(c);
                    }
                    self.pos += 1;
                    run = self.pos;
                }
            }
        }
    }

    /// An escape sequence at `pos` (which holds `\`), appended decoded to `out`.
    fn escape(&mut self, out: &mut String) {
        let start = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                out.push(self.unicode_escape(start));
                return;
            }
            _ => {
                self.error_here(
                    "an escape (`\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\uXXXX`) after `\\`",
                );
                return;
            }
        };
        self.pos += 1;
        out.push(c);
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4)?;
        let mut n = 0u32;
        for &d in digits {
            n = n * 16 + char::from(d).to_digit(16)?;
        }
        self.pos += 4;
        Some(n)
    }

    /// The code point of `\uXXXX` (after `\u`), joining a surrogate pair; U+FFFD on errors.
    fn unicode_escape(&mut self, start: usize) -> char {
        let Some(hi) = self.hex4() else {
            self.error_here("four hexadecimal digits after `\\u`");
            return '\u{fffd}';
        };
        if (0xDC00..0xE000).contains(&hi) {
            self.lone_surrogate(start);
            return '\u{fffd}';
        }
        if !(0xD800..0xDC00).contains(&hi) {
            return char::from_u32(hi).unwrap_or('\u{fffd}');
        }
        let pair = self.pos;
        if self.bytes.get(pair..pair + 2) == Some(b"\\u") {
            self.pos += 2;
            match self.hex4() {
                Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                    return char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)).unwrap_or('\u{fffd}');
                }
                _ => self.pos = pair,
            }
        }
        self.lone_surrogate(start);
        '\u{fffd}'
    }

    fn lone_surrogate(&mut self, start: usize) {
        let span = self.span(start, self.pos);
        self.errors.push(JsonError {
            span,
            message:
                "lone surrogate escape: a `\\uD800`-`\\uDBFF` escape must be followed by a `\\uDC00`-`\\uDFFF` one"
                    .to_owned(),
            label: None,
        });
    }
}

/// The length of the run of plain bytes at the start of `bytes`: up to a quote, a backslash or
/// a control character.
fn plain_len(bytes: &[u8]) -> usize {
    bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).unwrap_or(bytes.len())
}

/// A string's decoded value so far, created at its first escape (`body` is where the text
/// between the quotes starts), with the plain source text from `run` to `pos` appended.
fn decoded<'e>(
    escaped: &'e mut Option<Box<Escaped>>,
    text: &str,
    body: usize,
    run: usize,
    pos: usize,
) -> &'e mut String {
    let e = escaped.get_or_insert_with(|| Box::new(Escaped { value: String::new(), first_escape: pos - body }));
    e.value.push_str(text.get(run..pos).unwrap_or(""));
    &mut e.value
}

fn span_char(text: &str, span: Span) -> Option<char> {
    text.get(span.range())?.chars().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> (Option<Json>, Vec<JsonError>) {
        parse(FileId(0), s)
    }

    fn ok(s: &str) -> Json {
        let (v, e) = p(s);
        assert!(e.is_empty(), "{s}: {e:?}");
        v.unwrap()
    }

    fn err(s: &str) -> JsonError {
        let (_, e) = p(s);
        assert!(!e.is_empty(), "{s}: no error");
        e[0].clone()
    }

    fn string(s: &str) -> String {
        ok(s).as_str().unwrap().value(s).to_owned()
    }

    #[test]
    fn scalars() {
        assert_eq!(ok("null").kind, JsonKind::Null);
        assert_eq!(ok(" true ").kind, JsonKind::Bool(true));
        assert_eq!(ok("false").span, Span::new(FileId(0), 0, 5));
        let JsonKind::Number(n) = ok("-12").kind else { panic!() };
        assert_eq!(n.int, Some(-12));
        let JsonKind::Number(n) = ok("1.5e3").kind else { panic!() };
        assert_eq!(n.int, None);
        let JsonKind::Number(n) = ok("99999999999999999999").kind else { panic!() };
        assert_eq!(n.int, None);
        let JsonKind::Number(n) = ok("1e999").kind else { panic!() };
        assert_eq!(n.int, None);
    }

    #[test]
    fn escapes() {
        assert_eq!(string(r#""a\"b\\c\/d\n\t\b\f\r""#), "a\"b\\c/d\n\t\u{8}\u{c}\r");
        assert_eq!(string(r#""\u00e9\u4e2d""#), "é中");
        assert_eq!(string(r#""\ud83d\ude00""#), "😀");
        assert_eq!(string("\"é 中 😀\""), "é 中 😀");
        assert_eq!(string(r#""ab""#), "ab");
        assert_eq!(ok(r#""ab""#).as_str().unwrap().first_escape(), None);
        let text = r#""ab\ncd""#;
        let s = ok(text);
        let js = s.as_str().unwrap();
        assert_eq!(js.first_escape(), Some(2));
        assert_eq!(js.value(text), "ab\ncd");
        assert_eq!(js.span_of(0..2), Span::new(FileId(0), 1, 3));
        assert_eq!(js.span_of(0..4), js.inner);
    }

    #[test]
    fn bad_escapes() {
        let e = err(r#""\ud83d""#);
        assert!(e.message.starts_with("lone surrogate"), "{}", e.message);
        assert_eq!(e.span, Span::new(FileId(0), 1, 7));
        let e = err(r#""\x""#);
        assert_eq!(e.span, Span::new(FileId(0), 2, 3));
        let e = err(r#""\u12""#);
        assert!(e.message.starts_with("expected four hexadecimal digits"));
        let e = err("\"a\tb\"");
        assert!(e.message.starts_with("control character"), "{}", e.message);
        assert_eq!(e.span, Span::new(FileId(0), 2, 3));
    }

    #[test]
    fn containers_and_spans() {
        let v = ok(r#"[{"a": 1, "a": [true]}, "x"]"#);
        let items = v.as_array().unwrap();
        assert_eq!(items.len(), 2);
        let members = items[0].as_object().unwrap();
        assert_eq!(members.len(), 2, "duplicate keys kept");
        assert_eq!(members[0].key_span(), Span::new(FileId(0), 2, 5));
        assert_eq!(members[1].value.span, Span::new(FileId(0), 15, 21));
        assert_eq!(items[0].span, Span::new(FileId(0), 1, 22));
        assert_eq!(items[1].span, Span::new(FileId(0), 24, 27));
        // Elements are moved off the scratch stack into vectors of their exact number.
        let v = ok(r#"[[1, 2, 3], {"a": [4, 5], "b": 6, "c": 7}, 8]"#);
        let JsonKind::Array(items) = &v.kind else { panic!() };
        assert_eq!(items.capacity(), 3);
        let JsonKind::Array(inner) = &items[0].kind else { panic!() };
        assert_eq!(inner.capacity(), 3);
        let JsonKind::Object(members) = &items[1].kind else { panic!() };
        assert_eq!(members.capacity(), 3);
        assert_eq!(members[0].value.as_array().unwrap().len(), 2);
        assert_eq!(ok("[]").as_array().unwrap().len(), 0);
        assert_eq!(ok("{}").as_object().unwrap().len(), 0);
        assert_eq!(ok("\u{feff}[1]").span, Span::new(FileId(0), 3, 6));
    }

    #[test]
    fn errors_and_positions() {
        let e = err("[1, 2}");
        assert_eq!(e.message, "expected `,` or `]` after an array element, found `}`");
        assert_eq!(e.span, Span::new(FileId(0), 5, 6));
        let e = err(r#"{"a" 1}"#);
        assert_eq!(e.message, "expected `:` after an object key, found `1`");
        let (v, e) = p(r#"{"a": 1 "b": 2}"#);
        assert_eq!(e[0].message, "expected `,` or `}` after an object member, found `\"`");
        assert_eq!(e.len(), 1);
        assert_eq!(v.unwrap().as_object().unwrap().len(), 2, "the missing comma is supposed");
        let e = err("{a: 1}");
        assert_eq!(e.message, "expected a key (a string in double quotes) or `}`, found `a`");
        let e = err("");
        assert_eq!(e.message, "expected a JSON value, found end of input");
        assert_eq!(e.span, Span::new(FileId(0), 0, 0));
        let e = err("@article{x, title={T}}");
        assert_eq!(e.message, "expected a JSON value, found `@`");
        let e = err("[1] 2");
        assert_eq!(e.message, "expected the end of input after the JSON value, found `2`");
        let e = err("01");
        assert_eq!(e.message, "a number must not start with `0` followed by digits");
        let e = err("[-]");
        assert_eq!(e.message, "expected a digit after `-`, found `]`");
        let e = err("1.");
        assert_eq!(e.message, "expected a digit after the decimal point, found end of input");
        let e = err("[\"abc");
        assert_eq!(e.message, "expected `\"` to close the string, found end of input");
        let e = err("[\"abc\n\"]");
        assert_eq!(e.message, "expected `\"` to close the string, found the end of the line");
        assert_eq!(e.span, Span::new(FileId(0), 5, 6));
        assert_eq!(e.label.unwrap().0, Span::new(FileId(0), 1, 2));
        let e = err("[nul]");
        assert_eq!(e.message, "expected a JSON value or `]`, found `n`");
    }

    #[test]
    fn recovery_keeps_what_was_read() {
        let text = r#"[{"id": "a"}, {"id": "b"}, {"id": "c" "#;
        let (v, e) = p(text);
        assert_eq!(e.len(), 1);
        let v = v.unwrap();
        assert_eq!(v.as_array().unwrap().len(), 3);
        assert_eq!(v.as_array().unwrap()[2].get("id", text).unwrap().as_str().unwrap().value(text), "c");
        // Trailing commas: reported, skipped, and the parse goes on.
        let (v, e) = p(r#"[{"a": 1,}, 2,]"#);
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].message, "expected a key (a string) after `,`, found `}`");
        assert_eq!(e[1].message, "expected a value after `,`, found `]`");
        assert_eq!(v.unwrap().as_array().unwrap().len(), 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let (v, e) = p(&deep);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].message, format!("nesting deeper than {MAX_DEPTH} levels"));
        assert_eq!(e[0].span, Span::new(FileId(0), MAX_DEPTH, MAX_DEPTH + 1));
        drop(v);
        let ok_depth = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(p(&ok_depth).1.is_empty());
        let objects = "{\"a\":".repeat(100_000);
        assert_eq!(p(&objects).1.len(), 1);
    }
}
