//! Keeping terminals safe: control characters and bidirectional overrides from a user's file
//! are never printed raw (they can rewrite what a terminal shows, "Trojan Source").

use std::borrow::Cow;

/// Characters that must not reach a terminal: C0 controls other than tab, line feed and
/// carriage return; DEL and the C1 controls; bidi embeddings, overrides and isolates.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
}

/// Text with unsafe characters written as `\u{202e}`.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text with each unsafe character replaced by a visible one of the same UTF-8 length, so
/// that byte offsets (snippet labels) stay right: `?`, `¿` or `�`.
#[must_use]
pub fn same_length(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match (is_unsafe(c), c.len_utf8()) {
                (false, _) => c,
                (true, 1) => '?',
                (true, 2) => '\u{bf}',
                (true, _) => '\u{fffd}',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_keeps_lengths() {
        assert_eq!(escape("a\u{202e}b\u{1b}[31m"), "a\\u{202e}b\\u{1b}[31m");
        assert_eq!(escape("plain\ttext\n"), "plain\ttext\n");
        let s = "x\u{202e}y\u{85}z\u{7}";
        assert_eq!(same_length(s).len(), s.len());
        assert!(!same_length(s).chars().any(is_unsafe));
    }
}
