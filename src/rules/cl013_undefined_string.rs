//! CL013 undefined-string. Docs and cases: rules/CL013-undefined-string/
use super::{FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;

pub(crate) struct UndefinedString;

static META: RuleMeta = RuleMeta {
    code: "CL013",
    name: "undefined-string",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL013-undefined-string/README.md"),
};

impl Rule for UndefinedString {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}
