//! CL215 issn-checksum. Docs and cases: rules/CL215-issn-checksum/
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::model::isbn::{check_char, parse_issn, split_identifiers};
use crate::model::{Field, Record};

pub(crate) struct IssnChecksum;

static META: RuleMeta = RuleMeta {
    code: "CL215",
    name: "issn-checksum",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL215-issn-checksum/README.md"),
};

impl Rule for IssnChecksum {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Issn) {
            let (value, span) = literal(cx, entry);
            if value.is_empty() {
                continue;
            }
            let tokens = split_identifiers(value);
            if tokens.is_empty() {
                cx.report(span.unwrap_or(entry.raw), format!("`{value}` holds no ISSN"));
                continue;
            }
            for range in tokens {
                let Some(token) = value.get(range.clone()) else { continue };
                let at = span.map_or(entry.raw, |s| s.within(range.clone()));
                let issn = match parse_issn(token) {
                    Ok(issn) if issn.is_valid() => continue,
                    Ok(issn) => issn,
                    Err(error) => {
                        cx.report(at, format!("invalid ISSN `{token}`: {error}"));
                        continue;
                    }
                };
                let (found, expected) = (check_char(issn.check()), check_char(issn.expected_check()));
                let d = cx.report(
                    at,
                    format!("ISSN `{token}` has check digit {found}, but its other digits call for {expected}"),
                );
                d.note("a digit may be mistyped anywhere: check the ISSN against the ISSN Portal");
                if let Some(s) = span {
                    let check = s.within(range.start + issn.check_at.start..range.start + issn.check_at.end);
                    d.fix(Fix::display_only(format!("Replace the check digit with `{expected}`"), check, expected));
                }
            }
        }
    }
}
