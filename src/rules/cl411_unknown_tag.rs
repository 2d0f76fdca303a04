//! CL411 unknown-tag. Docs and cases: rules/CL411-unknown-tag/
//!
//! Known tags: rules/data/ris-tags.tsv (spec/FORMATS.md §5.2) and rules/data/refer-tags.tsv
//! (§4.2), plus the `extra-tags` option. One diagnostic per unknown tag and file, at its first
//! use: an export that writes a database's own tags writes them in every record.
use std::collections::BTreeMap;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::tagged::{is_refer_tag, is_ris_tag, TagForm, TagRecord};
use crate::formats::ParsedFile;
use crate::source::Span;

pub(crate) struct UnknownTag;

static META: RuleMeta = RuleMeta {
    code: "CL411",
    name: "unknown-tag",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL411-unknown-tag/README.md"),
};

impl Rule for UnknownTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let (records, known, format): (&[TagRecord], fn(&str) -> bool, &str) = if let Some(ris) = file.ris() {
            (&ris.records, is_ris_tag, "RIS")
        } else if let Some(refer) = file.refer() {
            (&refer.records, is_refer_tag, "Refer")
        } else {
            return;
        };
        let extra: Vec<String> = cx
            .settings
            .rule_options
            .get(META.code)
            .and_then(|t| t.get("extra-tags"))
            .and_then(|v| v.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).map(str::to_owned).collect())
            .unwrap_or_default();
        // tag -> (first use, uses)
        let mut unknown: BTreeMap<&str, (Span, usize)> = BTreeMap::new();
        for field in records.iter().flat_map(|r| &r.fields) {
            if field.form != TagForm::Exact {
                continue;
            }
            let tag = cx.text(field.tag);
            if known(tag) || extra.iter().any(|e| e == tag) {
                continue;
            }
            let e = unknown.entry(tag).or_insert((field.tag, 0));
            e.1 += 1;
        }
        let mut found: Vec<_> = unknown.into_iter().collect();
        found.sort_by_key(|(_, (span, _))| *span);
        for (tag, (span, uses)) in found {
            let d = cx.report(span, format!("unknown {format} tag `{tag}`"));
            if uses > 1 {
                d.note(format!("used {uses} times in this file; reported once"));
            }
            d.note(format!(
                "readers drop it; if a tool you use reads it, allow it with `[rules.CL411] extra-tags = [\"{tag}\"]`"
            ));
        }
    }
}
