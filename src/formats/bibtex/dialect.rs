//! Detecting BibLaTeX from what a file uses.
//!
//! The rule, applied when the configured dialect is `auto`:
//!
//! 1. A JabRef header says so: `@Comment{jabref-meta: databaseType:biblatex;}` gives BibLaTeX,
//!    `databaseType:bibtex;` gives BibTeX.
//! 2. Otherwise an entry is *BibLaTeX evidence* when its type exists only in biblatex
//!    ([`BIBLATEX_ONLY_TYPES`]: `@online`, `@thesis`, `@report`, `@mvbook`, ...) or it has a
//!    field only biblatex reads ([`BIBLATEX_ONLY_FIELDS`]: `date`, `journaltitle`, `langid`,
//!    `eprinttype`, `origdate`, ...; biblatex manual §2.1-2.2, spec/FORMATS.md §3) or a data
//!    annotation (`title+an`).
//! 3. The file is BibLaTeX when at least one entry in twenty is evidence (or twenty entries
//!    are): a stray `date` field in a large BibTeX file does not switch the dialect.
//!
//! Fields common in BibTeX files written by tools are not evidence, although they belong to
//! the biblatex data model: `location` (ACM Digital Library exports), `urldate` (Zotero),
//! `keywords`, `file`, `subtitle`, `issue`, `shortjournal`. Types of widely used BibTeX styles
//! are not evidence either: `@patent`, `@periodical`, `@standard`, `@electronic` (IEEEtran),
//! `@video` (ACM). Choosing BibLaTeX by mistake costs little (its model accepts the BibTeX
//! fields and types as aliases); choosing BibTeX for a BibLaTeX file reports its types and
//! `date`-only entries.

use super::{BibFile, Item};
use crate::config::Dialect;

/// Entry types of the biblatex data model that BibTeX styles do not define.
pub const BIBLATEX_ONLY_TYPES: &[&str] = &[
    "mvbook",
    "bookinbook",
    "suppbook",
    "collection",
    "mvcollection",
    "suppcollection",
    "reference",
    "mvreference",
    "inreference",
    "mvproceedings",
    "suppperiodical",
    "online",
    "report",
    "thesis",
    "dataset",
    "software",
    "set",
    "xdata",
    "artwork",
    "audio",
    "bibnote",
    "commentary",
    "image",
    "jurisdiction",
    "legislation",
    "legal",
    "letter",
    "movie",
    "music",
    "performance",
    "review",
];

/// Fields only biblatex reads, and that BibTeX exporters do not write.
pub const BIBLATEX_ONLY_FIELDS: &[&str] = &[
    "date",
    "journaltitle",
    "journalsubtitle",
    "eprinttype",
    "eprintclass",
    "langid",
    "langidopts",
    "origdate",
    "eventdate",
    "eventtitle",
    "maintitle",
    "mainsubtitle",
    "booktitleaddon",
    "titleaddon",
    "pagetotal",
    "origlocation",
    "origpublisher",
    "ids",
    "xdata",
    "entryset",
    "relatedtype",
    "bookauthor",
    "editortype",
    "editoratype",
    "shortauthor",
    "sortname",
];

/// BibLaTeX when the file uses its fields or types in more than a trivial way (see the module
/// documentation), BibTeX otherwise.
#[must_use]
pub fn detect(bib: &BibFile, text: &str) -> Dialect {
    // JabRef's `databaseType:biblatex` / `databaseType:bibtex`: one search of the text for both.
    let mut declared = None;
    for at in memchr::memmem::find_iter(text.as_bytes(), "databaseType:") {
        let rest = text.as_bytes().get(at + "databaseType:".len()..).unwrap_or_default();
        if rest.starts_with(b"biblatex") {
            return Dialect::Biblatex;
        }
        if rest.starts_with(b"bibtex") {
            declared = Some(Dialect::Bibtex);
        }
    }
    if let Some(d) = declared {
        return d;
    }
    let slice = |span: crate::source::Span| text.get(span.range()).unwrap_or("");
    let mut entries = 0usize;
    let mut evidence = 0usize;
    for item in &bib.items {
        let Item::Entry(entry) = item else { continue };
        entries += 1;
        let kind = slice(entry.kind);
        let by_type = BIBLATEX_ONLY_TYPES.iter().any(|t| t.eq_ignore_ascii_case(kind));
        let by_field = || {
            entry.fields.iter().any(|f| {
                let name = slice(f.name);
                BIBLATEX_ONLY_FIELDS.iter().any(|b| b.eq_ignore_ascii_case(name))
                    || (name.contains('+') && name.contains("+an"))
            })
        };
        if by_type || by_field() {
            evidence += 1;
            if evidence >= 20 {
                break; // enough whatever the number of entries
            }
        }
    }
    if evidence > 0 && (evidence * 20 >= entries || evidence >= 20) {
        Dialect::Biblatex
    } else {
        Dialect::Bibtex
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::bibtex::ast::{Delimiter, Entry, FieldAst, Part, PartKind, ValueAst};
    use crate::source::{FileId, Span};

    /// A tiny test builder: entries given as (type, [field names]) laid out in a text
    /// `@type{k, name = {x}, ...}` so that spans point at real text.
    fn build(entries: &[(&str, &[&str])]) -> (BibFile, String) {
        let mut text = String::new();
        let mut items = Vec::new();
        let f = FileId(0);
        for (kind, fields) in entries {
            let start = text.len();
            text.push('@');
            let ks = text.len();
            text.push_str(kind);
            let kind_span = Span::new(f, ks, text.len());
            text.push('{');
            let key_start = text.len();
            text.push('k');
            let key = Span::new(f, key_start, text.len());
            let mut fs = Vec::new();
            for name in *fields {
                text.push_str(", ");
                let ns = text.len();
                text.push_str(name);
                let name_span = Span::new(f, ns, text.len());
                text.push_str(" = ");
                let vs = text.len();
                text.push_str("{x}");
                let v = Span::new(f, vs, text.len());
                let part = Part { kind: PartKind::Braced, span: v, inner: Span::new(f, vs + 1, vs + 2) };
                fs.push(FieldAst {
                    span: Span::new(f, ns, text.len()),
                    name: name_span,
                    value: ValueAst { span: v, parts: smallvec::smallvec![part] },
                    comma: None,
                });
            }
            text.push_str("}\n");
            items.push(Item::Entry(Entry {
                span: Span::new(f, start, text.len() - 1),
                kind: kind_span,
                delimiter: Delimiter::Braces,
                key: Some(key),
                fields: fs,
                closed: true,
            }));
        }
        (BibFile { items }, text)
    }

    #[test]
    fn plain_bibtex() {
        let (bib, text) = build(&[("article", &["author", "title", "journal", "year"]), ("book", &["title"])]);
        assert_eq!(detect(&bib, &text), Dialect::Bibtex);
        let (bib, text) = build(&[]);
        assert_eq!(detect(&bib, &text), Dialect::Bibtex);
    }

    #[test]
    fn biblatex_fields_or_types() {
        let (bib, text) = build(&[("article", &["author", "title", "journaltitle", "date"])]);
        assert_eq!(detect(&bib, &text), Dialect::Biblatex);
        let (bib, text) = build(&[("Online", &["title", "url"])]);
        assert_eq!(detect(&bib, &text), Dialect::Biblatex);
        let (bib, text) = build(&[("MVBOOK", &["title"])]);
        assert_eq!(detect(&bib, &text), Dialect::Biblatex);
        let (bib, text) = build(&[("misc", &["title+an"])]);
        assert_eq!(detect(&bib, &text), Dialect::Biblatex);
    }

    #[test]
    fn tool_fields_are_not_evidence() {
        let (bib, text) = build(&[
            ("inproceedings", &["author", "title", "booktitle", "year", "location", "urldate", "keywords"]),
            ("patent", &["title"]),
            ("electronic", &["title"]),
        ]);
        assert_eq!(detect(&bib, &text), Dialect::Bibtex);
    }

    #[test]
    fn one_stray_field_in_a_large_file_is_trivial() {
        let mut entries: Vec<(&str, &[&str])> = vec![("article", &["author", "title"]); 38];
        entries.push(("article", &["date"]));
        let (bib, text) = build(&entries);
        assert_eq!(detect(&bib, &text), Dialect::Bibtex);
        entries.push(("article", &["langid"]));
        let (bib, text) = build(&entries);
        assert_eq!(detect(&bib, &text), Dialect::Biblatex, "2 in 40 is one in twenty");
    }

    #[test]
    fn jabref_header_decides() {
        let (bib, mut text) = build(&[("online", &["title"])]);
        text.push_str("@Comment{jabref-meta: databaseType:bibtex;}\n");
        assert_eq!(detect(&bib, &text), Dialect::Bibtex);
        let (bib, mut text) = build(&[("article", &["title"])]);
        text.push_str("@Comment{jabref-meta: databaseType:biblatex;}\n");
        assert_eq!(detect(&bib, &text), Dialect::Biblatex);
    }
}
