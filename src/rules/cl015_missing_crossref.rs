//! CL015 missing-crossref. Docs and cases: rules/CL015-missing-crossref/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct MissingCrossref;

static META: RuleMeta = RuleMeta {
    code: "CL015",
    name: "missing-crossref",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL015-missing-crossref/README.md"),
};

impl Rule for MissingCrossref {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
