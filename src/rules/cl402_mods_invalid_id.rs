//! CL402 mods-invalid-id. Docs and cases: rules/CL402-mods-invalid-id/
//!
//! `@ID` is `xs:ID` in the MODS XSD (FORMATS §1.5): an NCName, unique in the document.
use rustc_hash::FxHashMap as HashMap;

use super::cl401_mods_schema::is_ncname;
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct ModsInvalidId;

static META: RuleMeta = RuleMeta {
    code: "CL402",
    name: "mods-invalid-id",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL402-mods-invalid-id/README.md"),
};

impl Rule for ModsInvalidId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(tree) = file.mods() else { return };
        let mut seen: HashMap<&str, Span> = HashMap::default();
        for e in tree.elements().filter(|e| tree.is_mods(e)) {
            let Some(a) = e.attr("ID") else { continue };
            // xs:ID collapses white space before checking.
            let id = a.value.trim_matches([' ', '\t', '\n', '\r']);
            if !is_ncname(id) {
                let d = cx.report(a.value_span, format!("`{id}` is not a valid XML ID: {}", why(id)));
                d.note("an ID starts with a letter or `_` and holds only letters, digits, `.`, `-` and `_`");
                continue;
            }
            if let Some(&first) = seen.get(id) {
                let d = cx.report(a.value_span, format!("ID `{id}` is used twice in this document"));
                d.label(first, "first used here");
            } else {
                seen.insert(id, a.value_span);
            }
        }
    }
}

fn why(id: &str) -> String {
    let Some(first) = id.chars().next() else { return "it is empty".to_owned() };
    if first.is_ascii_digit() {
        return "it starts with a digit".to_owned();
    }
    if !(first.is_alphabetic() || first == '_') {
        return format!("it starts with `{first}`");
    }
    match id.chars().find(|&c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        Some(c) if c.is_whitespace() => "it contains white space".to_owned(),
        Some(c) => format!("it contains `{c}`"),
        None => "it is not an XML name".to_owned(),
    }
}
