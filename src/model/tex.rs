//! TeX to Unicode decoding for comparisons.

/// Decodes TeX text to Unicode NFC with whitespace collapsed.
#[must_use]
pub fn decode(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
