//! CL440 malformed-citation-text. Docs and cases: rules/CL440-malformed-citation-text/
//!
//! The problems are found by the citation-line parsers ([`crate::formats::citation`],
//! spec/FORMATS.md §7.4-7.5); this rule words them.
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;

pub(crate) struct MalformedCitationText;

static META: RuleMeta = RuleMeta {
    code: "CL440",
    name: "malformed-citation-text",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL440-malformed-citation-text/README.md"),
};

impl Rule for MalformedCitationText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(citations) = file.citation() else { return };
        let what = match file.format {
            crate::model::Format::Markdown => "Markdown citation",
            _ => "ACL citation",
        };
        for problem in &citations.problems {
            let d = cx.report(problem.span, format!("malformed {what}: {}", problem.message));
            d.note(match file.format {
                crate::model::Format::Markdown => {
                    "a Markdown citation reads `[Title](URL) (Name et al., VENUE YEAR)` (spec/FORMATS.md §7.5)"
                }
                _ => "an ACL citation reads `Authors. YEAR. Title. In Booktitle, pages X–Y, Address. Publisher.`",
            });
        }
    }
}
