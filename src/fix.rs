//! Fixes: edits on the original text with an applicability (ruff's model, DESIGN §7).

use crate::source::Span;

/// How safe a fix is. Ordered: `DisplayOnly < Unsafe < Safe`; `>=` is the test.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    DisplayOnly,
    Unsafe,
    Safe,
}

impl Applicability {
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the text of `span` with `replacement` (empty to delete, empty span to insert).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Imperative: "Replace `-` with `--`".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    fn one(title: impl Into<String>, applicability: Applicability, span: Span, replacement: impl Into<String>) -> Self {
        Self { title: title.into(), applicability, edits: vec![Edit { span, replacement: replacement.into() }] }
    }

    #[must_use]
    pub fn safe_edit(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Self::one(title, Applicability::Safe, span, replacement)
    }

    #[must_use]
    pub fn unsafe_edit(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Self::one(title, Applicability::Unsafe, span, replacement)
    }

    #[must_use]
    pub fn display_only(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        Self::one(title, Applicability::DisplayOnly, span, replacement)
    }

    #[must_use]
    pub fn safe_deletion(title: impl Into<String>, span: Span) -> Self {
        Self::one(title, Applicability::Safe, span, "")
    }
}

/// Applies as many fixes as fit without overlapping, in order of position.
/// Returns the new text and how many fixes were applied. Every byte outside the edits is kept.
#[must_use]
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let (out, edits) = apply_edits(text, fixes);
    let applied = fixes.iter().filter(|f| f.edits.iter().any(|e| edits.iter().any(|t| std::ptr::eq(*t, e)))).count();
    (out, applied)
}

/// As [`apply`], returning the edits that were applied, in text order.
#[must_use]
pub fn apply_edits<'f>(text: &str, fixes: &[&'f Fix]) -> (String, Vec<&'f Edit>) {
    let mut sorted: Vec<&Fix> = fixes.iter().copied().filter(|f| !f.edits.is_empty()).collect();
    sorted.sort_by_key(|f| f.edits.iter().map(|e| (e.span.start, e.span.end)).min());
    let mut taken: Vec<&Edit> = Vec::new();
    for fix in sorted {
        let clashes = fix.edits.iter().any(|e| {
            e.span.end as usize > text.len()
                || !text.is_char_boundary(e.span.start as usize)
                || !text.is_char_boundary(e.span.end as usize)
                || taken.iter().any(|t| edits_clash(t, e))
                || fix.edits.iter().filter(|o| !std::ptr::eq(*o, e)).any(|o| edits_clash(o, e))
        });
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter());
    }
    taken.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in &taken {
        out.push_str(text.get(pos..e.span.start as usize).unwrap_or(""));
        out.push_str(&e.replacement);
        pos = e.span.end as usize;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    (out, taken)
}

/// Two edits clash when they overlap, or both insert at the same point.
fn edits_clash(a: &Edit, b: &Edit) -> bool {
    if a.span.start == b.span.start {
        return true;
    }
    a.span.start < b.span.end && b.span.start < a.span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn sp(a: usize, b: usize) -> Span {
        Span::new(FileId(0), a, b)
    }

    #[test]
    fn overlapping_fixes_are_skipped() {
        let a = Fix::safe_edit("a", sp(0, 3), "X");
        let b = Fix::safe_edit("b", sp(2, 4), "Y");
        let c = Fix::safe_edit("c", sp(5, 6), "Z");
        let (out, n) = apply("abcdefg", &[&b, &a, &c]);
        assert_eq!(out, "Xdefg".replacen('f', "Z", 1));
        assert_eq!(n, 2);
    }
}
