//! CL013 undefined-string. Docs and cases: rules/CL013-undefined-string/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::bibtex::macros::{is_predefined, MacroIndex};
use crate::formats::ParsedFile;

pub(crate) struct UndefinedString;

static META: RuleMeta = RuleMeta {
    code: "CL013",
    name: "undefined-string",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL013-undefined-string/README.md"),
};

impl Rule for UndefinedString {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// A macro counts as defined when any BibTeX file of the run defines it (a `@string`
    /// library such as `abbrev.bib` is passed to BibTeX with the file that uses it), or when
    /// the styles and biber predefine it (`jan`..`dec`, plain.bst's journal names).
    fn check_run(&self, files: &[ParsedFile], cx: &mut Context) {
        let index = MacroIndex::build(cx.db, files);
        for (name, uses) in &index.uses {
            if is_predefined(name) || index.definitions.contains_key(name) {
                continue;
            }
            for &span in uses {
                let written = cx.text(span);
                cx.report(span, format!("undefined string `{written}`"))
                    .note("BibTeX warns and uses an empty string; quote the value if it is meant literally");
            }
        }
    }
}
