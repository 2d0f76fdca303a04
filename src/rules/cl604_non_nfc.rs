//! CL604 non-nfc. Docs and cases: rules/CL604-non-nfc/
//!
//! Unicode NFC (UAX #15). DESIGN §3 compares values after NFC, but the text itself is what
//! BibTeX sorts and `purify$`es byte by byte, and what other tools search.
use std::collections::BTreeSet;

use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::model::normalize::is_nfc;

use super::texscan::{escape_str, is_verbatim_field, text_parts};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::model::{Field, Format};
use crate::source::Span;

pub(crate) struct NonNfc;

static META: RuleMeta = RuleMeta {
    code: "CL604",
    name: "non-nfc",
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    opt_in: false,
    doc: include_str!("../../rules/CL604-non-nfc/README.md"),
};

impl Rule for NonNfc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let text = cx.db.get(file.file).text.as_str();
        // Quick-check Yes for the whole text holds for every part of it (no character is NFC_QC
        // No or Maybe, and combining marks keep their order), so most files stop here.
        if is_nfc(text) {
            return;
        }
        if file.format == Format::Bibtex {
            for part in text_parts(file, text) {
                if !part.string && is_verbatim_field(&part.field) {
                    continue; // a file path must stay byte for byte (macOS writes NFD names)
                }
                cx.set_record(part.key);
                check(part.inner, part.text, &part.field, cx);
            }
        } else {
            for record in &file.records {
                cx.set_record(record.key_str());
                let mut seen = BTreeSet::new();
                for (field, entry) in record.fields.iter() {
                    if matches!(field, Field::Url | Field::Doi) || !seen.insert((entry.raw.start, entry.raw.end)) {
                        continue;
                    }
                    let name = entry.native.value.to_ascii_lowercase();
                    check(entry.raw, cx.text(entry.raw), &name, cx);
                }
            }
        }
        cx.set_record(None);
    }
}

/// The edits turning `value` into its NFC: (byte range in `value`, replacement), one per run
/// of changed characters. Each run is a starter with its combining marks (or several such
/// clusters next to each other); when composing cluster by cluster would not give the NFC of
/// the whole (Hangul jamo compose across starters), one edit covers the whole changed stretch.
pub(crate) fn nfc_edits(value: &str) -> Vec<(Range<usize>, String)> {
    if is_nfc(value) {
        return Vec::new();
    }
    let nfc: String = value.nfc().collect();
    if nfc == value {
        return Vec::new();
    }
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut cluster_start = 0;
    let boundaries = value
        .char_indices()
        .filter(|&(i, c)| i > 0 && canonical_combining_class(c) == 0)
        .map(|(i, _)| i)
        .chain(std::iter::once(value.len()));
    for end in boundaries {
        let Some(cluster) = value.get(cluster_start..end) else { break };
        let composed: String = cluster.nfc().collect();
        if composed != cluster {
            match edits.last_mut() {
                Some((range, text)) if range.end == cluster_start => {
                    range.end = end;
                    text.push_str(&composed);
                }
                _ => edits.push((cluster_start..end, composed)),
            }
        }
        cluster_start = end;
    }
    if apply(value, &edits) == nfc {
        return edits;
    }
    whole_edit(value, &nfc).into_iter().collect()
}

fn apply(value: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(value.len());
    let mut at = 0;
    for (range, text) in edits {
        out.push_str(value.get(at..range.start).unwrap_or(""));
        out.push_str(text);
        at = range.end;
    }
    out.push_str(value.get(at..).unwrap_or(""));
    out
}

/// The smallest single edit from `value` to `nfc`.
fn whole_edit(value: &str, nfc: &str) -> Option<(Range<usize>, String)> {
    let prefix: usize = value.chars().zip(nfc.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let rest_a = value.get(prefix..)?;
    let rest_b = nfc.get(prefix..)?;
    let suffix: usize =
        rest_a.chars().rev().zip(rest_b.chars().rev()).take_while(|(a, b)| a == b).map(|(a, _)| a.len_utf8()).sum();
    let end_a = value.len().checked_sub(suffix)?.max(prefix);
    let end_b = nfc.len().checked_sub(suffix)?.max(prefix);
    Some((prefix..end_a, nfc.get(prefix..end_b)?.to_owned()))
}

fn check(span: Span, value: &str, field: &str, cx: &mut Context) {
    for (range, replacement) in nfc_edits(value) {
        let written = value.get(range.clone()).unwrap_or("");
        let at = span.within(range);
        let d = cx.report(
            at,
            format!("`{field}` is not in Unicode NFC: `{}` composes to `{replacement}`", escape_str(written)),
        );
        d.fix(Fix::safe_edit(format!("Replace with the composed `{replacement}`"), at, replacement.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smallest_edit() {
        assert!(nfc_edits("Caf\u{e9}").is_empty());
        assert_eq!(nfc_edits("Cafe\u{301} x"), vec![(3..6, "\u{e9}".to_owned())]);
        assert_eq!(
            nfc_edits("e\u{301}t\u{e9} e\u{301}"),
            vec![(0..3, "\u{e9}".to_owned()), (7..10, "\u{e9}".to_owned())]
        );
        assert_eq!(nfc_edits("\u{212B}"), vec![(0..3, "\u{c5}".to_owned())]);
        // Hangul jamo compose across starters: one edit for the stretch.
        assert_eq!(nfc_edits("x\u{1100}\u{1161}"), vec![(1..7, "\u{AC00}".to_owned())]);
        // A mark before any starter.
        assert_eq!(nfc_edits("\u{301}a").len(), 0);
    }
}
