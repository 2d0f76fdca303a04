//! CL507 container-mismatch. Docs and cases: rules/CL507-container-mismatch/
use crate::diagnostic::Severity;
use crate::model::normalize::text_key;
use crate::model::Field;
use crate::rules::crossformat::{check_scalar, text_items, write_text};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct ContainerMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL507",
    name: "container-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL507-container-mismatch/README.md"),
};

impl Rule for ContainerMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items = text_items(work, Field::ContainerTitle, |t| Some(text_key(t)));
        check_scalar(work, cx, "container title", &items, Some(&write_text));
    }
}
