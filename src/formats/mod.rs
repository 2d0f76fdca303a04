//! Format-specific parsers and lowering to records. A parser never fails: it returns what it
//! read plus syntax errors (DESIGN §4).

pub mod bibtex;
pub mod bundle;
pub mod citation;
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
    /// Citation lines (ACL text, Markdown): their problems; the lines are the records.
    Citation(citation::CitationFile),
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
    pub fn citation(&self) -> Option<&citation::CitationFile> {
        match &self.ast {
            Ast::Citation(c) => Some(c),
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

/// Parses and lowers one file: one [`ParsedFile`], or one per segment for a bundle
/// ([`Format::Bundle`]; all with the same [`FileId`] and `bundle: true`). Use this rather than
/// [`parse`] wherever a file may be a bundle.
#[must_use]
pub fn parse_file(db: &SourceDb, file: FileId, format: Format, settings: &Settings) -> Vec<ParsedFile> {
    if format != Format::Bundle {
        return vec![parse(db, file, format, settings)];
    }
    let text = db.get(file).text.as_str();
    if memchr::memchr(0, text.as_bytes()).is_some() {
        return vec![parse(db, file, Format::Bibtex, settings)];
    }
    let segments = bundle::segments(text);
    if segments.is_empty() {
        let mut empty = parse_text(file, "", None, Format::AclText, settings);
        empty.format = Format::Bundle;
        empty.bundle = true;
        return vec![empty];
    }
    segments
        .into_iter()
        .map(|seg| {
            let keep = match seg.format {
                Format::Mods => bundle::xml_root_start(text, &seg.range)..seg.range.end,
                _ => seg.range.clone(),
            };
            let masked = bundle::mask(text, &keep);
            let mut parsed = parse_text(file, &masked, None, seg.format, settings);
            parsed.bundle = true;
            parsed
        })
        .collect()
}

/// Parses and lowers one file of a known format. A bundle gives its first segment: see
/// [`parse_file`].
#[must_use]
pub fn parse(db: &SourceDb, file: FileId, format: Format, settings: &Settings) -> ParsedFile {
    if format == Format::Bundle {
        return parse_file(db, file, format, settings)
            .into_iter()
            .next()
            .unwrap_or_else(|| parse_text(file, "", None, Format::AclText, settings));
    }
    let source = db.get(file);
    parse_text(file, source.text.as_str(), Some(&source.text), format, settings)
}

/// Parses `text` as the text of `file` in one format (not a bundle). `shared` is the file's
/// text when `text` is all of it, for values decoded on demand.
fn parse_text(
    file: FileId,
    text: &str,
    shared: Option<&std::sync::Arc<String>>,
    format: Format,
    settings: &Settings,
) -> ParsedFile {
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
        Format::Bibtex => parse_bibtex(file, text, shared, settings),
        Format::Mods => {
            let out = mods::parse(file, text);
            wrap(format, Ast::Mods(out.ast), out.syntax, out.records)
        }
        Format::Ris => {
            let out = ris::parse_shared(file, text, shared);
            wrap(format, Ast::Ris(out.ast), out.syntax, out.records)
        }
        Format::Refer => {
            let out = refer::parse_shared(file, text, shared);
            wrap(format, Ast::Refer(out.ast), out.syntax, out.records)
        }
        Format::CslJson => {
            let out = csl_json::parse_shared(file, text, shared);
            wrap(format, Ast::CslJson(out.ast), out.syntax, out.records)
        }
        Format::AclText | Format::Markdown | Format::Bundle => {
            let out = citation::parse(file, text, format);
            wrap(format, Ast::Citation(out.ast), out.syntax, out.records)
        }
    }
}

/// `shared` when it holds `text` itself (the same bytes in memory, not a copy): values decoded
/// on demand ([`crate::model::LazyText`]) keep a handle on the file's text and a range in it.
pub(crate) fn shared_text<'a>(
    shared: Option<&'a std::sync::Arc<String>>,
    text: &str,
) -> Option<&'a std::sync::Arc<String>> {
    shared.filter(|s| std::ptr::eq(s.as_str(), text))
}

/// Lowers the records of a file, in source order; a file of many records on every core.
pub(crate) fn lower_all<T: Sync>(items: &[T], lower: impl Fn(&T) -> Option<Record> + Sync + Send) -> Vec<Record> {
    use rayon::prelude::*;
    let mut records: Vec<Record> = if items.len() >= PARALLEL_LOWERING {
        items.par_iter().filter_map(lower).collect()
    } else {
        items.iter().filter_map(lower).collect()
    };
    records.shrink_to_fit();
    records
}

/// From this many items on, a file's records are lowered in parallel.
const PARALLEL_LOWERING: usize = 2048;

/// BibTeX files from this size on are parsed in parts ...
const PARTS_FROM: usize = 4 << 20;
/// ... of at least this size.
const PART_MIN: usize = 1 << 20;

fn parse_bibtex(file: FileId, text: &str, shared: Option<&std::sync::Arc<String>>, settings: &Settings) -> ParsedFile {
    // A large file is parsed in parts on every core (the result is that of one part).
    let threads = rayon::current_num_threads();
    let (ast, errors) = if text.len() >= PARTS_FROM && threads > 1 {
        bibtex::parser::parse_in_parts(file, text, (text.len() / (4 * threads)).max(PART_MIN))
    } else {
        bibtex::parser::parse(file, text)
    };
    // Detecting the dialect does not wait for the lowering (nor the lowering for it).
    let (dialect, records) = rayon::join(
        || match settings.dialect {
            Dialect::Auto => bibtex::dialect::detect(&ast, text),
            d => d,
        },
        || bibtex::lower::lower_shared(&ast, text, shared),
    );
    let syntax =
        errors.into_iter().map(|e| SyntaxError { span: e.span, message: e.message, labels: e.labels }).collect();
    ParsedFile { file, format: Format::Bibtex, ast: Ast::Bibtex(ast), syntax, records, dialect, bundle: false }
}
