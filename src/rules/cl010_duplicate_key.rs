//! CL010 duplicate-key. Docs and cases: rules/CL010-duplicate-key/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct DuplicateKey;

static META: RuleMeta = RuleMeta {
    code: "CL010",
    name: "duplicate-key",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL010-duplicate-key/README.md"),
};

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
