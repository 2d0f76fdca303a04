//! CL022 unknown-field. Docs and cases: rules/CL022-unknown-field/
//!
//! Known fields: rules/data/{bibtex,biblatex,common-fields}.toml, see [`super::datamodel`].
//! By default only unknown names close to a known field are reported (true typos); custom
//! fields are legitimate in both BibTeX (styles ignore what they do not read, btxdoc §3.2)
//! and biblatex.
use rustc_hash::FxHashMap as HashMap;

use super::datamodel::{self, lowercase_into};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::bibtex::{Entry, Item};
use crate::formats::ParsedFile;

pub(crate) struct UnknownField;

static META: RuleMeta = RuleMeta {
    code: "CL022",
    name: "unknown-field",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL022-unknown-field/README.md"),
};

impl Rule for UnknownField {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let model = datamodel::model(file.dialect);
        let mut buf = String::new();
        // One search per distinct unknown name: a file repeats its custom fields in every entry.
        let mut suggestions: HashMap<String, Option<&'static str>> = HashMap::default();
        let report_all = cx.settings.option_bool(META.code, "report-all-unknown").unwrap_or(false);
        for item in &bib.items {
            // `@string` names are macros, not fields.
            let Item::Entry(entry) = item else { continue };
            for field in &entry.fields {
                let written = cx.text(field.name);
                if written.is_empty() {
                    continue;
                }
                let name = lowercase_into(&mut buf, written);
                if model.is_known_field(name) {
                    continue;
                }
                let suggestion = match suggestions.get(name) {
                    Some(&known) => known,
                    None => *suggestions.entry(name.to_owned()).or_insert_with(|| model.suggest_field(name)),
                };
                let Some(suggestion) = suggestion else {
                    if report_all {
                        cx.set_record(entry.key.map(|k| cx.text(k)));
                        cx.report(field.name, format!("unknown field `{written}`"))
                            .note("no style or tool of the data model reads it");
                    }
                    continue;
                };
                let already = has_field(entry, suggestion, cx);
                cx.set_record(entry.key.map(|k| cx.text(k)));
                let d = cx.report(field.name, format!("unknown field `{written}`; did you mean `{suggestion}`?"));
                if already {
                    d.note(format!("`{suggestion}` is already in the entry"));
                } else {
                    let replacement = same_case(written, suggestion);
                    d.fix(Fix::unsafe_edit(format!("Rename `{written}` to `{replacement}`"), field.name, replacement));
                }
            }
        }
        cx.set_record(None);
    }
}

fn has_field(entry: &Entry, name: &str, cx: &Context) -> bool {
    entry.fields.iter().any(|f| cx.text(f.name).eq_ignore_ascii_case(name))
}

/// `suggestion` in the case style of `written`: `AUHTOR` -> `AUTHOR`, `Auhtor` -> `Author`.
fn same_case(written: &str, suggestion: &str) -> String {
    let letters = || written.chars().filter(char::is_ascii_alphabetic);
    if letters().count() > 1 && letters().all(|c| c.is_ascii_uppercase()) {
        return suggestion.to_ascii_uppercase();
    }
    if written.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        let mut chars = suggestion.chars();
        return chars.next().map(|c| c.to_ascii_uppercase()).into_iter().chain(chars).collect();
    }
    suggestion.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Dialect;
    use crate::fix::Applicability;
    use crate::rules::testutil::{messages, run};

    #[test]
    fn typos_are_reported_custom_fields_are_not() {
        let text = "@article{a, auhtor = {A}, titel = {T}, jounral = {J}, yaer = 2020, pagse = {1--2},\n\
                    booktitel = {B}, mycustomthing = {x}, bdsk-url-1 = {u}, optnote = {n}, da = {x},\n\
                    journaltitle = {J}, doi = {10.1/x}, mendeley-tags = {t}}\n@string{auhtor = {x}}\n";
        let want = ["auhtor", "titel", "jounral", "yaer", "pagse", "booktitel"]
            .iter()
            .zip(["author", "title", "journal", "year", "pages", "booktitle"])
            .map(|(w, s)| format!("unknown field `{w}`; did you mean `{s}`?"))
            .collect::<Vec<_>>();
        assert_eq!(messages(&UnknownField, text, Dialect::Bibtex), want);
        assert_eq!(messages(&UnknownField, text, Dialect::Biblatex), want);
    }

    #[test]
    fn fix_renames_keeping_case() {
        let text = "@article{a, AUHTOR = {A}, Titel = {T}}";
        let (db, diags) = run(&UnknownField, text, Dialect::Bibtex);
        let fixes: Vec<_> = diags.iter().map(|d| d.fix.clone().unwrap()).collect();
        assert_eq!(fixes[0].edits[0].replacement, "AUTHOR");
        assert_eq!(db.slice(fixes[0].edits[0].span), "AUHTOR");
        assert_eq!(fixes[0].applicability, Applicability::Unsafe);
        assert_eq!(fixes[0].title, "Rename `AUHTOR` to `AUTHOR`");
        assert_eq!(fixes[1].edits[0].replacement, "Title");
    }

    #[test]
    fn no_fix_when_the_suggestion_is_present() {
        let text = "@article{a, author = {A}, auhtor = {B}}";
        let (_, diags) = run(&UnknownField, text, Dialect::Bibtex);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].fix.is_none());
        assert_eq!(diags[0].notes, vec!["`author` is already in the entry"]);
    }
}
