//! CL601 unprotected-capitals. Docs and cases: rules/CL601-unprotected-capitals/
//!
//! Styles lower-case titles with `change.case$` ("t": the first character and the first
//! character after `: ` keep their case, btxdoc §5; biblatex's `\MakeSentenceCase*` does the
//! same), except text at brace depth >= 1 (spec/FORMATS.md §2.2). A word with a capital after
//! its first letter (`BERT`, `GPUs`, `LaTeX`, `iPhone`, `3D`) is then printed wrong ("Bert",
//! "gpus", "latex"). A capitalised ordinary word (`Spanish`) cannot be told from one that may
//! be lower-cased, so only those "clear" words are reported.
use super::texscan::{scan, Tok, Token};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::PartKind;
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct UnprotectedCapitals;

/// Entry types whose title the standard styles print with `format.btitle`, without changing
/// its case (plain.bst: book, inbook, manual, phdthesis, proceedings), and their biblatex
/// relatives.
const BOOK_TITLES: &[&str] = &[
    "book",
    "inbook",
    "manual",
    "phdthesis",
    "proceedings",
    "mvbook",
    "bookinbook",
    "collection",
    "mvcollection",
    "mvproceedings",
    "periodical",
    "reference",
    "mvreference",
];

static META: RuleMeta = RuleMeta {
    code: "CL601",
    name: "unprotected-capitals",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: true,
    doc: include_str!("../../rules/CL601-unprotected-capitals/README.md"),
};

impl Rule for UnprotectedCapitals {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        let fields = cx.settings.option_strings("CL601", "fields").unwrap_or_else(|| vec!["title".to_owned()]);
        for entry in bib.entries() {
            let kind = text.get(entry.kind.range()).unwrap_or("").to_ascii_lowercase();
            if BOOK_TITLES.contains(&kind.as_str()) {
                continue;
            }
            cx.set_record(entry.key.and_then(|k| text.get(k.range())));
            for field in &entry.fields {
                let name = text.get(field.name.range()).unwrap_or("").to_ascii_lowercase();
                if !fields.iter().any(|f| f.eq_ignore_ascii_case(&name)) {
                    continue;
                }
                let mut at_start = true;
                for part in &field.value.parts {
                    if !matches!(part.kind, PartKind::Braced | PartKind::Quoted) {
                        at_start = false;
                        continue;
                    }
                    let Some(value) = text.get(part.inner.range()) else { continue };
                    check(part.inner, value, &name, at_start, cx);
                    at_start = false;
                }
            }
        }
        cx.set_record(None);
    }
}

fn is_plain(t: &Token) -> bool {
    matches!(t.tok, Tok::Char(_)) && t.depth == 0 && !t.math && !t.verbatim
}

fn check(span: Span, value: &str, field: &str, at_start: bool, cx: &mut Context) {
    let tokens = scan(value);
    // A title with no lower-case letter of its own (all capitals, or all braced) is left alone.
    if !tokens.iter().any(|t| is_plain(t) && matches!(t.tok, Tok::Char(c) if c.is_lowercase())) {
        return;
    }
    let mut keep_next = at_start;
    let mut run: Vec<&Token> = Vec::new();
    let mut last_visible: Option<char> = None;
    for t in tokens.iter().chain(std::iter::once(&Token {
        start: value.len(),
        end: value.len(),
        tok: Tok::Char(' '),
        depth: 0,
        math: false,
        verbatim: false,
    })) {
        let space = matches!(t.tok, Tok::Char(c) if c.is_whitespace() || c == '~');
        if !space {
            run.push(t);
            continue;
        }
        if !run.is_empty() {
            let keeps = keep_next;
            keep_next = false;
            if run.iter().all(|t| is_plain(t)) {
                check_word(span, value, &run, keeps, field, cx);
            }
            last_visible = run.last().and_then(|t| if let Tok::Char(c) = t.tok { Some(c) } else { None });
            run.clear();
        }
        if last_visible == Some(':') {
            keep_next = true;
        }
    }
}

/// Reports the alphanumeric pieces of one plain word (`GPT-3` -> `GPT`, `BERT's` -> `BERT`).
fn check_word(span: Span, value: &str, run: &[&Token], mut keeps_first: bool, field: &str, cx: &mut Context) {
    let mut i = 0;
    while i < run.len() {
        let alnum = |t: &&Token| matches!(t.tok, Tok::Char(c) if c.is_alphanumeric());
        let Some(start) = run.get(i..).and_then(|r| r.iter().position(alnum)).map(|p| p + i) else { return };
        let len = run.get(start..).map_or(0, |r| r.iter().take_while(|t| alnum(t)).count());
        let piece = run.get(start..start + len).unwrap_or(&[]);
        i = start + len.max(1);
        let first_of_word = keeps_first;
        keeps_first = false;
        let (Some(first), Some(last)) = (piece.first(), piece.last()) else { continue };
        let clear = piece.iter().skip(1).any(|t| matches!(t.tok, Tok::Char(c) if c.is_uppercase()));
        if !clear {
            continue;
        }
        let Some(word) = value.get(first.start..last.end) else { continue };
        let shown = lowered(word, first_of_word);
        let at = span.within(first.start..last.end);
        let d = cx.report(
            at,
            format!("`{word}` in `{field}` is not protected by braces: styles that change case print `{shown}`"),
        );
        d.fix(Fix::safe_edit(format!("Protect it as `{{{word}}}`"), at, format!("{{{word}}}")));
    }
}

fn lowered(word: &str, keep_first: bool) -> String {
    let mut chars = word.chars();
    let mut out = String::new();
    if keep_first {
        if let Some(c) = chars.next() {
            out.push(c);
        }
    }
    out.extend(chars.flat_map(char::to_lowercase));
    out
}
