//! `citelint inspect`: records as understood, JSON (DESIGN §8).

use std::io::{self, Write};

use serde_json::{json, Map, Value as Json};

use crate::formats::ParsedFile;
use crate::model::{Field, Record, Value};
use crate::source::SourceDb;

fn value_json(value: &Value) -> Json {
    match value {
        Value::Text(_) | Value::Lazy(_) => Json::String(value.text().unwrap_or_default().to_owned()),
        Value::Names(list) => Json::Array(
            list.names
                .iter()
                .map(|n| json!({"family": n.family(), "given": n.given(), "particle": n.particle(), "suffix": n.suffix()}))
                .chain(
                    list.others.map(|_| json!({"family": "others", "given": null, "particle": null, "suffix": null})),
                )
                .collect(),
        ),
        Value::Pages(p) => json!({"start": p.start.value, "end": p.end.as_ref().map(|e| &e.value)}),
        Value::Date(d) => json!({
            "year": d.year.as_ref().map(|y| y.value),
            "month": d.month.as_ref().map(|m| m.value),
            "day": d.day.as_ref().map(|m| m.value),
        }),
        Value::Invalid(e) => json!({"invalid": e.to_string()}),
    }
}

/// The JSON object of one record; `work` numbers the work it belongs to (1-based, in order of
/// first appearance), with the reasons it was grouped.
#[must_use]
pub fn record_json(db: &SourceDb, record: &Record, work: Option<(usize, &[crate::works::Reason])>) -> Json {
    let file = db.get(record.span.file);
    let mut fields = Map::new();
    for field in Field::ALL {
        if let Some(entry) = record.first(field) {
            fields.insert(field.name().to_owned(), value_json(&entry.value));
        }
    }
    json!({
        "file": file.name,
        "format": record.format.name(),
        "key": record.key.as_ref().map(|k| &k.value),
        "type": record.kind.value,
        "line": file.line_col(record.span.start as usize).0,
        "end_line": file.line_col(record.span.end as usize).0,
        "fields": fields,
        "work": work.map(|(n, reasons)| json!({
            "id": n,
            "grouped_by": reasons.iter().map(ToString::to_string).collect::<Vec<_>>(),
        })),
    })
}

/// # Errors
/// Writing failed.
pub fn write(
    db: &SourceDb,
    settings: &crate::config::Settings,
    files: &[ParsedFile],
    out: &mut dyn Write,
) -> io::Result<()> {
    let works = crate::works::group(db, files, settings);
    let mut of: Vec<(*const Record, usize)> = Vec::new();
    for (i, w) in works.iter().enumerate() {
        of.extend(w.records.iter().map(|r| (std::ptr::from_ref::<Record>(r), i)));
    }
    of.sort_unstable();
    let work_of = |r: &Record| {
        let p = std::ptr::from_ref(r);
        of.binary_search_by(|(q, _)| q.cmp(&p))
            .ok()
            .and_then(|i| of.get(i))
            .and_then(|&(_, w)| works.get(w).map(|work| (w + 1, work.reasons.as_slice())))
    };
    let all: Vec<Json> = files.iter().flat_map(|f| &f.records).map(|r| record_json(db, r, work_of(r))).collect();
    serde_json::to_writer_pretty(&mut *out, &all).map_err(io::Error::other)?;
    writeln!(out)
}
