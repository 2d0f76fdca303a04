//! Edits in BibTeX syntax that fixes share (the "encode" side of the format, DESIGN §2).

use super::ast::Entry;
use crate::source::Span;

/// The span to delete to remove `entry.fields[index]` cleanly: its whole line(s) when the
/// field stands alone on them, else the field with its comma and following blanks; for a
/// last field without a comma, the comma before it goes instead.
#[must_use]
pub fn field_deletion(entry: &Entry, index: usize, text: &str) -> Option<Span> {
    let field = entry.fields.get(index)?;
    let bytes = text.as_bytes();
    let start = field.span.start as usize;
    let end = field.comma.map_or(field.span.end, |c| c.end) as usize;
    let line_start = text.get(..start)?.rfind('\n').map_or(0, |i| i + 1);
    let alone_before = text.get(line_start..start)?.trim().is_empty();
    let after = text.get(end..)?;
    let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
    let rest_of_line = end + blanks;
    let ends_line = matches!(bytes.get(rest_of_line), Some(b'\n' | b'\r'));
    if field.comma.is_none() {
        // The last field: take the previous comma so that no trailing comma is left behind.
        let prev_comma = index.checked_sub(1).and_then(|i| entry.fields.get(i)).and_then(|f| f.comma);
        if let Some(comma) = prev_comma {
            return Some(Span::new(entry.span.file, comma.start as usize, end));
        }
    }
    if alone_before && ends_line {
        let newline = text.get(rest_of_line..)?.find('\n').map_or(text.len(), |i| rest_of_line + i + 1);
        return Some(Span::new(entry.span.file, line_start, newline));
    }
    Some(Span::new(entry.span.file, start, rest_of_line))
}
