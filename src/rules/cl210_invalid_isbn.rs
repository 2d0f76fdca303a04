//! CL210 invalid-isbn. Docs and cases: rules/CL210-invalid-isbn/
use super::literal::literal;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::model::isbn::{parse_isbn, split_identifiers, IsbnError};
use crate::model::{Field, Record};

pub(crate) struct InvalidIsbn;

static META: RuleMeta = RuleMeta {
    code: "CL210",
    name: "invalid-isbn",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL210-invalid-isbn/README.md"),
};

impl Rule for InvalidIsbn {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for entry in record.all(Field::Isbn) {
            let (value, span) = literal(cx, entry);
            if value.is_empty() {
                continue;
            }
            let tokens = split_identifiers(value);
            if tokens.is_empty() {
                cx.report(span.unwrap_or(entry.raw), format!("`{value}` holds no ISBN"));
                continue;
            }
            for range in tokens {
                let Some(token) = value.get(range.clone()) else { continue };
                let Err(error) = parse_isbn(token) else { continue };
                let at = span.map_or(entry.raw, |s| s.within(range));
                let d = cx.report(at, format!("invalid ISBN `{token}`: {error}"));
                if error == IsbnError::LooksLikeIssn {
                    d.note("an ISSN belongs in the `issn` field");
                }
            }
        }
    }
}
