//! CL506 pages-mismatch. Docs and cases: rules/CL506-pages-mismatch/
use crate::diagnostic::Severity;
use crate::fix::Edit;
use crate::model::normalize::pages_key;
use crate::model::PageRange;
use crate::rules::crossformat::{carries, check_scalar, Scalar};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct PagesMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL506",
    name: "pages-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL506-pages-mismatch/README.md"),
};

fn shown(p: &PageRange) -> String {
    match &p.end {
        Some(e) => format!("{}–{}", p.start.value.trim(), e.value.trim()),
        None => p.start.value.trim().to_owned(),
    }
}

/// Rewrites the first and last page numbers in place: the separator stays the format's own.
fn write_pages(cx: &Context, item: &Scalar, reference: &Scalar) -> Option<Vec<Edit>> {
    let here = item.record.pages()?;
    let there = reference.record.pages()?;
    let mut edits = Vec::new();
    let mut put = |old: &crate::source::Spanned<String>, new: &str| -> Option<()> {
        if cx.text(old.span).trim() != old.value.trim() {
            return None;
        }
        if old.value.trim() != new.trim() {
            edits.push(Edit { span: old.span, replacement: new.trim().to_owned() });
        }
        Some(())
    };
    put(&here.start, &there.start.value)?;
    match (&here.end, &there.end) {
        (Some(a), Some(b)) => put(a, &b.value)?,
        (None, None) => {}
        _ => return None,
    }
    (!edits.is_empty()).then_some(edits)
}

impl Rule for PagesMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let items: Vec<Scalar> = work
            .records
            .iter()
            .filter(|r| carries(r.format, "pages"))
            .filter_map(|r| {
                let p = r.pages()?;
                let key = pages_key(p);
                (!key.is_empty()).then(|| Scalar { record: r, key, shown: shown(p), span: p.span })
            })
            .collect();
        check_scalar(work, cx, "pages", &items, Some(&write_pages));
    }
}
