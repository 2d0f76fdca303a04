//! CL509 identifier-mismatch. Docs and cases: rules/CL509-identifier-mismatch/
use crate::diagnostic::Severity;
use crate::model::normalize::{doi_key, isbn_key, issn_key, url_key};
use crate::model::Field;
use crate::rules::crossformat::{carries, check_scalar, text_items, write_text, Scalar};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct IdentifierMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL509",
    name: "identifier-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL509-identifier-mismatch/README.md"),
};

impl Rule for IdentifierMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        check_scalar(work, cx, "DOI", &text_items(work, Field::Doi, doi_key), Some(&write_text));
        check_scalar(work, cx, "ISBN", &text_items(work, Field::Isbn, isbn_key), Some(&write_text));
        check_scalar(work, cx, "ISSN", &text_items(work, Field::Issn, issn_key), Some(&write_text));
        // URLs: the first that is not a DOI resolver link (EndNote adds `https://doi.org/..`).
        let urls: Vec<Scalar> = work
            .records
            .iter()
            .filter(|r| carries(r.format, "url"))
            .filter_map(|r| {
                r.all(Field::Url).find_map(|e| {
                    let t = e.value.text()?;
                    let key = url_key(t)?;
                    Some(Scalar { record: r, key, shown: t.to_owned(), span: e.raw })
                })
            })
            .collect();
        check_scalar(work, cx, "URL", &urls, Some(&write_text));
    }
}
