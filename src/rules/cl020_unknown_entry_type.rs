//! CL020 unknown-entry-type. Docs and cases: rules/CL020-unknown-entry-type/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct UnknownEntryType;

static META: RuleMeta = RuleMeta {
    code: "CL020",
    name: "unknown-entry-type",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL020-unknown-entry-type/README.md"),
};

impl Rule for UnknownEntryType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
