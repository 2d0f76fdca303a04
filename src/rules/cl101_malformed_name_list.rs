//! CL101 malformed-name-list. Docs and cases: rules/CL101-malformed-name-list/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::model::names::{split_name, NameProblem};
use crate::model::{FieldEntry, NameList, Record};
use crate::source::Span;

pub(crate) struct MalformedNameList;

static META: RuleMeta = RuleMeta {
    code: "CL101",
    name: "malformed-name-list",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL101-malformed-name-list/README.md"),
};

impl Rule for MalformedNameList {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for (entry, list) in super::namelist::bibtex_name_lists(record) {
            if list.problems.is_empty() {
                continue; // the common case
            }
            if is_blank(cx, entry, list) {
                continue; // an empty field: CL012's
            }
            // A value assembled from `@string`s: names have no exact spans, and an undefined
            // macro (CL013's) leaves `{ and }` pieces that look like empty names.
            if list.problems.iter().any(|p| p.span() == entry.raw) && cx.text(entry.raw).contains('#') {
                continue;
            }
            let field = entry.native.value.to_ascii_lowercase();
            for problem in &list.problems {
                let message = match problem {
                    NameProblem::EmptyName(span) => empty_name_message(cx, entry, list, *span, &field),
                    NameProblem::EmptyFamily(span) => {
                        if has_raw_last(cx, *span) {
                            continue; // `\Thanh`: a macro that decodes to nothing, not an empty name
                        }
                        format!("name `{}` in `{field}` has no last name", cx.text(*span).trim())
                    }
                    _ => continue,
                };
                cx.report(problem.span(), message);
            }
        }
    }
}

/// A value with no names at all and nothing but white space: reported by CL012 empty-field.
fn is_blank(cx: &Context, entry: &FieldEntry, list: &NameList) -> bool {
    list.names.is_empty()
        && list.others.is_none()
        && cx.text(entry.raw).trim_matches(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | '"')).is_empty()
}

/// Whether the name's source text has a Last part (before decoding).
fn has_raw_last(cx: &Context, span: Span) -> bool {
    let text = cx.text(span);
    split_name(text)
        .and_then(|p| p.last)
        .and_then(|r| text.get(r))
        .is_some_and(|last| !last.trim_matches(|c: char| matches!(c, '{' | '}') || c.is_whitespace()).is_empty())
}

fn empty_name_message(cx: &Context, entry: &FieldEntry, list: &NameList, span: Span, field: &str) -> String {
    let exact = span != entry.raw && cx.text(span).eq_ignore_ascii_case("and");
    if !exact {
        return format!("empty name in `{field}`");
    }
    let word = cx.text(span);
    let mut others = list.names.iter().map(|n| n.span).chain(list.others);
    let before = others.clone().any(|s| s.end <= span.start);
    let after = others.any(|s| s.start >= span.end);
    match (before, after) {
        (false, _) => format!("`{field}` starts with `{word}`: an empty name"),
        (true, false) => format!("`{field}` ends with `{word}`: an empty name"),
        (true, true) => format!("`{word}` follows another `and` in `{field}`: an empty name"),
    }
}
