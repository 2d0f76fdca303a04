//! CL502 author-mismatch. Docs and cases: rules/CL502-author-mismatch/
use crate::diagnostic::Severity;
use crate::model::Field;
use crate::rules::crossformat::{check_membership, name_items};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct AuthorMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL502",
    name: "author-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL502-author-mismatch/README.md"),
};

impl Rule for AuthorMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        check_membership(work, cx, "author", &name_items(work, Field::Author));
    }
}
