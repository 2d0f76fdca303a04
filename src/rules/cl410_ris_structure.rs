//! CL410 ris-structure. Docs and cases: rules/CL410-ris-structure/
//!
//! Structure is found by the RIS parser ([`crate::formats::ris`], spec/FORMATS.md §5.1); this
//! rule words it. Malformed tag lines are those the lexer read leniently
//! ([`crate::formats::tagged`]: `AU - x`, `AU-x`, `au  - x`).
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::tagged::{LineKind, Problem, TagForm};
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct RisStructure;

static META: RuleMeta = RuleMeta {
    code: "CL410",
    name: "ris-structure",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL410-ris-structure/README.md"),
};

impl Rule for RisStructure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(ris) = file.ris() else { return };
        for problem in &ris.problems {
            report(problem, cx);
        }
        for record in &ris.records {
            let Some(ty) = record.type_field() else { continue };
            if ty.value.is_empty() {
                cx.report(ty.line, "record type is empty")
                    .note("write a RIS type after `TY  - `, such as `JOUR` or `BOOK`");
            }
        }
        for line in &ris.lines {
            let LineKind::Tag { tag, value, form: TagForm::Malformed } = line.kind else { continue };
            let written = cx.text(tag);
            let upper = written.to_ascii_uppercase();
            let head = Span::new(line.span.file, line.span.start as usize, value.start as usize);
            let replacement = format!("{upper}  - ");
            let d = cx.report(head, format!("malformed tag line `{}`", cx.text(head).trim_end()));
            d.note(format!("a RIS tag line is the tag, two spaces, a hyphen and a space: `{upper}  - `"));
            d.fix(Fix::safe_edit(format!("Write `{}`", replacement.trim_end()), head, replacement));
        }
    }
}

fn report(problem: &Problem, cx: &mut Context) {
    match problem {
        Problem::MissingType(first) => {
            cx.report(*first, "record has no `TY` line").note("a RIS record starts with `TY  - <type>`");
        }
        Problem::TypeNotFirst(ty, first) => {
            cx.report(*ty, "`TY` is not the first line of its record")
                .label(*first, "the record starts here")
                .note("`TY` must be the first tag of a record: readers start a record at `TY`");
        }
        Problem::MissingEnd(first, next) => {
            let d = cx.report(*first, "record is not closed by `ER`");
            match next {
                Some(next) => d.label(*next, "the next record starts here"),
                None => d.note("the file ends before `ER  - `"),
            };
        }
        Problem::TextOutsideRecord(span) => {
            cx.report(*span, "text after `ER` is not part of any record")
                .note("between records, lines must be blank or start a new record with `TY  - `");
        }
        Problem::StrayEnd(span) => {
            cx.report(*span, "`ER` without an open record").note("each record has exactly one `ER`, after `TY`");
        }
        _ => {}
    }
}
