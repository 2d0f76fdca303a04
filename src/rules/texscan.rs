//! Shared helpers for the text rules (CL601-CL605): which BibTeX values hold text, and a
//! one-pass scanner over a value's TeX that knows brace depth, math and verbatim arguments.
//!
//! BibTeX semantics (spec/FORMATS.md §2.2): text at brace depth >= 1 is protected from case
//! changes; `\x` escapes a special character; `$...$` is math. `\url{...}`, `\path{...}`,
//! `\nolinkurl{...}` and the first argument of `\href` are verbatim in LaTeX (hyperref/url), so
//! their contents are never judged as text.

use std::borrow::Cow;

use crate::formats::bibtex::{Item, PartKind};
use crate::formats::ParsedFile;
use crate::source::Span;

/// One braced or quoted literal part of a BibTeX value, with its field's lower-cased name.
pub(crate) struct TextPart<'a> {
    pub key: Option<&'a str>,
    pub field: Cow<'a, str>,
    /// Part of an `@string` definition (`field` is then the macro's name).
    pub string: bool,
    /// The part's content, without delimiters.
    pub inner: Span,
    pub text: &'a str,
}

/// Fields whose values are not TeX text: identifiers, links, file paths, bookkeeping of
/// reference managers (JabRef, BibDesk, Mendeley, Zotero/Better BibTeX). bibtex-tidy's users
/// lost URLs to escaping them, so the text rules never look inside these.
pub(crate) fn is_verbatim_field(name: &str) -> bool {
    // A `match` on the names: a length test before each comparison (the text rules ask for
    // every value).
    matches!(
        name,
        "archiveprefix"
            | "arxivid"
            | "citeulike-article-id"
            | "citeulike-linkout-0"
            | "citeulike-linkout-1"
            | "crossref"
            | "doi"
            | "entryset"
            | "eprint"
            | "eprintclass"
            | "eprinttype"
            | "file"
            | "groups"
            | "ids"
            | "isbn"
            | "issn"
            | "key"
            | "keywords"
            | "label"
            | "mendeley-tags"
            | "owner"
            | "pdf"
            | "pmcid"
            | "pmid"
            | "primaryclass"
            | "related"
            | "shorthand"
            | "sortkey"
            | "timestamp"
            | "url"
            | "verba"
            | "verbb"
            | "verbc"
            | "xdata"
            | "xref"
    ) || name.as_bytes().windows(3).any(|w| w == b"url")
        || name.starts_with("bdsk-")
        || name.starts_with("date-")
        || name.starts_with("local-")
        || name.starts_with("file")
}

/// Fields that bibliography styles print (the standard styles' fields, btxdoc §3, and the
/// biblatex data model's printed text fields). `abstract` and the reference managers' own
/// fields are printed by no standard style.
pub(crate) fn is_typeset_field(name: &str) -> bool {
    // A `match`, not a scan of a list: every value of a file is asked about.
    matches!(
        name,
        "address"
            | "addendum"
            | "afterword"
            | "annotator"
            | "annote"
            | "author"
            | "booksubtitle"
            | "booktitle"
            | "booktitleaddon"
            | "chapter"
            | "commentator"
            | "edition"
            | "editor"
            | "editora"
            | "editorb"
            | "editorc"
            | "eventtitle"
            | "eventtitleaddon"
            | "foreword"
            | "holder"
            | "howpublished"
            | "institution"
            | "introduction"
            | "issuesubtitle"
            | "issuetitle"
            | "journal"
            | "journalsubtitle"
            | "journaltitle"
            | "location"
            | "mainsubtitle"
            | "maintitle"
            | "maintitleaddon"
            | "month"
            | "note"
            | "number"
            | "organization"
            | "origlocation"
            | "origpublisher"
            | "origtitle"
            | "pages"
            | "part"
            | "publisher"
            | "pubstate"
            | "school"
            | "series"
            | "shorttitle"
            | "subtitle"
            | "title"
            | "titleaddon"
            | "translator"
            | "type"
            | "venue"
            | "version"
            | "volume"
            | "year"
    )
}

/// The literal parts of every entry's and `@string`'s fields in a BibTeX file, in source order.
/// `@preamble` is LaTeX code, not text, and `@comment` is not data: both are left out.
/// Lazy, and the field name is borrowed when it is written in lower case (most are).
pub(crate) fn text_parts<'a>(file: &'a ParsedFile, text: &'a str) -> impl Iterator<Item = TextPart<'a>> {
    let items = file.bibtex().map(|bib| bib.items.as_slice()).unwrap_or_default();
    items.iter().flat_map(move |item| {
        let (entry, string) = match item {
            Item::Entry(e) => (Some(e), false),
            Item::String(e) => (Some(e), true),
            Item::Preamble(_) | Item::Comment(_) => (None, false),
        };
        let key = entry.and_then(|e| e.key).and_then(|k| text.get(k.range()));
        entry.into_iter().flat_map(|e| &e.fields).flat_map(move |field| {
            let name = text.get(field.name.range()).unwrap_or("");
            let field_name: Cow<'a, str> = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            field.value.parts.iter().filter(|p| matches!(p.kind, PartKind::Braced | PartKind::Quoted)).filter_map(
                move |part| {
                    let inner = text.get(part.inner.range())?;
                    Some(TextPart { key, field: field_name.clone(), string, inner: part.inner, text: inner })
                },
            )
        })
    })
}

/// What a token of TeX text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A plain character.
    Char(char),
    /// `\name` (letters); the range is the whole command with its backslash.
    Command,
    /// `\x` for a non-letter `x` (`\&`, `\'`, `\\`).
    Symbol(char),
    Open,
    Close,
    /// An unescaped `$`.
    MathShift,
}

/// A token with its byte range in the scanned text and its context.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub tok: Tok,
    /// Brace depth before the token (an `Open` at depth 0 has depth 0).
    pub depth: u32,
    /// Inside `$...$` (the `$` tokens themselves are not).
    pub math: bool,
    /// Inside the argument of a verbatim command (`\url{...}`).
    pub verbatim: bool,
}

const VERBATIM_COMMANDS: &[&str] = &["url", "path", "nolinkurl", "href", "doi"];

/// Scans TeX text into tokens. Never fails: unbalanced braces keep depth at 0, an unclosed
/// `$` leaves the rest in math.
pub(crate) fn scan(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut depth: u32 = 0;
    let mut math = false;
    let mut verbatim_depth: Option<u32> = None;
    let mut pending_verbatim = false;
    let mut url_run = false;
    let mut after_space = true;
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c.is_whitespace() {
            url_run = false;
        } else if after_space {
            url_run = text.get(start..).is_some_and(starts_with_url);
        }
        after_space = c.is_whitespace() || c == '{' || c == '(';
        let verbatim = verbatim_depth.is_some() || url_run;
        let (tok, end) = match c {
            '\\' => match it.peek().copied() {
                Some((_, n)) if n.is_ascii_alphabetic() => {
                    let mut end = start + 1;
                    while let Some(&(i, n)) = it.peek() {
                        if !n.is_ascii_alphabetic() {
                            break;
                        }
                        end = i + n.len_utf8();
                        it.next();
                    }
                    let name = text.get(start + 1..end).unwrap_or("");
                    if !verbatim && VERBATIM_COMMANDS.contains(&name) {
                        pending_verbatim = true;
                    }
                    (Tok::Command, end)
                }
                Some((i, n)) => {
                    it.next();
                    (Tok::Symbol(n), i + n.len_utf8())
                }
                None => (Tok::Char('\\'), start + 1),
            },
            '{' => (Tok::Open, start + 1),
            '}' => (Tok::Close, start + 1),
            '$' if !verbatim => (Tok::MathShift, start + 1),
            c => (Tok::Char(c), start + c.len_utf8()),
        };
        let mut token = Token { start, end, tok, depth, math, verbatim };
        match tok {
            Tok::Open => {
                if pending_verbatim && verbatim_depth.is_none() {
                    verbatim_depth = Some(depth);
                    pending_verbatim = false;
                }
                depth += 1;
            }
            Tok::Close => {
                depth = depth.saturating_sub(1);
                token.depth = depth;
                if verbatim_depth == Some(depth) {
                    verbatim_depth = None;
                }
            }
            Tok::MathShift => math = !math,
            Tok::Char(c) if c.is_whitespace() => {}
            Tok::Command => {}
            _ => pending_verbatim = false,
        }
        out.push(token);
    }
    out
}

/// Whether `s` starts with a bare URL (`https://`, `http://`, `ftp://`, `www.`): such a
/// word is a link, and links are never escaped.
fn starts_with_url(s: &str) -> bool {
    ["http://", "https://", "ftp://", "www."]
        .iter()
        .any(|p| s.get(..p.len()).is_some_and(|head| head.eq_ignore_ascii_case(p)))
}

/// `c` written with escapes (`\u{202E}`) when it is not a visible character.
pub(crate) fn escape_char(c: char) -> String {
    if c.is_control() || is_bidi_control(c) || unicode_invisible(c) {
        format!("\\u{{{:X}}}", u32::from(c))
    } else {
        c.to_string()
    }
}

/// A string with invisible characters escaped, for messages.
pub(crate) fn escape_str(s: &str) -> String {
    s.chars().map(escape_char).collect()
}

/// Bidirectional embedding, override and isolate controls (Unicode TR9; "Trojan Source").
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn unicode_invisible(c: char) -> bool {
    use unicode_normalization::char::canonical_combining_class;
    canonical_combining_class(c) != 0 || matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}' | '\u{00AD}')
}

#[cfg(test)]
mod tests {

    #[test]
    fn verbatim_fields() {
        for name in ["url", "doi", "citeulike-linkout-1", "shorthand", "keywords", "bdsk-url-1", "urldate", "file"] {
            assert!(super::is_verbatim_field(name), "{name}");
        }
        for name in ["title", "author", "journal", "note", "abstract"] {
            assert!(!super::is_verbatim_field(name), "{name}");
        }
    }
    use super::*;

    fn kinds(s: &str) -> Vec<(Tok, u32, bool, bool)> {
        scan(s).iter().map(|t| (t.tok, t.depth, t.math, t.verbatim)).collect()
    }

    #[test]
    fn depth_math_and_verbatim() {
        let k = kinds("a{b}$c$");
        assert_eq!(k[0], (Tok::Char('a'), 0, false, false));
        assert_eq!(k[1], (Tok::Open, 0, false, false));
        assert_eq!(k[2], (Tok::Char('b'), 1, false, false));
        assert_eq!(k[3], (Tok::Close, 0, false, false));
        assert_eq!(k[5], (Tok::Char('c'), 0, true, false));
        let t = scan("\\url{a_b} c_d");
        let under: Vec<_> = t.iter().filter(|t| t.tok == Tok::Char('_')).map(|t| t.verbatim).collect();
        assert_eq!(under, vec![true, false]);
        let t = scan("see https://x.org/a_b and {http://y.org/c_d} e_f");
        let under: Vec<_> = t.iter().filter(|t| t.tok == Tok::Char('_')).map(|t| t.verbatim).collect();
        assert_eq!(under, vec![true, true, false]);
        let t = scan("\\& \\LaTeX{} }}");
        assert_eq!(t[0].tok, Tok::Symbol('&'));
        assert_eq!(t[2].tok, Tok::Command);
        assert_eq!((t[2].start, t[2].end), (3, 9));
    }

    #[test]
    fn escapes() {
        assert_eq!(escape_str("a\u{202E}b\u{7}"), "a\\u{202E}b\\u{7}");
    }
}
