//! CL020 unknown-entry-type. Docs and cases: rules/CL020-unknown-entry-type/
//!
//! The known types are the dialect's data model (rules/data/bibtex.toml: btxdoc's standard
//! types; rules/data/biblatex.toml: biblatex manual §2.1), see [`super::datamodel`].
use super::datamodel::{self, lowercase_into};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::config::Dialect;
use crate::diagnostic::Severity;
use crate::formats::bibtex::Item;
use crate::formats::ParsedFile;

pub(crate) struct UnknownEntryType;

static META: RuleMeta = RuleMeta {
    code: "CL020",
    name: "unknown-entry-type",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL020-unknown-entry-type/README.md"),
};

impl Rule for UnknownEntryType {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(bib) = file.bibtex() else { return };
        let model = datamodel::model(file.dialect);
        let other = match file.dialect {
            Dialect::Biblatex => Dialect::Bibtex,
            Dialect::Bibtex | Dialect::Auto => Dialect::Biblatex,
        };
        let mut buf = String::new();
        for item in &bib.items {
            // `@string`, `@preamble` and `@comment` are other items, never entries.
            let Item::Entry(entry) = item else { continue };
            let written = cx.text(entry.kind);
            if written.is_empty() {
                continue;
            }
            let kind = lowercase_into(&mut buf, written);
            if model.is_known_type(kind) {
                continue;
            }
            let message = match model.suggest_type(kind) {
                Some(s) => format!("unknown entry type `{written}`; did you mean `{s}`?"),
                None => format!("unknown entry type `{written}`"),
            };
            let in_other = datamodel::model(other).is_known_type(kind);
            cx.set_record(entry.key.map(|k| cx.text(k)));
            let d = cx.report(entry.kind, message);
            if in_other {
                d.note(match other {
                    Dialect::Biblatex => format!("`{kind}` is a biblatex type; this file is read as BibTeX"),
                    Dialect::Bibtex | Dialect::Auto => format!("`{kind}` is a BibTeX type unknown to biblatex"),
                });
            } else {
                d.note("styles print an entry of unknown type as `misc`, or drop it");
            }
        }
        cx.set_record(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testutil::messages;

    #[test]
    fn reports_unknown_types_with_suggestions() {
        let text = "@artcle{a, title = {T}}\n@Article{b, title = {T}}\n@webthing{c, title = {T}}\n\
                    @string{x = {y}}\n@comment{z}\n@preamble{{p}}\n@conference{d, title = {T}}\n";
        assert_eq!(
            messages(&UnknownEntryType, text, Dialect::Bibtex),
            vec!["unknown entry type `artcle`; did you mean `article`?", "unknown entry type `webthing`"]
        );
    }

    #[test]
    fn depends_on_the_dialect() {
        let text = "@mvbook{a, title = {T}}\n@online{b, title = {T}}\n@phdthesis{c, title = {T}}\n";
        assert_eq!(messages(&UnknownEntryType, text, Dialect::Bibtex), vec!["unknown entry type `mvbook`"]);
        assert!(messages(&UnknownEntryType, text, Dialect::Biblatex).is_empty());
        let text = "@ieeetranbstctl{a, ctluse_url = {yes}}\n";
        assert_eq!(messages(&UnknownEntryType, text, Dialect::Biblatex), vec!["unknown entry type `ieeetranbstctl`"]);
    }
}
