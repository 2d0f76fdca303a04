//! Records: one bibliographic record lowered from any format into canonical fields (DESIGN §3).

pub mod date;
pub mod doi;
pub mod edtf;
pub mod isbn;
pub mod names;
pub mod normalize;
pub mod pages;
pub mod tex;

use std::sync::{Arc, OnceLock};

use crate::source::{Span, Spanned};

pub use date::Date;
pub use names::{Name, NameList};
pub use pages::{PageItem, PageRange};

/// The formats citelint reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Bibtex,
    Mods,
    Refer,
    Ris,
    CslJson,
    AclText,
    Markdown,
    /// A file holding several formats of one record (an export page): never a record's
    /// format, each segment is parsed in its own (see `formats::bundle`).
    Bundle,
}

impl Format {
    /// The name used in JSON output and `--format` (DESIGN §8).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Format::Bibtex => "bibtex",
            Format::Mods => "mods",
            Format::Refer => "refer",
            Format::Ris => "ris",
            Format::CslJson => "csl-json",
            Format::AclText => "acl-text",
            Format::Markdown => "markdown",
            Format::Bundle => "bundle",
        }
    }
}

/// Canonical fields shared by every format (DESIGN §3, §8 `inspect`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    ContainerTitle,
    Author,
    Editor,
    Issued,
    Pages,
    Volume,
    Issue,
    Edition,
    Publisher,
    Place,
    Isbn,
    Issn,
    Doi,
    Url,
    Abstract,
    Language,
    Note,
}

impl Field {
    pub const ALL: [Field; 18] = [
        Field::Title,
        Field::ContainerTitle,
        Field::Author,
        Field::Editor,
        Field::Issued,
        Field::Pages,
        Field::Volume,
        Field::Issue,
        Field::Edition,
        Field::Publisher,
        Field::Place,
        Field::Isbn,
        Field::Issn,
        Field::Doi,
        Field::Url,
        Field::Abstract,
        Field::Language,
        Field::Note,
    ];

    /// snake_case name used by `citelint inspect`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::ContainerTitle => "container_title",
            Field::Author => "author",
            Field::Editor => "editor",
            Field::Issued => "issued",
            Field::Pages => "pages",
            Field::Volume => "volume",
            Field::Issue => "issue",
            Field::Edition => "edition",
            Field::Publisher => "publisher",
            Field::Place => "place",
            Field::Isbn => "isbn",
            Field::Issn => "issn",
            Field::Doi => "doi",
            Field::Url => "url",
            Field::Abstract => "abstract",
            Field::Language => "language",
            Field::Note => "note",
        }
    }
}

/// Why a value could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueError {
    /// The value uses a macro that is not defined.
    UndefinedMacro(String),
    /// The value could not be read as this kind of value.
    Unreadable(String),
}

impl std::fmt::Display for ValueError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ValueError::UndefinedMacro(m) => write!(f, "undefined macro `{m}`"),
            ValueError::Unreadable(s) => write!(f, "unreadable value `{s}`"),
        }
    }
}

/// A decoded value. Text is decoded for comparison (TeX/XML resolved, NFC). Name lists, page
/// ranges and dates are boxed: every field holds a `Value`, and most fields are text.
/// Read text with [`Value::text`], which also decodes a [`Value::Lazy`] one.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    /// Text decoded when it is first read.
    Lazy(Box<LazyText>),
    Names(Box<NameList>),
    Pages(Box<PageRange>),
    Date(Box<Date>),
    Invalid(ValueError),
}

impl Value {
    /// The text of a text value, decoded on first use when it is lazy.
    #[must_use]
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            Value::Lazy(t) => Some(t.get()),
            _ => None,
        }
    }
}

/// A text value decoded when a rule first reads it, from where it is in the file's text. A
/// BibTeX `abstract` is one: abstracts are most of the text of many files (70% of the decoded
/// text of the corpus's Zotero, TUGboat and Web of Science files), and only rules comparing
/// the formats of one work read them (issue: performance; DESIGN: decode what a rule needs,
/// when it needs it).
#[derive(Clone)]
pub struct LazyText {
    source: Arc<String>,
    start: u32,
    end: u32,
    decode: fn(&str) -> String,
    decoded: OnceLock<String>,
}

impl LazyText {
    /// The text `decode(&source[range])`, decoded on first use.
    #[must_use]
    pub fn new(source: Arc<String>, range: std::ops::Range<usize>, decode: fn(&str) -> String) -> Self {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self { source, start: at(range.start), end: at(range.end), decode, decoded: OnceLock::new() }
    }

    /// The decoded text.
    #[must_use]
    pub fn get(&self) -> &str {
        self.decoded
            .get_or_init(|| (self.decode)(self.source.get(self.start as usize..self.end as usize).unwrap_or("")))
    }
}

impl std::fmt::Debug for LazyText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyText").field(&self.get()).finish()
    }
}

impl PartialEq for LazyText {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

/// One occurrence of a canonical field in a record.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldEntry {
    /// The field name as the format writes it (`booktitle`, `T2`, `%B`), with its span.
    pub native: Spanned<String>,
    /// The span of the value's source text.
    pub raw: Span,
    pub value: Value,
}

/// The fields of a record: in [`Field`] order, the entries of one field in source order. One
/// vector: most records have a dozen entries, and a map would cost a node and a vector each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fields(Vec<(Field, FieldEntry)>);

impl Fields {
    /// Adds an entry after those of its field.
    pub fn push(&mut self, field: Field, entry: FieldEntry) {
        let at = self.0.partition_point(|(f, _)| *f <= field);
        self.0.insert(at, (field, entry));
    }

    /// Gives back the room that growth left unused (records live for the whole run).
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }

    /// The entries of one field.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &FieldEntry> {
        let start = self.0.partition_point(|(f, _)| *f < field);
        self.0.get(start..).unwrap_or_default().iter().take_while(move |(f, _)| *f == field).map(|(_, e)| e)
    }

    #[must_use]
    pub fn contains(&self, field: Field) -> bool {
        self.all(field).next().is_some()
    }

    /// Every entry with its field, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, &FieldEntry)> {
        self.0.iter().map(|(f, e)| (*f, e))
    }

    /// Every entry, in field order.
    pub fn entries(&self) -> impl Iterator<Item = &FieldEntry> {
        self.0.iter().map(|(_, e)| e)
    }
}

/// One bibliographic record, lowered from any format.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub format: Format,
    /// The whole entry / `<mods>` / TY..ER / object / line.
    pub span: Span,
    /// Citekey, MODS `@ID`, `%F`, RIS `ID`, CSL `id`.
    pub key: Option<Spanned<String>>,
    /// The native type as written: `inproceedings`, `CONF`, `Conference Proceedings`.
    pub kind: Spanned<String>,
    pub fields: Fields,
}

impl Record {
    #[must_use]
    pub fn new(format: Format, span: Span, kind: Spanned<String>) -> Self {
        Self { format, span, key: None, kind, fields: Fields::default() }
    }

    pub fn push(&mut self, field: Field, entry: FieldEntry) {
        self.fields.push(field, entry);
    }

    /// The first entry of a field.
    #[must_use]
    pub fn first(&self, field: Field) -> Option<&FieldEntry> {
        self.fields.all(field).next()
    }

    /// Every entry of a field.
    pub fn all(&self, field: Field) -> impl Iterator<Item = &FieldEntry> {
        self.fields.all(field)
    }

    #[must_use]
    pub fn text(&self, field: Field) -> Option<&str> {
        self.first(field)?.value.text()
    }

    #[must_use]
    pub fn names(&self, field: Field) -> Option<&NameList> {
        match &self.first(field)?.value {
            Value::Names(n) => Some(n.as_ref()),
            _ => None,
        }
    }

    #[must_use]
    pub fn pages(&self) -> Option<&PageRange> {
        match &self.first(Field::Pages)?.value {
            Value::Pages(p) => Some(p.as_ref()),
            _ => None,
        }
    }

    #[must_use]
    pub fn issued(&self) -> Option<&Date> {
        match &self.first(Field::Issued)?.value {
            Value::Date(d) => Some(d.as_ref()),
            _ => None,
        }
    }

    #[must_use]
    pub fn key_str(&self) -> Option<&str> {
        self.key.as_ref().map(|k| k.value.as_str())
    }
}
