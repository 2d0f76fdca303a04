//! CL010 duplicate-key. Docs and cases: rules/CL010-duplicate-key/
use std::collections::BTreeMap;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::ParsedFile;
use crate::model::Format;
use crate::source::Spanned;

pub(crate) struct DuplicateKey;

/// At most this many "also defined here" labels per diagnostic.
const MAX_LABELS: usize = 8;

static META: RuleMeta = RuleMeta {
    code: "CL010",
    name: "duplicate-key",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL010-duplicate-key/README.md"),
};

impl Rule for DuplicateKey {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Keys of one format are compared case-insensitively across every file of the run, as
    /// BibTeX does ("Repeated entry", FORMATS §2.1). The same key in two formats is not a
    /// duplicate: it is how one work is exported (DESIGN §6).
    fn check_run(&self, files: &[ParsedFile], cx: &mut Context) {
        let mut by_key: BTreeMap<(Format, String), Vec<&Spanned<String>>> = BTreeMap::new();
        for record in files.iter().flat_map(|f| &f.records) {
            let Some(key) = &record.key else { continue };
            if key.value.is_empty() {
                continue;
            }
            by_key.entry((record.format, key.value.to_lowercase())).or_default().push(key);
        }
        for keys in by_key.values().filter(|k| k.len() > 1) {
            let Some((first, rest)) = keys.split_first() else { continue };
            for key in rest {
                let message = if key.value == first.value {
                    format!("duplicate key `{}`", key.value)
                } else {
                    format!("key `{}` duplicates `{}` (keys are compared case-insensitively)", key.value, first.value)
                };
                cx.set_record(Some(&key.value));
                let d = cx.report(key.span, message);
                d.label(first.span, "first defined here");
                // Every other occurrence, up to a few: a key repeated thousands of times must
                // not make a quadratic number of labels.
                for other in keys.iter().skip(1).filter(|o| o.span != key.span).take(MAX_LABELS) {
                    d.label(other.span, "also defined here");
                }
                if keys.len() > MAX_LABELS + 2 {
                    d.note(format!("defined {} times in all", keys.len()));
                }
            }
        }
        cx.set_record(None);
    }
}
