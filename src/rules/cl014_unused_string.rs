//! CL014 unused-string. Docs and cases: rules/CL014-unused-string/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct UnusedString;

static META: RuleMeta = RuleMeta {
    code: "CL014",
    name: "unused-string",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL014-unused-string/README.md"),
};

impl Rule for UnusedString {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
