//! CL022 unknown-field. Docs and cases: rules/CL022-unknown-field/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct UnknownField;

static META: RuleMeta = RuleMeta {
    code: "CL022",
    name: "unknown-field",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL022-unknown-field/README.md"),
};

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
