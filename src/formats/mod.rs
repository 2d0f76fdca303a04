//! Format-specific parsers and lowering to records. A parser never fails: it returns what it
//! read plus syntax errors (DESIGN §4).

pub mod bibtex;
pub mod csl_json;
pub mod detect;
pub mod mods;
pub mod refer;
pub mod ris;
pub mod tagged;

use crate::config::{Dialect, Settings};
use crate::model::{Format, Record};
use crate::source::{FileId, SourceDb, Span};

pub use detect::detect;

/// The syntax tree of a parsed file, by format.
#[derive(Debug)]
pub enum Ast {
    Bibtex(bibtex::BibFile),
    Mods(mods::ModsFile),
    Ris(ris::RisFile),
    Refer(refer::ReferFile),
    CslJson(csl_json::CslFile),
    /// A format with no syntax tree of its own (citation lines): records only.
    None,
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
    /// Whether this is one segment of a bundle (a file holding several formats of one
    /// record): all records of a bundle form one work.
    pub bundle: bool,
}

impl ParsedFile {
    #[must_use]
    pub fn bibtex(&self) -> Option<&bibtex::BibFile> {
        match &self.ast {
            Ast::Bibtex(b) => Some(b),
            _ => None,
        }
    }

    #[must_use]
    pub fn mods(&self) -> Option<&mods::ModsFile> {
        match &self.ast {
            Ast::Mods(m) => Some(m),
            _ => None,
        }
    }

    #[must_use]
    pub fn ris(&self) -> Option<&ris::RisFile> {
        match &self.ast {
            Ast::Ris(r) => Some(r),
            _ => None,
        }
    }

    #[must_use]
    pub fn refer(&self) -> Option<&refer::ReferFile> {
        match &self.ast {
            Ast::Refer(r) => Some(r),
            _ => None,
        }
    }

    #[must_use]
    pub fn csl_json(&self) -> Option<&csl_json::CslFile> {
        match &self.ast {
            Ast::CslJson(c) => Some(c),
            _ => None,
        }
    }
}

/// What a format's parser returns: its syntax tree, syntax errors and lowered records.
#[derive(Debug)]
pub struct FormatOutput<A> {
    pub ast: A,
    pub syntax: Vec<SyntaxError>,
    pub records: Vec<Record>,
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
            bundle: false,
        };
    }
    let dialect = settings.dialect;
    let wrap = |format: Format, ast: Ast, syntax: Vec<SyntaxError>, records: Vec<Record>| ParsedFile {
        file,
        format,
        ast,
        syntax,
        records,
        dialect,
        bundle: false,
    };
    match format {
        Format::Bibtex => parse_bibtex(file, text, settings),
        Format::Mods => {
            let out = mods::parse(file, text);
            wrap(format, Ast::Mods(out.ast), out.syntax, out.records)
        }
        Format::Ris => {
            let out = ris::parse(file, text);
            wrap(format, Ast::Ris(out.ast), out.syntax, out.records)
        }
        Format::Refer => {
            let out = refer::parse(file, text);
            wrap(format, Ast::Refer(out.ast), out.syntax, out.records)
        }
        Format::CslJson => {
            let out = csl_json::parse(file, text);
            wrap(format, Ast::CslJson(out.ast), out.syntax, out.records)
        }
        Format::AclText | Format::Markdown => wrap(format, Ast::None, Vec::new(), Vec::new()),
    }
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
    ParsedFile { file, format: Format::Bibtex, ast: Ast::Bibtex(ast), syntax, records, dialect, bundle: false }
}
