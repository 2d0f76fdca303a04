//! Where `@string` macros are defined and used, across the BibTeX files of a run.

use std::collections::BTreeMap;

use super::ast::{Item, PartKind};
use crate::formats::ParsedFile;
use crate::source::{SourceDb, Span};

/// Journal macros defined by plain.bst and the other standard styles (btxdoc; FORMATS §2.1).
pub const STYLE_JOURNALS: [&str; 20] = [
    "acmcs", "acta", "cacm", "ibmjrd", "ibmsj", "ieeese", "ieeetc", "ieeetcad", "ipl", "jacm", "jcss", "scp", "sicomp",
    "tocs", "tods", "tog", "toms", "toois", "toplas", "tcs",
];

/// Whether a style or biber defines this macro when the file does not.
#[must_use]
pub fn is_predefined(name_lower: &str) -> bool {
    // The month macros `jan`..`dec` are predefined by the standard styles and biber (FORMATS §2.1).
    crate::model::date::month_macro(name_lower).is_some() || STYLE_JOURNALS.contains(&name_lower)
}

/// Every definition and use of macros in the BibTeX files of a run, keyed by lower-case name.
#[derive(Debug, Default)]
pub struct MacroIndex {
    /// Definitions in source order: the name's span in its `@string`.
    pub definitions: BTreeMap<String, Vec<Span>>,
    /// Uses (bare names in values), in source order.
    pub uses: BTreeMap<String, Vec<Span>>,
}

impl MacroIndex {
    /// Indexes the given files (only their BibTeX syntax trees).
    #[must_use]
    pub fn build<'a>(db: &SourceDb, files: impl IntoIterator<Item = &'a ParsedFile>) -> Self {
        let mut index = Self::default();
        for file in files {
            let Some(bib) = file.bibtex() else { continue };
            let text = db.get(file.file).text.as_str();
            let lower = |span: Span| text.get(span.range()).unwrap_or("").to_ascii_lowercase();
            for item in &bib.items {
                if let Item::Comment(_) = item {
                    continue;
                }
                let entry = item.entry();
                for field in &entry.fields {
                    if let Item::String(_) = item {
                        index.definitions.entry(lower(field.name)).or_default().push(field.name);
                    }
                    for part in field.value.parts.iter().filter(|p| p.kind == PartKind::Macro) {
                        index.uses.entry(lower(part.span)).or_default().push(part.span);
                    }
                }
            }
        }
        index
    }
}
