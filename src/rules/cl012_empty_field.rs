//! CL012 empty-field. Docs and cases: rules/CL012-empty-field/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::edit::field_deletion;
use crate::formats::bibtex::PartKind;
use crate::formats::ParsedFile;

pub(crate) struct EmptyField;

static META: RuleMeta = RuleMeta {
    code: "CL012",
    name: "empty-field",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: false,
    doc: include_str!("../../rules/CL012-empty-field/README.md"),
};

impl Rule for EmptyField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        for entry in bib.entries() {
            for (i, field) in entry.fields.iter().enumerate() {
                let empty = !field.value.parts.is_empty()
                    && field.value.parts.iter().all(|p| {
                        matches!(p.kind, PartKind::Braced | PartKind::Quoted) && cx.text(p.inner).trim().is_empty()
                    });
                if !empty {
                    continue;
                }
                let name = cx.text(field.name);
                let d = cx.report(field.span, format!("field `{}` is empty", name.to_ascii_lowercase()));
                if let Some(span) = field_deletion(entry, i, text) {
                    d.fix(Fix::safe_deletion(format!("Remove the empty `{name}` field"), span));
                }
            }
        }
    }
}
