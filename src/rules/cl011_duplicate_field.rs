//! CL011 duplicate-field. Docs and cases: rules/CL011-duplicate-field/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct DuplicateField;

static META: RuleMeta = RuleMeta {
    code: "CL011",
    name: "duplicate-field",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL011-duplicate-field/README.md"),
};

impl Rule for DuplicateField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
