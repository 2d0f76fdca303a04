//! CL503 author-order-mismatch. Docs and cases: rules/CL503-author-order-mismatch/
use crate::diagnostic::Severity;
use crate::model::Field;
use crate::rules::crossformat::{check_order, name_items};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct AuthorOrderMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL503",
    name: "author-order-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL503-author-order-mismatch/README.md"),
};

impl Rule for AuthorOrderMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        check_order(work, cx, "author", &name_items(work, Field::Author));
    }
}
