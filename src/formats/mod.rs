//! Format-specific parsers and lowering to records. A parser never fails: it returns what it
//! read plus syntax errors (DESIGN §4).

pub mod bibtex;
pub mod detect;

use crate::config::{Dialect, Settings};
use crate::model::{Format, Record};
use crate::source::{FileId, SourceDb, Span};

pub use detect::detect;

/// The syntax tree of a parsed file, by format.
#[derive(Debug)]
pub enum Ast {
    Bibtex(bibtex::BibFile),
    /// A file whose bytes are not text (NUL bytes): nothing was parsed.
    Binary,
}

/// A syntax problem, reported by CL001.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub span: Span,
    pub message: String,
    pub labels: Vec<(Span, String)>,
}

/// One file after parsing and lowering.
#[derive(Debug)]
pub struct ParsedFile {
    pub file: FileId,
    pub format: Format,
    pub ast: Ast,
    pub syntax: Vec<SyntaxError>,
    pub records: Vec<Record>,
    /// The BibTeX dialect used for this file (detected or configured).
    pub dialect: Dialect,
}

impl ParsedFile {
    #[must_use]
    pub fn bibtex(&self) -> Option<&bibtex::BibFile> {
        match &self.ast {
            Ast::Bibtex(b) => Some(b),
            Ast::Binary => None,
        }
    }
}

/// Parses and lowers one file of a known format.
#[must_use]
pub fn parse(db: &SourceDb, file: FileId, format: Format, settings: &Settings) -> ParsedFile {
    let source = db.get(file);
    let text = source.text.as_str();
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        return ParsedFile {
            file,
            format,
            ast: Ast::Binary,
            syntax: vec![SyntaxError {
                span: Span::new(file, nul, nul + 1),
                message: "the file holds a NUL byte: it is not a text file".into(),
                labels: Vec::new(),
            }],
            records: Vec::new(),
            dialect: settings.dialect,
        };
    }
    // Every format lowers through its own parser; BibTeX is the one there is so far.
    let _ = format;
    parse_bibtex(file, text, settings)
}

fn parse_bibtex(file: FileId, text: &str, settings: &Settings) -> ParsedFile {
    let (ast, errors) = bibtex::parser::parse(file, text);
    let dialect = match settings.dialect {
        Dialect::Auto => bibtex::dialect::detect(&ast, text),
        d => d,
    };
    let records = bibtex::lower::lower(&ast, text);
    let syntax =
        errors.into_iter().map(|e| SyntaxError { span: e.span, message: e.message, labels: e.labels }).collect();
    ParsedFile { file, format: Format::Bibtex, ast: Ast::Bibtex(ast), syntax, records, dialect }
}
