//! CL103 too-many-commas-in-name. Docs and cases: rules/CL103-too-many-commas-in-name/
use super::namelist::{is_extended_name, list_shape, name_source};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::model::names::NameProblem;
use crate::model::Record;

pub(crate) struct TooManyCommasInName;

static META: RuleMeta = RuleMeta {
    code: "CL103",
    name: "too-many-commas-in-name",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL103-too-many-commas-in-name/README.md"),
};

impl Rule for TooManyCommasInName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for (entry, list) in super::namelist::bibtex_name_lists(record) {
            for problem in &list.problems {
                let NameProblem::TooManyCommas(span, count) = problem else { continue };
                let name = list.names.iter().find(|n| n.span == *span);
                let text = name.and_then(|n| name_source(cx, entry, n));
                // A list written with commas is CL102's (comma-separated-names).
                // BibLaTeX's extended name format has its own commas.
                if text.is_some_and(|t| list_shape(t).is_some() || is_extended_name(t)) {
                    continue;
                }
                let shown = text.unwrap_or_else(|| cx.text(*span));
                let d = cx.report(*span, format!("name `{shown}` has {count} commas; a name has at most 2"));
                d.note("BibTeX reads `von Last, Jr, First`: it ignores the commas after the second");
            }
        }
    }
}
