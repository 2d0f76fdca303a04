//! CL011 duplicate-field. Docs and cases: rules/CL011-duplicate-field/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::edit::field_deletion;
use crate::formats::ParsedFile;

pub(crate) struct DuplicateField;

static META: RuleMeta = RuleMeta {
    code: "CL011",
    name: "duplicate-field",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL011-duplicate-field/README.md"),
};

impl Rule for DuplicateField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// BibTeX keeps the first of two fields of one name ("I'm ignoring X's extra "title"
    /// field"); biber keeps the first too (FORMATS §2.2).
    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        for entry in bib.entries() {
            for (i, field) in entry.fields.iter().enumerate() {
                let name = cx.text(field.name);
                let Some(first) = entry
                    .fields
                    .get(..i)
                    .and_then(|before| before.iter().find(|f| cx.text(f.name).eq_ignore_ascii_case(name)))
                else {
                    continue;
                };
                let same = cx.text(first.value.span) == cx.text(field.value.span);
                let d = cx.report(field.name, format!("duplicate field `{}`", name.to_ascii_lowercase()));
                d.label(first.name, "first given here; BibTeX and biber keep this one");
                if same {
                    if let Some(span) = field_deletion(entry, i, text) {
                        d.fix(Fix::safe_deletion(format!("Remove the repeated `{name}` field"), span));
                    }
                } else {
                    d.note("the values differ: keep the right one by hand");
                }
            }
        }
    }
}
