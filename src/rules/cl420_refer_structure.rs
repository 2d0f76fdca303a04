//! CL420 refer-structure. Docs and cases: rules/CL420-refer-structure/
//!
//! Structure is found by the Refer parser ([`crate::formats::refer`], spec/FORMATS.md §4.1),
//! which also defines a continuation line; the `%0` types are rules/data/refer-types.tsv
//! (FORMATS §4.3).
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::tagged::{refer_types, LineKind, Problem, TagForm};
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct ReferStructure;

static META: RuleMeta = RuleMeta {
    code: "CL420",
    name: "refer-structure",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL420-refer-structure/README.md"),
};

impl Rule for ReferStructure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(refer) = file.refer() else { return };
        for problem in &refer.problems {
            report(problem, cx);
        }
        for line in &refer.lines {
            let LineKind::Tag { tag, form: TagForm::Malformed, .. } = line.kind else { continue };
            let written = cx.text(tag);
            let d = cx.report(tag, format!("tag `{written}` is not followed by a space"));
            d.note("a Refer tag line is `%`, one character, a space and the value");
            d.fix(Fix::safe_edit(format!("Insert a space after `{written}`"), tag, format!("{written} ")));
        }
        for record in &refer.records {
            let Some(ty) = record.type_field() else { continue };
            let kind = cx.text(ty.value);
            if kind.is_empty() {
                cx.report(ty.line, "record type is empty").note("write one of EndNote's reference types after `%0 `");
                continue;
            }
            if refer_types().contains(&kind) {
                continue;
            }
            let d = cx.report(ty.value, format!("unknown reference type `{kind}`"));
            match refer_types().iter().find(|t| t.eq_ignore_ascii_case(kind)) {
                Some(known) => {
                    d.fix(Fix::unsafe_edit(format!("Replace with `{known}`"), ty.value, *known));
                }
                None => {
                    d.note("EndNote imports an unknown type as `Generic`");
                }
            }
        }
    }
}

fn report(problem: &Problem, cx: &mut Context) {
    match problem {
        Problem::MissingType(first) => {
            cx.report(*first, "record has no `%0` line").note("a Refer record starts with `%0 <reference type>`");
        }
        Problem::TypeNotFirst(ty, first) => {
            let ty_head = Span::new(ty.file, ty.start as usize, (ty.start as usize + 2).min(ty.end as usize));
            cx.report(ty_head, "`%0` is not the first line of its record")
                .label(*first, "the record starts here")
                .note("EndNote reads the type from the first line; the lines before it are read as a record of the default type");
        }
        Problem::TextOutsideRecord(span) => {
            cx.report(*span, "line is neither a tag nor a continuation").note(
                "a continuation line follows a tag line of the same record; after a blank line a record starts with `%0`",
            );
        }
        Problem::MissingEnd(first, next) => {
            let d = cx.report(*first, "record is not followed by a blank line");
            if let Some(next) = next {
                d.label(*next, "the next record starts here");
            }
            d.note("Refer records are separated by a blank line; some readers join these records into one");
        }
        Problem::NotATag(span) => {
            cx.report(*span, "line starts with `%` but is not a tag")
                .note("a tag is `%` and one character, then a space");
        }
        _ => {}
    }
}
