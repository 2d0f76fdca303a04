//! CL021 missing-required-field. Docs and cases: rules/CL021-missing-required-field/
//!
//! Required fields per type: btxdoc via spec/FORMATS.md §2.3 (rules/data/bibtex.toml), the
//! biblatex manual §2.1.1 (rules/data/biblatex.toml). Crossref inheritance: FORMATS §2.3
//! (BibTeX copies missing fields from the parent; biber also maps parent `title` to child
//! `booktitle`), biblatex `xdata` (the manual, "Data Containers": all fields of the xdata entries).
use rustc_hash::FxHashMap as HashMap;

use super::datamodel::{self, lowercase_into};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::bibtex::{BibFile, Entry, FieldAst, Item, PartKind};
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct MissingRequiredField;

static META: RuleMeta = RuleMeta {
    code: "CL021",
    name: "missing-required-field",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL021-missing-required-field/README.md"),
};

/// How deep a chain of crossrefs is followed (cycles are cut by the visited list anyway).
const MAX_CHAIN: usize = 8;

impl Rule for MissingRequiredField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let model = datamodel::model(file.dialect);
        let mut buf = String::new();
        let mut keys: Option<HashMap<String, &Entry>> = None;
        for item in &bib.items {
            let Item::Entry(entry) = item else { continue };
            // A broken entry's fields are unknown past the break (CL001 reports it).
            if !entry.closed {
                continue;
            }
            let written = cx.text(entry.kind);
            let Some(kind) = model.entry_type(lowercase_into(&mut buf, written)) else { continue };
            if kind.required.is_empty() {
                continue;
            }
            let Some(parents) = parents(entry, bib, &mut keys, cx) else { continue };
            let present = |name: &str| {
                has_field(entry, name, cx)
                    || parents
                        .iter()
                        .any(|p| has_field(p, name, cx) || (name == "booktitle" && has_field(p, "title", cx)))
            };
            let missing: Vec<&Vec<String>> =
                kind.required.iter().filter(|group| !group.iter().any(|f| present(f))).collect();
            if missing.is_empty() {
                continue;
            }
            let head = Span { end: entry.key.map_or(entry.kind.end, |k| k.end), ..entry.span };
            let type_name = lowercase_into(&mut buf, written).to_owned();
            cx.set_record(entry.key.map(|k| cx.text(k)));
            for group in missing {
                cx.report(head, format!("`{type_name}` entry is missing required field {}", alternatives(group)));
            }
        }
        cx.set_record(None);
    }
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``.
fn alternatives(group: &[String]) -> String {
    let mut out = String::new();
    let n = group.len();
    for (i, f) in group.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == n { " or " } else { ", " });
        }
        out.push('`');
        out.push_str(f);
        out.push('`');
    }
    out
}

/// The field named `name` (lower case) of `entry`, if present with a non-empty value.
fn has_field(entry: &Entry, name: &str, cx: &Context) -> bool {
    // The length first: it needs no look at the source text.
    entry
        .fields
        .iter()
        .any(|f| f.name.len() == name.len() && cx.text(f.name).eq_ignore_ascii_case(name) && !is_empty(f, cx))
}

/// A value with no text: `{}`, `""`, `{ }`, `{{}}`. A macro or number is never empty here.
fn is_empty(field: &FieldAst, cx: &Context) -> bool {
    field.value.parts.iter().all(|p| {
        matches!(p.kind, PartKind::Braced | PartKind::Quoted)
            && cx.text(p.inner).trim_matches(|c: char| c == '{' || c == '}' || c.is_whitespace()).is_empty()
    })
}

/// The text of a field's value when it is one literal (`{key}` or `"key"`), trimmed.
fn literal<'a>(field: &FieldAst, cx: &Context<'a>) -> Option<&'a str> {
    let [part] = field.value.parts.as_slice() else { return None };
    matches!(part.kind, PartKind::Braced | PartKind::Quoted | PartKind::Number).then(|| cx.text(part.inner).trim())
}

/// The entries `entry` inherits from through `crossref` and `xdata`, transitively. `None` when
/// one of them cannot be resolved in this file (missing, or not a literal key): the entry may
/// inherit anything, so it is not checked (CL015 reports missing crossrefs).
fn parents<'b>(
    entry: &'b Entry,
    bib: &'b BibFile,
    keys: &mut Option<HashMap<String, &'b Entry>>,
    cx: &Context,
) -> Option<Vec<&'b Entry>> {
    let mut out: Vec<&'b Entry> = Vec::new();
    let mut queue: Vec<&'b Entry> = Vec::new();
    let mut steps = 0;
    // The entry itself, then its parents, depth first.
    let mut next = Some(entry);
    while let Some(current) = next.take().or_else(|| queue.pop()) {
        for field in &current.fields {
            let name = cx.text(field.name);
            let is_crossref = name.eq_ignore_ascii_case("crossref");
            if !is_crossref && !name.eq_ignore_ascii_case("xdata") {
                continue;
            }
            if is_empty(field, cx) {
                continue;
            }
            let value = literal(field, cx)?;
            let keys = keys.get_or_insert_with(|| key_index(bib, cx));
            // crossref holds one key; xdata a comma-separated list.
            let targets: Box<dyn Iterator<Item = &str>> =
                if is_crossref { Box::new(std::iter::once(value)) } else { Box::new(value.split(',')) };
            for target in targets.map(str::trim).filter(|t| !t.is_empty()) {
                let parent = keys.get(&target.to_lowercase()).copied()?;
                if std::ptr::eq(parent, entry) || out.iter().any(|p| std::ptr::eq(*p, parent)) {
                    continue;
                }
                steps += 1;
                if steps > MAX_CHAIN {
                    return Some(out);
                }
                out.push(parent);
                queue.push(parent);
            }
        }
    }
    Some(out)
}

/// Entries by lower-cased key (BibTeX matches crossref keys case-insensitively, FORMATS §2.3);
/// the first of duplicate keys wins.
fn key_index<'b>(bib: &'b BibFile, cx: &Context) -> HashMap<String, &'b Entry> {
    let mut map = HashMap::default();
    for item in &bib.items {
        let Item::Entry(e) = item else { continue };
        let Some(key) = e.key else { continue };
        map.entry(cx.text(key).to_lowercase()).or_insert(e);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dialect;
    use crate::rules::testutil::{messages, run};

    #[test]
    fn reports_each_missing_group() {
        let text = "@article{a, author = {A}, title = {T}}\n@book{b, title = {T}, publisher = {P}, year = 2000}\n\
                    @misc{c}\n@whatever{d}\n";
        assert_eq!(
            messages(&MissingRequiredField, text, Dialect::Bibtex),
            vec![
                "`article` entry is missing required field `journal`",
                "`article` entry is missing required field `year`",
                "`book` entry is missing required field `author` or `editor`",
            ]
        );
    }

    #[test]
    fn span_is_type_and_key() {
        let text = "@ARTICLE{smith, title = {T}}";
        let (db, diags) = run(&MissingRequiredField, text, Dialect::Bibtex);
        assert_eq!(db.slice(diags[0].span), "@ARTICLE{smith");
        assert_eq!(diags[0].message, "`article` entry is missing required field `author`");
        assert_eq!(diags[0].record.as_deref(), Some("smith"));
    }

    #[test]
    fn empty_values_do_not_count() {
        let text = "@article{a, author = {A}, title = { }, journal = \"\", year = 2020}";
        assert_eq!(messages(&MissingRequiredField, text, Dialect::Bibtex).len(), 2);
        let text = "@article{a, author = {A}, title = acl, journal = {{J}}, year = 2020}";
        assert!(messages(&MissingRequiredField, text, Dialect::Bibtex).is_empty());
    }

    #[test]
    fn biblatex_alternatives() {
        let text = "@article{a, author = {A}, title = {T}, journal = {J}, date = {2020}}\n\
                    @online{b, author = {A}, title = {T}, year = 2020}\n@phdthesis{c, author = {A}, title = {T}, school = {S}, year = 1}";
        assert_eq!(
            messages(&MissingRequiredField, text, Dialect::Biblatex),
            vec!["`online` entry is missing required field `doi`, `eprint` or `url`"]
        );
        let text = "@article{a, author = {A}, title = {T}}";
        assert_eq!(
            messages(&MissingRequiredField, text, Dialect::Biblatex),
            vec![
                "`article` entry is missing required field `journaltitle` or `journal`",
                "`article` entry is missing required field `date` or `year`",
            ]
        );
    }

    #[test]
    fn crossref_inheritance() {
        let text = "@inproceedings{child, author = {A}, title = {T}, crossref = {PARENT}}\n\
                    @proceedings{parent, title = {Proc}, year = 2020}\n\
                    @inproceedings{orphan, author = {A}, crossref = {nowhere}}\n\
                    @inproceedings{viax, author = {A}, title = {T}, xdata = {dx, parent}}\n\
                    @xdata{dx, booktitle = {B}}\n\
                    @incollection{chain, author = {A}, title = {T}, crossref = {mid}}\n\
                    @incollection{mid, crossref = {top}}\n@book{top, title = {B}, publisher = {P}, year = 1}\n\
                    @incollection{cyc1, author = {A}, crossref = {cyc2}}\n@incollection{cyc2, crossref = {cyc1}}\n";
        let cyc = [
            "`incollection` entry is missing required field `title`",
            "`incollection` entry is missing required field `booktitle`",
            "`incollection` entry is missing required field `publisher`",
            "`incollection` entry is missing required field `year`",
        ];
        let mut want = vec![
            // mid: everything but `author` comes from `top`
            "`incollection` entry is missing required field `author`",
            "`book` entry is missing required field `author` or `editor`",
        ];
        want.extend(cyc); // cyc1
        want.extend(cyc); // cyc2 (inherits `author` from cyc1)
        assert_eq!(messages(&MissingRequiredField, text, Dialect::Bibtex), want);
    }
}
