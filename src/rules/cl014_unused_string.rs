//! CL014 unused-string. Docs and cases: rules/CL014-unused-string/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::bibtex::macros::MacroIndex;
use crate::formats::bibtex::Item;
use crate::formats::ParsedFile;

pub(crate) struct UnusedString;

static META: RuleMeta = RuleMeta {
    code: "CL014",
    name: "unused-string",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL014-unused-string/README.md"),
};

impl Rule for UnusedString {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Uses in any file of the run count. A file of `@string`s only is a library of
    /// abbreviations meant for other files, and is not checked.
    fn check_run(&self, files: &[ParsedFile], cx: &mut Context) {
        let index = MacroIndex::build(cx.db, files);
        for file in files {
            let Some(bib) = file.bibtex() else { continue };
            if !bib.items.iter().any(|i| matches!(i, Item::Entry(_))) {
                continue;
            }
            for item in &bib.items {
                let Item::String(def) = item else { continue };
                for field in &def.fields {
                    let name = cx.text(field.name);
                    if index.uses.contains_key(&name.to_ascii_lowercase()) {
                        continue;
                    }
                    cx.report(field.name, format!("string `{name}` is never used"));
                }
            }
        }
    }
}
