//! CL603 unescaped-special. Docs and cases: rules/CL603-unescaped-special/
//!
//! BibTeX copies field text into the `.bbl` as it is (spec/FORMATS.md §2.2), where LaTeX reads
//! `&` as an alignment tab, `%` as a comment, `#` as a macro parameter, `_` as a subscript
//! outside math and `$` as a math shift. Only fields that styles print are judged
//! ([`is_typeset_field`]): never url, doi, eprint, file or verbatim fields, whose escaping
//! breaks links; nor verbatim arguments (`\url{...}`) and bare URLs.
use super::cl602_html_entity::entity_at;
use super::texscan::{is_typeset_field, scan, text_parts, Tok};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct UnescapedSpecial;

static META: RuleMeta = RuleMeta {
    code: "CL603",
    name: "unescaped-special",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL603-unescaped-special/README.md"),
};

impl Rule for UnescapedSpecial {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let text = cx.db.get(file.file).text.as_str();
        for part in text_parts(file, text) {
            if !part.string && !is_typeset_field(&part.field) {
                continue;
            }
            cx.set_record(part.key);
            check(part.inner, part.text, &part.field, cx);
        }
        cx.set_record(None);
    }
}

fn check(span: Span, value: &str, field: &str, cx: &mut Context) {
    let bytes = value.as_bytes();
    if memchr::memchr3(b'&', b'%', b'#', bytes).is_none() && memchr::memchr2(b'_', b'$', bytes).is_none() {
        return; // nothing this rule reports
    }
    let tokens = scan(value);
    let shifts: Vec<_> = tokens.iter().filter(|t| t.tok == Tok::MathShift).collect();
    for t in &tokens {
        let Tok::Char(c) = t.tok else { continue };
        if t.verbatim || !matches!(c, '&' | '%' | '#' | '_') || (t.math && c == '_') {
            continue;
        }
        if c == '&' && value.get(t.start..).and_then(entity_at).is_some() {
            continue; // an HTML entity: CL602's
        }
        let at = span.within(t.start..t.end);
        let d = cx.report(at, format!("unescaped `{c}` in `{field}`{}", consequence(c)));
        d.fix(Fix::safe_edit(format!("Escape it as `\\{c}`"), at, format!("\\{c}")));
    }
    if shifts.len() % 2 == 1 {
        let Some(last) = shifts.last() else { return };
        let at = span.within(last.start..last.end);
        let d = if shifts.len() == 1 {
            cx.report(at, format!("unescaped `$` in `{field}` starts math that never ends"))
        } else {
            cx.report(at, format!("odd number of `$` in `{field}`: math that never ends"))
        };
        if shifts.len() == 1 {
            d.fix(Fix::safe_edit("Escape it as `\\$`", at, "\\$"));
        } else {
            d.note("which `$` is meant literally cannot be told: escape it as `\\$`");
        }
    }
}

fn consequence(c: char) -> &'static str {
    match c {
        '&' => ": LaTeX reads it as an alignment tab (\"Misplaced alignment tab character &\")",
        '%' => ": LaTeX drops the rest of the line as a comment",
        '#' => ": LaTeX reads it as a macro parameter",
        _ => ": LaTeX allows it only in math (\"Missing $ inserted\")",
    }
}
