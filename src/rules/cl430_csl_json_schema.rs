//! CL430 csl-json-schema. Docs and cases: rules/CL430-csl-json-schema/
//!
//! The law is the CSL 1.0.2 input schema (spec/csl-data.json, FORMATS §6): the tables in
//! `rules/data/csl-*.{txt,tsv}` are generated from it by `scripts/gen-csl-tables.py`.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::csl_json::json::{Json, JsonKind, Member};
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct CslJsonSchema;

static META: RuleMeta = RuleMeta {
    code: "CL430",
    name: "csl-json-schema",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL430-csl-json-schema/README.md"),
};

const TYPES: &str = include_str!("../../rules/data/csl-types.txt");
const VARIABLES: &str = include_str!("../../rules/data/csl-variables.tsv");
const NAME_KEYS: &str = include_str!("../../rules/data/csl-name-keys.tsv");
const DATE_KEYS: &str = include_str!("../../rules/data/csl-date-keys.tsv");
const TYPE_ALIASES: &str = include_str!("../../rules/data/csl-type-aliases.tsv");

/// The tables, read once.
pub(crate) struct Tables {
    pub types: Vec<&'static str>,
    /// Item property → shape (`string|number`, `names`, `date`, ...).
    pub variables: HashMap<&'static str, &'static str>,
    pub required: Vec<&'static str>,
    pub name_keys: HashMap<&'static str, &'static str>,
    pub date_keys: HashMap<&'static str, &'static str>,
    /// Alias → CSL type.
    pub aliases: HashMap<&'static str, &'static str>,
}

fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    table.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).map(|l| l.split('\t').collect())
}

fn pairs(table: &'static str) -> HashMap<&'static str, &'static str> {
    rows(table).filter_map(|r| Some((*r.first()?, *r.get(1)?))).collect()
}

pub(crate) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| Tables {
        types: rows(TYPES).filter_map(|r| r.first().copied()).collect(),
        variables: pairs(VARIABLES),
        required: rows(VARIABLES)
            .filter(|r| r.get(2) == Some(&"required"))
            .filter_map(|r| r.first().copied())
            .collect(),
        name_keys: pairs(NAME_KEYS),
        date_keys: pairs(DATE_KEYS),
        aliases: pairs(TYPE_ALIASES),
    })
}

impl Rule for CslJsonSchema {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(csl) = file.csl_json() else { return };
        let Some(root) = &csl.root else { return };
        let db = cx.db;
        let text = db.get(file.file).text.as_str();
        match &root.kind {
            JsonKind::Array(items) => items.iter().for_each(|item| check_item(item, text, cx)),
            JsonKind::Object(_) => {
                cx.report(first_byte(root.span), "the file holds one item, not an array of items")
                    .note("csl-data.json: a CSL-JSON file is an array of item objects: write `[{...}]`");
                check_item(root, text, cx);
            }
            _ => {
                cx.report(root.span, format!("expected an array of CSL items, found {}", root.kind_name()));
            }
        }
    }
}

fn first_byte(span: Span) -> Span {
    Span::new(span.file, span.start as usize, (span.start as usize + 1).min(span.end as usize))
}

fn check_item(item: &Json, text: &str, cx: &mut Context) {
    let Some(members) = item.as_object() else {
        cx.report(item.span, format!("a CSL item must be an object, found {}", item.kind_name()));
        return;
    };
    let t = tables();
    let key = item.get("id", text).and_then(|id| match &id.kind {
        JsonKind::String(s) => Some(s.value(text)),
        JsonKind::Number(_) => Some(cx.text(id.span)),
        _ => None,
    });
    cx.set_record(key);
    for required in &t.required {
        if item.get(required, text).is_none() {
            cx.report(first_byte(item.span), format!("item has no `{required}`"))
                .note(format!("every CSL item needs {}", list(&t.required)));
        }
    }
    for member in members {
        check_member(member, t, text, cx);
    }
    cx.set_record(None);
}

fn check_member(member: &Member, t: &Tables, text: &str, cx: &mut Context) {
    let name = member.key(text);
    let Some(&shape) = t.variables.get(name) else {
        let mut message = format!("unknown CSL variable `{name}`");
        if let Some(near) = did_you_mean(name, t.variables.keys().copied()) {
            message.push_str(&format!(": did you mean `{near}`?"));
        }
        cx.report(member.key_span(), message)
            .note("csl-data.json allows no other item properties; keep other data in `custom` (an object) or `note`");
        return;
    };
    let value = &member.value;
    if !check_shape(value, shape, format_args!("`{name}`"), cx) {
        return;
    }
    match shape {
        "names" => {
            for n in value.as_array().unwrap_or(&[]) {
                check_name(n, t, text, cx);
            }
        }
        "date" => check_date(value, t, text, cx),
        _ if name == "type" => check_type(value, t, text, cx),
        _ => {}
    }
}

/// Checks a value against a shape; reports and returns false when it does not fit.
/// `what` names the value in a message; it is formatted only when one is reported.
fn check_shape(value: &Json, shape: &str, what: std::fmt::Arguments<'_>, cx: &mut Context) -> bool {
    let ok = match (&value.kind, shape) {
        (JsonKind::Array(_), "names" | "date-parts") | (JsonKind::Object(_), "date" | "object") => true,
        (JsonKind::Array(items), "array:string") => {
            for item in items.iter().filter(|i| i.as_str().is_none()) {
                cx.report(item.span, format!("the elements of {what} must be strings, found {}", item.kind_name()));
            }
            true
        }
        (JsonKind::String(_), s) | (JsonKind::Number(_), s) | (JsonKind::Bool(_), s)
            if s.contains('|') || is_scalar(s) =>
        {
            let kind = match value.kind {
                JsonKind::String(_) => "string",
                JsonKind::Number(_) => "number",
                _ => "boolean",
            };
            s.split('|').any(|k| k == kind)
        }
        _ => false,
    };
    if !ok {
        cx.report(value.span, format!("{what} must be {}, found {}", describe(shape), value.kind_name()));
    }
    ok
}

fn is_scalar(shape: &str) -> bool {
    matches!(shape, "string" | "number" | "boolean")
}

/// The allowed shape, for messages.
fn describe(shape: &str) -> String {
    match shape {
        "names" => "an array of name objects (`[{\"family\": ..., \"given\": ...}]`)".to_owned(),
        "date" => "a date object (`{\"date-parts\": [[2020, 7, 1]]}`)".to_owned(),
        "date-parts" => "an array of one or two dates, each an array of 1 to 3 numbers or strings".to_owned(),
        "array:string" => "an array of strings".to_owned(),
        "object" => "an object".to_owned(),
        s => {
            let kinds: Vec<String> =
                s.split('|').map(|k| if k == "number" { "a number".to_owned() } else { format!("a {k}") }).collect();
            or_list(&kinds)
        }
    }
}

fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => quoted.join(""),
    }
}

fn check_type(value: &Json, t: &Tables, text: &str, cx: &mut Context) {
    let Some(s) = value.as_str() else { return };
    let ty = s.value(text);
    if t.types.contains(&ty) {
        return;
    }
    if let Some(right) = t.aliases.get(ty) {
        cx.report(value.span, format!("unknown CSL type `{ty}`: the CSL type is `{right}`"));
        return;
    }
    let mut message = format!("unknown CSL type `{ty}`");
    if let Some(near) = did_you_mean(ty, t.types.iter().copied()) {
        message.push_str(&format!(": did you mean `{near}`?"));
    }
    cx.report(value.span, message).note(format!("the CSL 1.0.2 types are {}", list(&t.types)));
}

fn check_name(n: &Json, t: &Tables, text: &str, cx: &mut Context) {
    let Some(members) = n.as_object() else {
        cx.report(
            n.span,
            format!(
                "a name must be an object such as `{{\"family\": \"Smith\", \"given\": \"Ann\"}}`, found {}",
                n.kind_name()
            ),
        );
        return;
    };
    for m in members {
        let key = m.key(text);
        match t.name_keys.get(key) {
            Some(shape) => {
                check_shape(&m.value, shape, format_args!("name part `{key}`"), cx);
            }
            None => unknown_key(key, m, "name part", &t.name_keys, cx),
        }
    }
}

fn check_date(value: &Json, t: &Tables, text: &str, cx: &mut Context) {
    for m in value.as_object().unwrap_or(&[]) {
        let key = m.key(text);
        let Some(shape) = t.date_keys.get(key) else {
            unknown_key(key, m, "date part", &t.date_keys, cx);
            continue;
        };
        if !check_shape(&m.value, shape, format_args!("`{key}`"), cx) || *shape != "date-parts" {
            continue;
        }
        check_date_parts(&m.value, cx);
    }
}

/// `date-parts`: 1-2 dates, each an array of 1-3 strings or numbers.
fn check_date_parts(parts: &Json, cx: &mut Context) {
    let dates = parts.as_array().unwrap_or(&[]);
    if !dates.is_empty() && dates.iter().all(|d| d.as_array().is_none()) {
        cx.report(
            parts.span,
            format!("`date-parts` must be an array of dates, each an array: write `[{}]`", cx.text(parts.span)),
        );
        return;
    }
    if dates.is_empty() || dates.len() > 2 {
        cx.report(parts.span, format!("`date-parts` must hold one date or two (a range), found {}", dates.len()));
    }
    for date in dates {
        let Some(items) = date.as_array() else {
            cx.report(
                date.span,
                format!("a date in `date-parts` must be an array such as `[2020, 7, 1]`, found {}", date.kind_name()),
            );
            continue;
        };
        if items.is_empty() || items.len() > 3 {
            cx.report(
                date.span,
                format!("a date in `date-parts` has 1 to 3 parts (year, month, day), found {}", items.len()),
            );
        }
        for item in items {
            if !matches!(item.kind, JsonKind::String(_) | JsonKind::Number(_)) {
                cx.report(item.span, format!("a date part must be a number or a string, found {}", item.kind_name()));
            }
        }
    }
}

fn unknown_key(key: &str, m: &Member, what: &str, allowed: &HashMap<&'static str, &'static str>, cx: &mut Context) {
    let mut names: Vec<&str> = allowed.keys().copied().collect();
    names.sort_unstable();
    let mut message = format!("unknown {what} `{key}`");
    if let Some(near) = did_you_mean(key, names.iter().copied()) {
        message.push_str(&format!(": did you mean `{near}`?"));
    }
    cx.report(m.key_span(), message).note(format!("a {what} is one of {}", list(&names)));
}

/// The nearest candidate: the same up to case and `_`/`-`, else at most 2 edits (1 for short
/// words). Ties go to the first in alphabetical order, so output is deterministic.
fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| s.to_lowercase().replace('_', "-");
    let w = norm(word);
    let limit = if w.chars().count() <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if norm(c) == w { 0 } else { edit_distance(&w, &norm(c)) };
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(usize::MAX).saturating_add(usize::from(ca != *cb));
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_consistent() {
        let t = tables();
        assert_eq!(t.types.len(), 45);
        assert!(t.types.contains(&"article-journal"));
        assert_eq!(t.required, ["id", "type"]);
        assert_eq!(t.variables.get("author"), Some(&"names"));
        assert_eq!(t.variables.get("page"), Some(&"string|number"));
        for (alias, target) in &t.aliases {
            assert!(t.types.contains(target), "{alias} -> {target} is not a CSL type");
            assert!(!t.types.contains(alias), "{alias} is a CSL type itself");
        }
    }

    #[test]
    fn suggestions() {
        let t = tables();
        assert_eq!(did_you_mean("doi", t.variables.keys().copied()), Some("DOI"));
        assert_eq!(did_you_mean("container_title", t.variables.keys().copied()), Some("container-title"));
        assert_eq!(did_you_mean("auhtor", t.variables.keys().copied()), Some("author"));
        assert_eq!(did_you_mean("license", t.variables.keys().copied()), None);
        assert_eq!(did_you_mean("article-jounral", t.types.iter().copied()), Some("article-journal"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    /// The tables are what the generator derives from the schema (when ../shared is there).
    #[test]
    fn tables_match_the_schema() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/csl-data.json");
        let Ok(text) = std::fs::read_to_string(path) else { return };
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let props = schema["items"]["properties"].as_object().unwrap();
        let t = tables();
        let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
        let mut ours: Vec<&str> = t.variables.keys().copied().collect();
        names.sort_unstable();
        ours.sort_unstable();
        assert_eq!(names, ours);
        let types: Vec<&str> = props["type"]["enum"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(types, t.types);
    }
}
