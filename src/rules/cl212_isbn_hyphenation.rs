//! CL212 isbn-hyphenation. Docs and cases: rules/CL212-isbn-hyphenation/
//!
//! Hyphen positions come from the ISBN range table of the `isbn` crate (RangeMessage.xml of
//! 2 Nov 2026), through [`crate::model::isbn::Isbn::hyphenated`].
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::isbn::{parse_isbn, split_identifiers};
use crate::model::{Field, Record};

pub(crate) struct IsbnHyphenation;

static META: RuleMeta = RuleMeta {
    code: "CL212",
    name: "isbn-hyphenation",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL212-isbn-hyphenation/README.md"),
};

impl Rule for IsbnHyphenation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Isbn) {
            let (value, span) = literal(cx, entry);
            for range in split_identifiers(value) {
                let Some(token) = value.get(range.clone()) else { continue };
                if !token.contains('-') {
                    continue;
                }
                let Some(canonical) = parse_isbn(token).ok().and_then(|i| i.hyphenated()) else { continue };
                if token.replace(['{', '}'], "").eq_ignore_ascii_case(&canonical) {
                    continue;
                }
                let at = span.map_or(entry.raw, |s| s.within(range.clone()));
                let d =
                    cx.report(at, format!("ISBN `{token}` is hyphenated wrongly: the range table gives `{canonical}`"));
                if let Some(s) = span {
                    d.fix(Fix::safe_edit(format!("Hyphenate as `{canonical}`"), s.within(range), canonical));
                }
            }
        }
    }
}
