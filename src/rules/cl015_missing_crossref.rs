//! CL015 missing-crossref. Docs and cases: rules/CL015-missing-crossref/
use std::collections::BTreeSet;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;
use crate::model::Format;

pub(crate) struct MissingCrossref;

static META: RuleMeta = RuleMeta {
    code: "CL015",
    name: "missing-crossref",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL015-missing-crossref/README.md"),
};

/// Fields that point at other entries: `crossref` (BibTeX), `xref` and `xdata` (biblatex
/// §3.13; `xdata` takes a comma-separated list).
const LINK_FIELDS: [&str; 3] = ["crossref", "xref", "xdata"];

impl Rule for MissingCrossref {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Targets are looked up case-insensitively (as BibTeX does) among the BibTeX entries of
    /// every file of the run, `@xdata` entries included.
    fn check_run(&self, files: &[ParsedFile], cx: &mut Context) {
        // Built at the first link: most runs have none.
        let mut keys: Option<BTreeSet<String>> = None;
        for file in files {
            let Some(bib) = file.bibtex() else { continue };
            for entry in bib.entries() {
                for field in &entry.fields {
                    let written = cx.text(field.name);
                    let Some(&name) = LINK_FIELDS.iter().find(|f| written.eq_ignore_ascii_case(f)) else { continue };
                    let keys = keys.get_or_insert_with(|| key_set(files));
                    let [part] = field.value.parts.as_slice() else { continue };
                    let inner = part.inner;
                    let value = cx.text(inner);
                    let mut offset = 0;
                    for target in value.split(',') {
                        let start = offset + (target.len() - target.trim_start().len());
                        offset += target.len() + 1;
                        let target = target.trim();
                        if target.is_empty() || keys.contains(&target.to_lowercase()) {
                            continue;
                        }
                        let span = inner.within(start..start + target.len());
                        cx.report(span, format!("`{name}` target `{target}` is not defined"));
                    }
                }
            }
        }
    }
}

/// The keys of the BibTeX entries of every file, in lower case.
fn key_set(files: &[ParsedFile]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|f| &f.records)
        .filter(|r| r.format == Format::Bibtex)
        .filter_map(|r| r.key_str())
        .map(str::to_lowercase)
        .collect()
}
