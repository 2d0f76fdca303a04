//! DOIs: the resolver prefixes written before them, and their structure.
//!
//! A DOI is `10.` + a registrant code (digits, optionally subdivided by `.`) + `/` + a suffix
//! of any printable characters (DOI Handbook §2.2). Crossref recommends suffixes matching
//! `^10.\d{4,9}/[-._;()/:A-Z0-9]+$` (case-insensitive), which most DOIs do; older ones carry
//! `<>`, `[]`, `#`, `+` (`10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O`) and are
//! just as valid, so only the structure is checked.

use std::fmt;

/// The resolver or label prefixes a DOI field may hold (compared ignoring case). `doi.acm.org`
/// is the ACM's former DOI resolver, still common in exported BibTeX.
const PREFIXES: [&str; 12] = [
    "https://dx.doi.org/",
    "http://dx.doi.org/",
    "https://www.doi.org/",
    "http://www.doi.org/",
    "https://doi.org/",
    "http://doi.org/",
    "https://doi.acm.org/",
    "http://doi.acm.org/",
    "dx.doi.org/",
    "doi.org/",
    "info:doi/",
    "doi:",
];

/// The byte length of a resolver URL or `doi:` label before a DOI, white space after it
/// included: `https://doi.org/`, `http://dx.doi.org/`, `doi:`, `DOI: `, `DOI 10.` (a bare `DOI`
/// word counts only when `10.` follows).
#[must_use]
pub fn prefix_len(s: &str) -> Option<usize> {
    let starts = |p: &str| s.as_bytes().get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    let len = PREFIXES.iter().find(|p| starts(p)).map(|p| p.len()).or_else(|| {
        if !starts("doi") {
            return None;
        }
        // `10.` must follow within the first 24 characters.
        let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
        let after = s.get(3..end)?;
        let rest = after.trim_start();
        (rest.len() < after.len() && rest.starts_with("10.")).then_some(3)
    })?;
    let rest = s.get(len..)?;
    Some(len + (rest.len() - rest.trim_start().len()))
}

/// Why a text is not a DOI.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DoiError {
    /// Does not begin with `10.`.
    Directory,
    /// The registrant code (between `10.` and `/`) is not digits and dots.
    Registrant,
    /// No `/`, or nothing after it.
    Suffix,
    /// White space or a control character inside.
    Space,
}

impl fmt::Display for DoiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DoiError::Directory => write!(f, "a DOI begins with `10.`"),
            DoiError::Registrant => write!(f, "the registrant code between `10.` and `/` must be digits"),
            DoiError::Suffix => write!(f, "a DOI has a suffix after the `/`"),
            DoiError::Space => write!(f, "a DOI has no spaces"),
        }
    }
}

/// The DOI itself: TeX escapes (`\_`, `\%`, `\&`, `\#`) and braces removed, `%xx` decoded.
#[must_use]
pub fn unescape(s: &str) -> String {
    if !s.contains(['{', '}', '\\']) {
        return percent_decode(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' => {}
            '\\' if chars.peek().is_some_and(|n| matches!(n, '_' | '%' | '&' | '#' | '$' | '~')) => {}
            _ => out.push(c),
        }
    }
    percent_decode(&out)
}

/// Decodes `%xx` escapes; text that would not be UTF-8 afterwards is returned unchanged.
#[must_use]
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_owned();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match b {
            b'%' => bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()),
            _ => None,
        };
        match escaped.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(v) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// Checks the structure of a bare DOI (no resolver prefix), after [`unescape`].
///
/// # Errors
/// The [`DoiError`] that says what is missing.
pub fn validate(doi: &str) -> Result<(), DoiError> {
    if doi.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(DoiError::Space);
    }
    let Some(rest) = doi.strip_prefix("10.") else { return Err(DoiError::Directory) };
    let Some((registrant, suffix)) = rest.split_once('/') else { return Err(DoiError::Suffix) };
    let digits_and_dots = registrant.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !digits_and_dots {
        return Err(DoiError::Registrant);
    }
    if suffix.is_empty() {
        return Err(DoiError::Suffix);
    }
    Ok(())
}

/// Whether a DOI matches Crossref's recommended pattern `^10.\d{4,9}/[-._;()/:A-Z0-9]+$`.
#[must_use]
pub fn crossref_recommended(doi: &str) -> bool {
    let Some(rest) = doi.strip_prefix("10.") else { return false };
    let Some((registrant, suffix)) = rest.split_once('/') else { return false };
    (4..=9).contains(&registrant.len())
        && registrant.bytes().all(|b| b.is_ascii_digit())
        && !suffix.is_empty()
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._;()/:".contains(&b))
}

/// A DOI for comparison: prefix removed, unescaped, lower case (DOIs are case-insensitive).
#[must_use]
pub fn normalize(s: &str) -> String {
    let s = s.trim();
    let s = prefix_len(s).and_then(|n| s.get(n..)).unwrap_or(s);
    unescape(s).to_lowercase()
}

/// The DOI as grouping and duplicate checks compare it: [`normalize`]d, and only when what is
/// left is a DOI (`10.` + registrant).
#[must_use]
pub fn key(s: &str) -> Option<String> {
    let d = normalize(s);
    d.starts_with("10.").then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(prefix_len("https://doi.org/10.1000/x"), Some(16));
        assert_eq!(prefix_len("http://dx.doi.org/10.1000/x"), Some(18));
        assert_eq!(prefix_len("HTTPS://DOI.ORG/10.1000/x"), Some(16));
        assert_eq!(prefix_len("doi:10.1000/x"), Some(4));
        assert_eq!(prefix_len("DOI: 10.1000/x"), Some(5));
        assert_eq!(prefix_len("DOI 10.1000/x"), Some(4));
        assert_eq!(prefix_len("10.1000/x"), None);
        assert_eq!(prefix_len("doing"), None);
        assert_eq!(prefix_len("é"), None);
    }

    #[test]
    fn valid_dois() {
        for d in [
            "10.1000/182",
            "10.18653/v1/2026.acl-long.889",
            "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O",
            "10.1093/ajae/aaq063",
            "10.1000.10/123",
            "10.1007/978-3-642-25704-9_1",
            "10.1016/S0140-6736(20)30183-5",
            "10.1145/3290605.3300857#sec",
        ] {
            assert_eq!(validate(d), Ok(()), "{d}");
        }
        assert!(crossref_recommended("10.18653/v1/2026.acl-long.889"));
        assert!(!crossref_recommended("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-O"));
    }

    #[test]
    fn invalid_dois() {
        assert_eq!(validate("1000/182"), Err(DoiError::Directory));
        assert_eq!(validate("10.abc/182"), Err(DoiError::Registrant));
        assert_eq!(validate("10.1000"), Err(DoiError::Suffix));
        assert_eq!(validate("10.1000/"), Err(DoiError::Suffix));
        assert_eq!(validate("10.1000/a b"), Err(DoiError::Space));
    }

    #[test]
    fn unescaping_and_normalizing() {
        assert_eq!(unescape(r"10.1000/a\_b"), "10.1000/a_b");
        assert_eq!(unescape("{10.1000/ABC}"), "10.1000/ABC");
        assert_eq!(unescape("10.1002/%28SICI%29"), "10.1002/(SICI)");
        assert_eq!(normalize("https://doi.org/10.1000/ABC"), "10.1000/abc");
    }

    /// The implementations before the fast paths, as the reference they must agree with.
    mod reference {
        pub fn prefix_len(s: &str) -> Option<usize> {
            let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
            let lower = s.get(..end).map(str::to_ascii_lowercase).unwrap_or_default();
            let len = super::PREFIXES.iter().find(|p| lower.starts_with(*p)).map(|p| p.len()).or_else(|| {
                let after = lower.strip_prefix("doi")?;
                let rest = after.trim_start();
                (rest.len() < after.len() && rest.starts_with("10.")).then_some(3)
            })?;
            let rest = s.get(len..)?;
            Some(len + (rest.len() - rest.trim_start().len()))
        }

        pub fn percent_decode(s: &str) -> String {
            let bytes = s.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while let Some(&b) = bytes.get(i) {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) if b == b'%' => {
                        out.push(v);
                        i += 3;
                    }
                    _ => {
                        out.push(b);
                        i += 1;
                    }
                }
            }
            String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
        }
    }

    proptest::proptest! {
        #[test]
        fn prefix_len_agrees_with_the_reference(s in "(https?://(dx\\.)?|DOI|doi|info:doi/|[dD][oO][iI]:)?[ \u{a0}]{0,24}(10\\.|é)?[0-9a-z/]{0,4}") {
            proptest::prop_assert_eq!(prefix_len(&s), reference::prefix_len(&s));
        }

        #[test]
        fn percent_decode_agrees_with_the_reference(s in "[%0-9a-fA-Fé/.]{0,12}") {
            proptest::prop_assert_eq!(percent_decode(&s), reference::percent_decode(&s));
        }
    }
}
