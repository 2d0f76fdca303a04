//! CL504 editor-mismatch. Docs and cases: rules/CL504-editor-mismatch/
use crate::diagnostic::Severity;
use crate::model::Field;
use crate::rules::crossformat::{check_membership, check_order, name_items};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct EditorMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL504",
    name: "editor-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL504-editor-mismatch/README.md"),
};

impl Rule for EditorMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items = name_items(work, Field::Editor);
        check_membership(work, cx, "editor", &items);
        check_order(work, cx, "editor", &items);
    }
}
