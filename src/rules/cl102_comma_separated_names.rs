//! CL102 comma-separated-names. Docs and cases: rules/CL102-comma-separated-names/
use super::namelist::{list_shape, name_source, top_level_commas};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::{Applicability, Edit, Fix};
use crate::model::Record;
use crate::source::Span;

pub(crate) struct CommaSeparatedNames;

static META: RuleMeta = RuleMeta {
    code: "CL102",
    name: "comma-separated-names",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL102-comma-separated-names/README.md"),
};

impl Rule for CommaSeparatedNames {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for (entry, list) in super::namelist::bibtex_name_lists(record) {
            for name in &list.names {
                let Some(text) = name_source(cx, entry, name) else { continue };
                let Some(shape) = list_shape(text) else { continue };
                let separators = shape.separators(text);
                let count = separators.len() + 1;
                let field = entry.native.value.to_ascii_lowercase();
                let d = cx.report(
                    name.span,
                    format!(
                        "`{text}` looks like {count} names separated by commas; `{field}` separates names with `and`"
                    ),
                );
                let mut edits: Vec<Edit> = separators
                    .iter()
                    .map(|&c| {
                        let rest = text.get(c + 1..).unwrap_or("");
                        let spaces = rest.len() - rest.trim_start().len();
                        Edit { span: sub(name.span, c, c + 1 + spaces), replacement: " and ".to_owned() }
                    })
                    .collect();
                // A stray comma before the next ` and ` (`A. Smith, B. Jones, and C. Lee`).
                if let Some(last) = top_level_commas(text).last() {
                    if text.trim_end().len() == last + 1 {
                        edits.push(Edit { span: sub(name.span, last, last + 1), replacement: String::new() });
                    }
                }
                if text.contains('&') {
                    continue; // `A. Smith, & B. Jones`: the fix would leave the `&`
                }
                d.fix(Fix {
                    title: "Replace the commas between names with ` and `".to_owned(),
                    applicability: Applicability::Unsafe,
                    edits,
                });
            }
        }
    }
}

fn sub(span: Span, start: usize, end: usize) -> Span {
    span.within(start..end)
}
