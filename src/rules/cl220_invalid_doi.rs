//! CL220 invalid-doi. Docs and cases: rules/CL220-invalid-doi/
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::model::doi::{prefix_len, unescape, validate, DoiError};
use crate::model::{Field, Record};

pub(crate) struct InvalidDoi;

static META: RuleMeta = RuleMeta {
    code: "CL220",
    name: "invalid-doi",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL220-invalid-doi/README.md"),
};

impl Rule for InvalidDoi {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Doi) {
            let (value, span) = literal(cx, entry);
            if value.is_empty() {
                continue;
            }
            // A resolver prefix is CL221's finding: the DOI after it is checked here.
            let skip = prefix_len(value).unwrap_or(0);
            let Some(written) = value.get(skip..) else { continue };
            let doi = unescape(written);
            let Err(error) = validate(&doi) else { continue };
            let at = span.map_or(entry.raw, |s| s.within(skip..value.len()));
            let lower = written.to_ascii_lowercase();
            let wrapper = [r"\url{", r"\href{", r"\doi{"].into_iter().find(|w| written.starts_with(w));
            let message = if let Some(w) = wrapper {
                format!("invalid DOI `{written}`: the DOI is wrapped in `{w}...}}`; write it bare")
            } else if error == DoiError::Directory && (lower.starts_with("http://") || lower.starts_with("https://")) {
                format!("invalid DOI `{written}`: this is a URL, not a DOI")
            } else {
                format!("invalid DOI `{written}`: {error}")
            };
            let d = cx.report(at, message);
            if error == DoiError::Directory {
                if let Some(at) = doi.find("10.") {
                    if let Some(inner) = doi.get(at..).filter(|d| validate(d).is_ok()) {
                        d.note(format!("the DOI may be `{inner}`"));
                    }
                }
            }
        }
    }
}
