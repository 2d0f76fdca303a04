//! Test helpers for rules: a tiny BibTeX reader (well-formed input only) and a runner.
//!
//! The real parser lives in `formats/bibtex/parser.rs`; this one exists so that rule tests do
//! not depend on it. It reads `@type{key, name = {v} # "v" # 12 # macro, ...}` and
//! `@string/@preamble/@comment`, and panics on anything else.
#![allow(clippy::string_slice)] // reason: test code over ASCII test inputs

use crate::config::{Dialect, Settings};
use crate::diagnostic::Diagnostic;
use crate::formats::bibtex::ast::{BibFile, Delimiter, Entry, FieldAst, Item, Part, PartKind, ValueAst};
use crate::formats::{Ast, ParsedFile};
use crate::model::Format;
use crate::rules::{Context, Rule};
use crate::source::{Encoding, FileId, SourceDb, SourceFile, Span};

/// Reads well-formed BibTeX into the AST.
pub(crate) fn parse_simple(file: FileId, text: &str) -> BibFile {
    let b = text.as_bytes();
    let mut i = 0;
    let mut items = Vec::new();
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b',') {
            *i += 1;
        }
    };
    let word = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && !b[*i].is_ascii_whitespace() && !b"{}(),=#\"".contains(&b[*i]) {
            *i += 1;
        }
        Span::new(file, s, *i)
    };
    while i < b.len() {
        if b[i] != b'@' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let kind = word(&mut i);
        let kind_text = &text[kind.range()];
        assert_eq!(b[i], b'{', "test input: `{{` after the type");
        i += 1;
        let lower = kind_text.to_ascii_lowercase();
        let mut key = None;
        if lower != "string" && lower != "preamble" && lower != "comment" {
            skip_ws(&mut i);
            key = Some(word(&mut i));
        }
        let mut fields = Vec::new();
        if lower == "comment" {
            let mut depth = 1;
            while depth > 0 {
                match b[i] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
                i += 1;
            }
        }
        #[allow(clippy::while_immutable_condition)] // reason: the loop ends with `break`
        while lower != "comment" {
            skip_ws(&mut i);
            if b[i] == b'}' {
                i += 1;
                break;
            }
            let name = if lower == "preamble" { Span::new(file, i, i) } else { word(&mut i) };
            skip_ws(&mut i);
            if lower != "preamble" {
                assert_eq!(b[i], b'=', "test input: `=` after a field name");
                i += 1;
            }
            let mut parts = Vec::new();
            loop {
                skip_ws(&mut i);
                let s = i;
                let part = match b[i] {
                    b'{' => {
                        let mut depth = 0;
                        loop {
                            match b[i] {
                                b'{' => depth += 1,
                                b'}' => depth -= 1,
                                _ => {}
                            }
                            i += 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Part {
                            kind: PartKind::Braced,
                            span: Span::new(file, s, i),
                            inner: Span::new(file, s + 1, i - 1),
                        }
                    }
                    b'"' => {
                        i += 1;
                        while b[i] != b'"' {
                            i += 1;
                        }
                        i += 1;
                        Part {
                            kind: PartKind::Quoted,
                            span: Span::new(file, s, i),
                            inner: Span::new(file, s + 1, i - 1),
                        }
                    }
                    _ => {
                        let w = word(&mut i);
                        let kind = if text[w.range()].bytes().all(|c| c.is_ascii_digit()) {
                            PartKind::Number
                        } else {
                            PartKind::Macro
                        };
                        Part { kind, span: w, inner: w }
                    }
                };
                parts.push(part);
                while i < b.len() && b[i].is_ascii_whitespace() {
                    i += 1;
                }
                if b[i] == b'#' {
                    i += 1;
                } else {
                    break;
                }
            }
            let vspan = parts[0].span.cover(parts[parts.len() - 1].span);
            let comma = (b[i] == b',').then(|| Span::new(file, i, i + 1));
            let fstart = if lower == "preamble" { vspan.start as usize } else { name.start as usize };
            fields.push(FieldAst {
                span: Span::new(file, fstart, vspan.end as usize),
                name,
                value: ValueAst { span: vspan, parts },
                comma,
            });
        }
        let entry =
            Entry { span: Span::new(file, start, i), kind, delimiter: Delimiter::Braces, key, fields, closed: true };
        items.push(match lower.as_str() {
            "string" => Item::String(entry),
            "preamble" => Item::Preamble(entry),
            "comment" => Item::Comment(entry),
            _ => Item::Entry(entry),
        });
    }
    BibFile { items }
}

/// Runs `rule`'s `check_file` over `text` in `dialect`; returns the source db and diagnostics.
pub(crate) fn run(rule: &dyn Rule, text: &str, dialect: Dialect) -> (SourceDb, Vec<Diagnostic>) {
    let mut db = SourceDb::new();
    let id = db.add(SourceFile::from_text("test.bib".into(), None, text.to_owned(), Encoding::Utf8 { bom: false }));
    let bib = parse_simple(id, text);
    let file = ParsedFile {
        file: id,
        format: Format::Bibtex,
        ast: Ast::Bibtex(bib),
        syntax: Vec::new(),
        records: Vec::new(),
        dialect,
    };
    let settings = Settings::default();
    let mut cx = Context::new(&db, &settings, rule.meta());
    rule.check_file(&file, &mut cx);
    let diags = cx.into_diagnostics();
    (db, diags)
}

/// The messages of `rule` on `text`, in order.
pub(crate) fn messages(rule: &dyn Rule, text: &str, dialect: Dialect) -> Vec<String> {
    run(rule, text, dialect).1.into_iter().map(|d| d.message).collect()
}

#[test]
fn reads_the_sample() {
    let text = "@string{acl = {ACL}}\n@Article{k1, Author = {A and {B}}, year = 2020, j = acl # \" x\",}\n";
    let bib = parse_simple(FileId(0), text);
    assert_eq!(bib.items.len(), 2);
    let Item::Entry(e) = &bib.items[1] else { panic!() };
    assert_eq!(&text[e.kind.range()], "Article");
    assert_eq!(&text[e.key.unwrap().range()], "k1");
    assert_eq!(e.fields.len(), 3);
    assert_eq!(&text[e.fields[0].value.parts[0].inner.range()], "A and {B}");
    assert_eq!(e.fields[2].value.parts.len(), 2);
}
