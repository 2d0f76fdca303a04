//! CL501 title-mismatch. Docs and cases: rules/CL501-title-mismatch/
use crate::diagnostic::Severity;
use crate::model::normalize::text_key;
use crate::model::Field;
use crate::rules::crossformat::{check_scalar, text_items, write_text};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct TitleMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL501",
    name: "title-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL501-title-mismatch/README.md"),
};

impl Rule for TitleMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items = text_items(work, Field::Title, |t| Some(text_key(t)));
        check_scalar(work, cx, "title", &items, Some(&write_text));
    }
}
