//! CL040 unused-suppression. Docs and cases: rules/CL040-unused-suppression/
//!
//! The engine calls [`report`] after inline suppressions were applied: only then is it known
//! which of them suppressed something.
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::suppress::{Unused, UnusedReason};

pub(crate) struct UnusedSuppression;

pub(crate) static META: RuleMeta = RuleMeta {
    code: "CL040",
    name: "unused-suppression",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: false,
    doc: include_str!("../../rules/CL040-unused-suppression/README.md"),
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
}

/// Reports every selector that suppressed nothing, with a safe fix removing it.
pub(crate) fn report(unused: &[Unused], cx: &mut Context) {
    for u in unused {
        let name = &u.selector.value;
        let message = match u.reason {
            UnusedReason::UnknownRule => format!("`{name}` in a suppression names no rule"),
            UnusedReason::NotEnabled => format!("unused suppression of `{name}`: the rule is not enabled"),
            UnusedReason::NothingSuppressed => format!("unused suppression of `{name}`: nothing to suppress here"),
        };
        let title = if u.removal.contains(u.selector.span) && u.removal.len() > u.selector.span.len() + 2 {
            "Remove the suppression comment".to_owned()
        } else {
            format!("Remove `{name}` from the suppression")
        };
        cx.report(u.selector.span, message).fix(Fix::safe_deletion(title, u.removal));
    }
}
