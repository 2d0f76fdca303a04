//! CL012 empty-field. Docs and cases: rules/CL012-empty-field/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct EmptyField;

static META: RuleMeta = RuleMeta {
    code: "CL012",
    name: "empty-field",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: false,
    doc: include_str!("../../rules/CL012-empty-field/README.md"),
};

impl Rule for EmptyField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
