//! CL104 literal-et-al. Docs and cases: rules/CL104-literal-et-al/
//!
//! BibTeX's "et al." is the name `others` (spec/FORMATS.md §2.4; btxdoc §4): styles print
//! "et al." for it, biblatex sets `\ifmorenames`. A written `et al.` is read as a name part.
use super::namelist::{et_al_start, name_source};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::Record;

pub(crate) struct LiteralEtAl;

static META: RuleMeta = RuleMeta {
    code: "CL104",
    name: "literal-et-al",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL104-literal-et-al/README.md"),
};

impl Rule for LiteralEtAl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for (entry, list) in super::namelist::bibtex_name_lists(record) {
            let count = list.names.len();
            for (i, name) in list.names.iter().enumerate() {
                let Some(text) = name_source(cx, entry, name) else { continue };
                let Some(at) = et_al_start(text) else { continue };
                let field = entry.native.value.to_ascii_lowercase();
                let written = text.get(at..).unwrap_or("").to_owned();
                let span = name.span.within(at..text.len());
                let d =
                    cx.report(span, format!("`{written}` written into `{field}`; BibTeX's \"et al.\" is `and others`"));
                if i + 1 != count || list.others.is_some() {
                    continue; // `others` must be last and single: no fix in the middle of a list
                }
                let head = text.get(..at).unwrap_or("").trim_end().trim_end_matches(',').trim_end();
                let fix = if head.is_empty() {
                    // `Smith and et al.`: the name itself becomes `others`.
                    Fix::safe_edit(format!("Replace `{written}` with `others`"), name.span, "others")
                } else {
                    let cut = name.span.within(head.len()..text.len());
                    Fix::safe_edit(format!("Replace `{written}` with `and others`"), cut, " and others")
                };
                d.fix(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::namelist::et_al_start;

    #[test]
    fn written_et_al() {
        assert_eq!(et_al_start("Smith, John et al."), Some(12));
        assert_eq!(et_al_start("J. Smith et. al."), Some(9));
        assert_eq!(et_al_start("Smith et~al"), Some(6));
        assert_eq!(et_al_start("et al."), Some(0));
        assert_eq!(et_al_start("al."), Some(0));
        assert_eq!(et_al_start("{et al.}"), Some(0));
        assert_eq!(et_al_start("Smith, John"), None);
        assert_eq!(et_al_start("Al, Mohammed"), None);
        assert_eq!(et_al_start("Ahmad Al"), None);
        assert_eq!(et_al_start("Vidal, Al"), None);
        assert_eq!(et_al_start("Al"), None);
    }
}
