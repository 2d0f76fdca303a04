//! CL021 missing-required-field. Docs and cases: rules/CL021-missing-required-field/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct MissingRequiredField;

static META: RuleMeta = RuleMeta {
    code: "CL021",
    name: "missing-required-field",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL021-missing-required-field/README.md"),
};

impl Rule for MissingRequiredField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
