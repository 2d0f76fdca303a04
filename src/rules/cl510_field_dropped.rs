//! CL510 field-dropped. Docs and cases: rules/CL510-field-dropped/
//!
//! Which format carries which field is data: `rules/data/format-fields.tsv` (FORMATS §8).
use crate::diagnostic::Severity;
use crate::model::normalize::{doi_key, url_key};
use crate::model::{Field, Record, Value};
use crate::rules::crossformat::{format_label, mapped_fields, record_carries, records_phrase};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::source::Span;
use crate::works::Work;

pub(crate) struct FieldDropped;

static META: RuleMeta = RuleMeta {
    code: "CL510",
    name: "field-dropped",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL510-field-dropped/README.md"),
};

fn label(field: &str) -> &str {
    match field {
        "container_title" => "container title",
        "issued" => "year",
        "isbn" => "ISBN",
        "issn" => "ISSN",
        "doi" => "DOI",
        "url" => "URL",
        other => other,
    }
}

/// Where a record holds the field, and a short form of its value.
fn present(r: &Record, field: &str) -> Option<(Span, String)> {
    match field {
        "issued" => r.issued()?.year.as_ref().map(|y| (y.span, y.value.to_string())),
        "month" => r.issued()?.month.as_ref().map(|m| (m.span, m.value.to_string())),
        "url" => r.all(Field::Url).find_map(|e| {
            let t = e.value.text()?;
            url_key(t).map(|_| (e.raw, short(t)))
        }),
        "doi" => r
            .all(Field::Doi)
            .chain(r.all(Field::Url))
            .find_map(|e| e.value.text().and_then(doi_key).map(|d| (e.raw, d))),
        name => {
            let f = Field::ALL.into_iter().find(|f| f.name() == name)?;
            r.all(f).find_map(|e| {
                let shown = match &e.value {
                    v @ (Value::Text(_) | Value::Lazy(_)) => short(v.text().filter(|t| !t.trim().is_empty())?),
                    Value::Names(n) if !n.names.is_empty() => format!("{} name(s)", n.names.len()),
                    Value::Pages(p) => short(&p.start.value),
                    Value::Date(_) => String::new(),
                    _ => return None,
                };
                Some((e.raw, shown))
            })
        }
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().nth(60).is_some() {
        out.push('…');
    }
    out
}

impl Rule for FieldDropped {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_work(&self, work: &Work, cx: &mut Context) {
        for field in mapped_fields() {
            let holders: Vec<(&Record, Span, String)> =
                work.records.iter().filter_map(|r| present(r, field).map(|(span, shown)| (*r, span, shown))).collect();
            let Some((_, _, first_shown)) = holders.first() else { continue };
            for r in &work.records {
                if !record_carries(r, field) || holders.iter().any(|(h, _, _)| std::ptr::eq(*h, *r)) {
                    continue;
                }
                let others: Vec<&(&Record, Span, String)> =
                    holders.iter().filter(|(h, _, _)| h.format != r.format).collect();
                if others.is_empty() {
                    continue;
                }
                let formats: Vec<_> = others.iter().map(|(h, _, _)| h.format).collect();
                let value = if first_shown.is_empty() { String::new() } else { format!(" (`{first_shown}`)") };
                let message = format!("{} missing here, present in {}{value}", label(field), records_phrase(&formats));
                let span = r.key.as_ref().map_or(r.kind.span, |k| k.span);
                let why = work.why();
                let d = cx.report(span, message);
                d.record(r.key_str());
                for (h, s, _) in &others {
                    d.label(*s, format!("{} has the {}", format_label(h.format), label(field)));
                }
                d.note(why);
            }
        }
    }
}
