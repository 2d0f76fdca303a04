//! The BibTeX syntax tree: spans only, no copied text (DESIGN §9).
//!
//! Grammar: btparse's `bt_language(3)`, see spec/FORMATS.md §2.1.

use smallvec::SmallVec;

use crate::source::Span;

/// A parsed `.bib` file: its top-level items in source order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BibFile {
    pub items: Vec<Item>,
}

impl BibFile {
    /// The regular entries (not `@string`, `@preamble` or `@comment`), in source order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.items.iter().filter_map(|i| match i {
            Item::Entry(e) => Some(e),
            _ => None,
        })
    }
}

/// One top-level item. Text between items is junk (a comment) and is not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A regular entry, `@article{key, ...}`.
    Entry(Entry),
    /// `@string{name = value, ...}` (btparse allows several definitions).
    String(Entry),
    /// `@preamble{ value }`: the value is in `fields[0]` with an empty name span.
    Preamble(Entry),
    /// `@comment{...}` / `@comment(...)` or `@comment` followed by a line.
    Comment(Entry),
}

impl Item {
    #[must_use]
    pub fn entry(&self) -> &Entry {
        match self {
            Item::Entry(e) | Item::String(e) | Item::Preamble(e) | Item::Comment(e) => e,
        }
    }
}

/// The delimiters of an entry's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    Braces,
    Parens,
}

/// `@type{key, field = value, ...}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// From `@` to the closing delimiter (or to where the entry was given up).
    pub span: Span,
    /// The type name after `@`, as written (`ARTICLE`, `inproceedings`).
    pub kind: Span,
    pub delimiter: Delimiter,
    /// The citation key (regular entries only). `None` for a keyless entry.
    pub key: Option<Span>,
    pub fields: Vec<FieldAst>,
    /// Whether the closing delimiter was found.
    pub closed: bool,
}

/// `name = value`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldAst {
    /// From the name to the end of the value.
    pub span: Span,
    /// The field name as written (`Title`); empty for a preamble's value.
    pub name: Span,
    pub value: ValueAst,
    /// The comma after the value, if any; a fix deleting the field deletes it too.
    pub comma: Option<Span>,
}

/// A value: one or more parts joined by `#`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueAst {
    /// From the first part's start to the last part's end.
    pub span: Span,
    /// Inline: most values are one part.
    pub parts: SmallVec<[Part; 1]>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// `{...}`
    Braced,
    /// `"..."`
    Quoted,
    /// Digits: `2026`.
    Number,
    /// A bare name: a macro reference (`jul`, `acl`).
    Macro,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    pub kind: PartKind,
    /// The whole part including delimiters.
    pub span: Span,
    /// The content without delimiters (equal to `span` for numbers and macros).
    pub inner: Span,
}

/// A syntax error found while parsing; the engine reports it as CL001.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    /// Further places worth showing (such as where an unclosed entry opened).
    pub labels: Vec<(Span, String)>,
}
