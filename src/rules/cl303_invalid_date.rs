//! CL303 invalid-date. Docs and cases: rules/CL303-invalid-date/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::strings::{single_literal, Strings};
use crate::formats::ParsedFile;
use crate::model::edtf::{suggest_edtf, validate, DateError, DateSyntax};
use crate::model::tex;

pub(crate) struct InvalidDate;

static META: RuleMeta = RuleMeta {
    code: "CL303",
    name: "invalid-date",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL303-invalid-date/README.md"),
};

/// The date fields of the biblatex data model (biblatex manual §2.2.2, spec/FORMATS.md §3).
pub(crate) const DATE_FIELDS: [&str; 4] = ["date", "origdate", "eventdate", "urldate"];

impl Rule for InvalidDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let text = cx.db.get(file.file).text.as_str();
        let strings = Strings::new(bib, text);
        for entry in bib.entries() {
            for field in &entry.fields {
                let written = cx.text(field.name);
                let Some(&name) = DATE_FIELDS.iter().find(|f| written.eq_ignore_ascii_case(f)) else { continue };
                // Braces are grouping, not content; TeX is not decoded (`--` must stay `--`).
                let value = tex::strip_braces(&strings.resolve(&field.value).text);
                let value = value.trim();
                let error = match validate(DateSyntax::Edtf, value) {
                    Ok(_) | Err(DateError::Empty) => continue,
                    Err(e) => e,
                };
                let d = cx.report(field.value.span, format!("invalid date `{value}` in `{name}`: {error}"));
                if matches!(error, DateError::Malformed(_)) {
                    d.note("write `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or a range `start/end` (ISO 8601 / EDTF)");
                }
                let (Some(inner), Some(fixed)) = (single_literal(&field.value), suggest_edtf(value)) else { continue };
                d.fix(Fix::unsafe_edit(format!("Replace with `{fixed}`"), inner, fixed));
            }
        }
    }
}
