//! Source files: bytes read once, decoded to text, with a line index.
//!
//! UTF-8 (with or without BOM) is kept as is; anything else is decoded as
//! Windows-1252 (DESIGN §4) and written back in that encoding by [`SourceFile::encode`].

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// Index of a file in the [`SourceDb`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one file's decoded text. `end` is exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    #[must_use]
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Self { file, start: clamp_u32(start), end: clamp_u32(end.max(start)) }
    }

    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    #[must_use]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[must_use]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The smallest span covering both.
    #[must_use]
    pub fn cover(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// A sub-span given offsets relative to this span's start, clamped to this span.
    #[must_use]
    pub fn within(self, rel: Range<usize>) -> Span {
        let start = (self.start as usize + rel.start).min(self.end as usize);
        let end = (self.start as usize + rel.end).clamp(start, self.end as usize);
        Span::new(self.file, start, end)
    }

    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }

    #[must_use]
    pub fn overlaps(self, other: Span) -> bool {
        self.file == other.file && self.start < other.end && other.start < self.end
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A value with the span of its source text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// How the file's bytes were decoded; writing uses the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8 {
        bom: bool,
    },
    /// Bytes that were not valid UTF-8, read as Windows-1252 (WHATWG table).
    Windows1252 {
        /// Byte offset in the decoded text of the first byte that was not UTF-8.
        first_invalid: u32,
    },
    /// UTF-16 with a byte-order mark (JabRef and Windows tools write it).
    Utf16 {
        little_endian: bool,
    },
}

/// One file: its name as shown to the user, its decoded text, encoding and line starts.
#[derive(Debug)]
pub struct SourceFile {
    pub name: String,
    pub path: Option<PathBuf>,
    /// Shared with the values that are decoded only when a rule reads them
    /// ([`crate::model::LazyText`]).
    pub text: Arc<String>,
    pub encoding: Encoding,
    /// Where each line starts, found on first use: a run without diagnostics needs none.
    line_starts: std::sync::OnceLock<Vec<u32>>,
}

impl SourceFile {
    #[must_use]
    pub fn from_bytes(name: String, path: Option<PathBuf>, bytes: &[u8]) -> Self {
        let (text, encoding) = decode(bytes);
        Self::from_text(name, path, text, encoding)
    }

    /// As [`SourceFile::from_bytes`], taking the buffer: plain UTF-8 (the common case) becomes
    /// the text without a copy.
    #[must_use]
    pub fn from_vec(name: String, path: Option<PathBuf>, bytes: Vec<u8>) -> Self {
        let (text, encoding) = decode_vec(bytes);
        Self::from_text(name, path, text, encoding)
    }

    #[must_use]
    pub fn from_text(name: String, path: Option<PathBuf>, text: String, encoding: Encoding) -> Self {
        Self::from_shared(name, path, Arc::new(text), encoding)
    }

    fn from_shared(name: String, path: Option<PathBuf>, text: Arc<String>, encoding: Encoding) -> Self {
        Self { name, path, text, encoding, line_starts: std::sync::OnceLock::new() }
    }

    /// The text of a span; empty when the span is not on char boundaries or out of range.
    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// 0-based line index of a byte offset.
    #[must_use]
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = clamp_u32(offset);
        match self.line_starts().binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    #[must_use]
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts().get(line).map_or(self.text.len(), |&s| s as usize)
    }

    #[must_use]
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }

    fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// 1-based line and 1-based column in Unicode scalar values (DESIGN §8).
    #[must_use]
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_start(line);
        let col = self.text.get(start..offset).map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }

    /// The bytes to write back: the BOM and encoding the file came with.
    /// `None` when the text holds a character Windows-1252 cannot encode.
    #[must_use]
    pub fn encode(&self, text: &str) -> Option<Vec<u8>> {
        encode(text, self.encoding)
    }
}

fn line_starts(text: &str) -> Vec<u32> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| clamp_u32(i + 1)));
    starts
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Windows-1252 bytes 0x80..=0x9F (WHATWG encoding standard); undefined bytes map to C1 controls.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{2C6}', '\u{2030}',
    '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}',
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}',
    '\u{17E}', '\u{178}',
];

fn cp1252_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH.get(usize::from(b - 0x80)).copied().unwrap_or('\u{FFFD}'),
        _ => char::from(b),
    }
}

/// Decodes bytes: UTF-8 (BOM stripped) or, failing that, Windows-1252.
#[must_use]
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(decoded) = decode_utf16(bytes) {
        return decoded;
    }
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    match std::str::from_utf8(body) {
        Ok(s) => (s.to_owned(), Encoding::Utf8 { bom }),
        Err(e) => {
            let valid = e.valid_up_to();
            let text: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
            let prefix = bytes.get(..valid + if bom { BOM.len() } else { 0 }).unwrap_or(&[]);
            let first_invalid = prefix.iter().map(|&b| cp1252_char(b).len_utf8()).sum::<usize>();
            (text, Encoding::Windows1252 { first_invalid: clamp_u32(first_invalid) })
        }
    }
}

/// As [`decode`], taking the buffer: valid UTF-8 (the common case) becomes the text without a
/// copy. UTF-16's BOM is not valid UTF-8, so only the UTF-8 BOM needs a look.
#[must_use]
pub fn decode_vec(bytes: Vec<u8>) -> (String, Encoding) {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            let bom = text.starts_with('\u{FEFF}');
            if bom {
                text.drain(..'\u{FEFF}'.len_utf8());
            }
            (text, Encoding::Utf8 { bom })
        }
        Err(e) => decode(e.as_bytes()),
    }
}

/// UTF-16 with a BOM, when the rest decodes (an odd length or unpaired surrogate: not UTF-16).
fn decode_utf16(bytes: &[u8]) -> Option<(String, Encoding)> {
    let little_endian = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let body = bytes.get(2..)?;
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body.chunks_exact(2).map(|c| match c {
        [a, b] if little_endian => u16::from_le_bytes([*a, *b]),
        [a, b] => u16::from_be_bytes([*a, *b]),
        _ => 0,
    });
    let text: Result<String, _> = char::decode_utf16(units).collect();
    text.ok().map(|t| (t, Encoding::Utf16 { little_endian }))
}

/// Encodes text back to the bytes of `encoding`.
#[must_use]
pub fn encode(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(BOM);
            }
            out.extend_from_slice(text.as_bytes());
            Some(out)
        }
        Encoding::Windows1252 { .. } => text.chars().map(cp1252_byte).collect(),
        Encoding::Utf16 { little_endian } => {
            let mut out = Vec::with_capacity(2 + text.len() * 2);
            out.extend_from_slice(if little_endian { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
            for unit in text.encode_utf16() {
                out.extend_from_slice(&if little_endian { unit.to_le_bytes() } else { unit.to_be_bytes() });
            }
            Some(out)
        }
    }
}

fn cp1252_byte(c: char) -> Option<u8> {
    let n = u32::from(c);
    if n < 0x80 || (0xA0..=0xFF).contains(&n) {
        return u8::try_from(n).ok();
    }
    CP1252_HIGH.iter().position(|&h| h == c).and_then(|i| u8::try_from(0x80 + i).ok())
}

/// All files of one run.
#[derive(Debug, Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

impl SourceDb {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(clamp_u32(self.files.len()));
        self.files.push(file);
        id
    }

    /// # Panics
    /// Never for ids this database handed out.
    #[must_use]
    #[allow(clippy::indexing_slicing)] // reason: FileIds are only created by `add`
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    #[must_use]
    pub fn slice(&self, span: Span) -> &str {
        self.get(span.file).slice(span)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(clamp_u32(i)), f))
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl<'a> codespan_reporting::files::Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files.get(id.0 as usize).map(|f| f.name.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files.get(id.0 as usize).map(|f| f.text.as_str()).ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        let f = self.files.get(id.0 as usize).ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(f.line_index(byte_index))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let f = self.files.get(id.0 as usize).ok_or(codespan_reporting::files::Error::FileMissing)?;
        if line_index >= f.line_count() {
            return Err(codespan_reporting::files::Error::LineTooLarge { given: line_index, max: f.line_count() - 1 });
        }
        Ok(f.line_start(line_index)..f.line_start(line_index + 1))
    }
}

impl SourceDb {
    /// Replaces a file's text (after fixes), keeping its name, path and encoding.
    pub fn replace_text(&mut self, id: FileId, text: impl Into<Arc<String>>) {
        if let Some(f) = self.files.get_mut(id.0 as usize) {
            let encoding = f.encoding;
            *f = SourceFile::from_shared(std::mem::take(&mut f.name), f.path.take(), text.into(), encoding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Taking the buffer reads exactly as reading a copy does.
        #[test]
        fn from_vec_reads_as_from_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40), head in 0usize..4) {
            let mut bytes = bytes;
            let heads: [&[u8]; 4] = [b"", BOM, &[0xFF, 0xFE], &[0xFE, 0xFF]];
            bytes.splice(0..0, heads.get(head).copied().unwrap_or_default().iter().copied());
            let a = SourceFile::from_bytes("a".into(), None, &bytes);
            let b = SourceFile::from_vec("a".into(), None, bytes.clone());
            proptest::prop_assert_eq!(a.text, b.text);
            proptest::prop_assert_eq!(a.encoding, b.encoding);
        }
    }

    #[test]
    fn utf8_with_bom_round_trips() {
        let bytes = b"\xEF\xBB\xBF@a{b}\r\n";
        let (text, enc) = decode(bytes);
        assert_eq!(text, "@a{b}\r\n");
        assert_eq!(encode(&text, enc).unwrap(), bytes);
    }

    #[test]
    fn latin1_round_trips_and_locates_first_invalid_byte() {
        let bytes = b"ab\xE9c\x80";
        let (text, enc) = decode(bytes);
        assert_eq!(text, "ab\u{e9}c\u{20AC}");
        assert_eq!(enc, Encoding::Windows1252 { first_invalid: 2 });
        assert_eq!(encode(&text, enc).unwrap(), bytes);
    }

    #[test]
    fn utf16_with_bom_round_trips() {
        for le in [true, false] {
            let text = "@misc{é, title = {𝔘}}\r\n";
            let enc = Encoding::Utf16 { little_endian: le };
            let bytes = encode(text, enc).unwrap();
            assert_eq!(decode(&bytes), (text.to_owned(), enc));
        }
        // An odd length is not UTF-16: read as bytes.
        assert!(matches!(decode(b"\xFF\xFEa").1, Encoding::Windows1252 { .. }));
    }

    #[test]
    fn columns_count_chars() {
        let f = SourceFile::from_text("x".into(), None, "é\nαβγ".into(), Encoding::Utf8 { bom: false });
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(5), (2, 2));
    }
}
