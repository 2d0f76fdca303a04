//! CL211 isbn-checksum. Docs and cases: rules/CL211-isbn-checksum/
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::isbn::{check_char, parse_isbn, split_identifiers};
use crate::model::{Field, Record};

pub(crate) struct IsbnChecksum;

static META: RuleMeta = RuleMeta {
    code: "CL211",
    name: "isbn-checksum",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL211-isbn-checksum/README.md"),
};

impl Rule for IsbnChecksum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Isbn) {
            let (value, span) = literal(cx, entry);
            for range in split_identifiers(value) {
                let Some(token) = value.get(range.clone()) else { continue };
                let Ok(isbn) = parse_isbn(token) else { continue };
                if isbn.is_valid() {
                    continue;
                }
                let (found, expected) = (check_char(isbn.check()), check_char(isbn.expected_check()));
                let kind = if isbn.digits.len() == 10 { "ISBN-10" } else { "ISBN-13" };
                let at = span.map_or(entry.raw, |s| s.within(range.clone()));
                let d = cx.report(
                    at,
                    format!("{kind} `{token}` has check digit {found}, but its other digits call for {expected}"),
                );
                d.note("a digit may be mistyped anywhere: check the ISBN against the book");
                if let Some(s) = span {
                    let check = s.within(range.start + isbn.check_at.start..range.start + isbn.check_at.end);
                    d.fix(Fix::display_only(format!("Replace the check digit with `{expected}`"), check, expected));
                }
            }
        }
    }
}
