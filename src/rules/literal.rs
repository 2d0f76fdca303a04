//! Where a field's value text sits in the source, for rules that point into it.

use super::Context;
use crate::model::FieldEntry;
use crate::source::Span;

/// A text field's value and the exact span of that text in the source, when the source holds
/// it literally (a single `{...}`/`"..."` literal or a bare value, as the BibTeX lowering gives:
/// `raw` spans the delimiters too). `None` for values built from macros or `#`: a rule then
/// reports on `entry.raw` and offers no fix (DESIGN §3: never a guessed span).
pub(crate) fn literal<'a>(cx: &Context, entry: &'a FieldEntry) -> (&'a str, Option<Span>) {
    let Some(value) = entry.value.text() else { return ("", None) };
    let raw = cx.text(entry.raw);
    let delimited = (raw.starts_with('{') && raw.ends_with('}')) || (raw.starts_with('"') && raw.ends_with('"'));
    let inner = if delimited && raw.len() >= 2 { raw.get(1..raw.len() - 1) } else { None };
    // The text inside the delimiters first, then the whole.
    let candidates = inner.map(|inner| (1, inner)).into_iter().chain([(0, raw)]);
    for (offset, text) in candidates {
        let lead = text.len() - text.trim_start().len();
        if text.trim() == value {
            let start = offset + lead;
            return (value, Some(entry.raw.within(start..start + value.len())));
        }
    }
    (value, None)
}
