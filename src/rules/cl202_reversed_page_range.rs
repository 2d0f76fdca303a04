//! CL202 reversed-page-range. Docs and cases: rules/CL202-reversed-page-range/
use super::cl201_page_range_separator::unbraced;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::pages::{expand_abbreviated, page_number};
use crate::model::{Field, Record, Value};

pub(crate) struct ReversedPageRange;

static META: RuleMeta = RuleMeta {
    code: "CL202",
    name: "reversed-page-range",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL202-reversed-page-range/README.md"),
};

impl Rule for ReversedPageRange {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Pages) {
            let Value::Pages(pages) = &entry.value else { continue };
            for item in &pages.items {
                let Some(end) = &item.end else { continue };
                let (start_text, end_text) = (unbraced(&item.start.value), unbraced(&end.value));
                let (Some(first), Some(last)) = (page_number(&start_text), page_number(&end_text)) else { continue };
                let Some((a, b)) = first.comparable(&last) else { continue };
                if b >= a {
                    continue;
                }
                let expanded = expand_abbreviated(&start_text, &end_text);
                let message = match &expanded {
                    Some(full) => format!(
                        "page range ends ({end_text}) before it starts ({start_text}); an abbreviated end page ({full}) is likely meant"
                    ),
                    None => format!("page range ends ({end_text}) before it starts ({start_text})"),
                };
                let exact = cx.text(end.span) == end.value && end.value == end_text;
                let d = cx.report(item.span, message);
                if let (Some(full), true) = (expanded, exact) {
                    d.fix(Fix::unsafe_edit(format!("Expand the end page to {full}"), end.span, full));
                }
            }
        }
    }
}
