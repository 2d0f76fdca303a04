//! CL221 doi-as-url. Docs and cases: rules/CL221-doi-as-url/
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::doi::{percent_decode, prefix_len};
use crate::model::{Field, Record};

pub(crate) struct DoiAsUrl;

static META: RuleMeta = RuleMeta {
    code: "CL221",
    name: "doi-as-url",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL221-doi-as-url/README.md"),
};

impl Rule for DoiAsUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Doi) {
            let (value, span) = literal(cx, entry);
            let Some(len) = prefix_len(value) else { continue };
            let (Some(prefix), Some(doi)) = (value.get(..len), value.get(len..)) else { continue };
            let prefix = prefix.trim_end();
            let label = if prefix.contains('/') { "resolver URL" } else { "label" };
            let d = cx.report(
                span.map_or(entry.raw, |s| s.within(0..len)),
                format!("DOI written with the {label} `{prefix}`: the `doi` field holds the bare DOI"),
            );
            let Some(s) = span else { continue };
            if doi.contains('%') {
                // The URL form percent-encodes characters such as `(`: the bare DOI has them decoded.
                let bare = percent_decode(doi);
                d.fix(Fix::unsafe_edit(format!("Replace with the bare DOI `{bare}`"), s, bare));
            } else {
                d.fix(Fix::safe_deletion(format!("Remove `{prefix}`"), s.within(0..len)));
            }
        }
    }
}
