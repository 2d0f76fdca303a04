//! CL505 date-mismatch. Docs and cases: rules/CL505-date-mismatch/
use crate::diagnostic::Severity;
use crate::fix::Edit;
use crate::rules::crossformat::{bare, carries, check_scalar, Scalar};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::works::Work;

pub(crate) struct DateMismatch;

static META: RuleMeta = RuleMeta {
    code: "CL505",
    name: "date-mismatch",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL505-date-mismatch/README.md"),
};

fn month_name(m: u8) -> &'static str {
    crate::model::date::month_name(u32::from(m)).unwrap_or("?")
}

/// Month `m` written the way `old` writes months: `07`, `7`, `jul`, `Jul`, `July`, `july`.
fn month_like(old: &str, m: u8) -> String {
    let name = month_name(m);
    if old.bytes().all(|b| b.is_ascii_digit()) {
        return if old.len() == 2 { format!("{m:02}") } else { m.to_string() };
    }
    let lower = old.chars().next().is_some_and(char::is_lowercase);
    let word: String = if old.chars().count() <= 3 { name.chars().take(3).collect() } else { name.to_owned() };
    if lower {
        word.to_lowercase()
    } else {
        word
    }
}

/// Replaces the bare value of a span (inside any quotes or braces) when it is exactly `old`.
fn replace_bare(cx: &Context, item: &Scalar, old: &str, new: &str) -> Option<Vec<Edit>> {
    let text = cx.text(item.span);
    let b = bare(text);
    if b != old {
        return None;
    }
    Some(vec![Edit { span: item.span, replacement: text.replacen(b, new, 1) }])
}

impl Rule for DateMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        let dated = || work.records.iter().filter_map(|r| Some((*r, r.issued()?)));
        let years: Vec<Scalar> = dated()
            .filter(|(r, _)| carries(r.format, "issued"))
            .filter_map(|(r, d)| {
                let y = d.year.as_ref()?;
                Some(Scalar { record: r, key: y.value.to_string(), shown: y.value.to_string(), span: y.span })
            })
            .collect();
        check_scalar(
            work,
            cx,
            "year",
            &years,
            Some(&|cx, item, reference| replace_bare(cx, item, &item.shown, &reference.shown)),
        );
        // A format without a month is not a mismatch: only records with one are compared.
        let months: Vec<Scalar> = dated()
            .filter(|(r, _)| carries(r.format, "month"))
            .filter_map(|(r, d)| {
                let m = d.month.as_ref()?;
                Some(Scalar {
                    record: r,
                    key: m.value.to_string(),
                    shown: month_name(m.value).to_owned(),
                    span: m.span,
                })
            })
            .collect();
        check_scalar(
            work,
            cx,
            "month",
            &months,
            Some(&|cx, item, reference| {
                let text = cx.text(item.span);
                let old = bare(text);
                let m = reference.key.parse::<u8>().ok()?;
                (crate::model::date::parse_month(old)?.to_string() == item.key)
                    .then(|| replace_bare(cx, item, old, &month_like(old, m)))
                    .flatten()
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::month_like;

    #[test]
    fn months_keep_their_style() {
        assert_eq!(month_like("jul", 8), "aug");
        assert_eq!(month_like("July", 8), "August");
        assert_eq!(month_like("June", 7), "July");
        assert_eq!(month_like("07", 8), "08");
        assert_eq!(month_like("7", 12), "12");
    }
}
