//! CL508 publisher-mismatch. Docs and cases: rules/CL508-publisher-mismatch/
use crate::diagnostic::Severity;
use crate::model::normalize::text_key;
use crate::model::Field;
use crate::rules::crossformat::{check_scalar, text_items, write_text};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct PublisherMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL508",
    name: "publisher-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL508-publisher-mismatch/README.md"),
};

impl Rule for PublisherMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items = text_items(work, Field::Publisher, |t| Some(text_key(t)));
        check_scalar(work, cx, "publisher", &items, Some(&write_text));
        let items = text_items(work, Field::Place, |t| Some(text_key(t)));
        check_scalar(work, cx, "place", &items, Some(&write_text));
    }
}
