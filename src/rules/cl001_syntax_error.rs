//! CL001 syntax-error. Docs and cases: rules/CL001-syntax-error/
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;

pub(crate) struct SyntaxErrorRule;

static META: RuleMeta = RuleMeta {
    code: "CL001",
    name: "syntax-error",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL001-syntax-error/README.md"),
};

impl Rule for SyntaxErrorRule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        for error in &file.syntax {
            let d = cx.report(error.span, error.message.clone());
            for (span, message) in &error.labels {
                d.label(*span, message.clone());
            }
        }
    }
}
