//! Comparison keys for cross-format agreement (DESIGN §6, FORMATS §8).
//!
//! Values in records are already decoded (TeX in BibTeX, entities in XML, escapes in JSON); the
//! keys here remove what formats legitimately write differently, so that two keys differ only
//! when the data does:
//! - text (titles, containers, publisher, place): decoded, NFC, case folded, punctuation and
//!   white space dropped (`{A}ssociation` = `Association`, `Models: A Survey` = `Models -- a survey`);
//! - names: the folded family name with its particle joined (`van Merriënboer`), and the given
//!   names' initials (`Viviane P.` = `Viviane P` = `V. P.`);
//! - months as numbers (the lowering already reads `jul`, `July`, `07`, `2026-07`);
//! - pages as numbers, whatever the dash;
//! - DOI lower case without resolver; URL as `works::normalize_url`; ISBN digits only, ISBN-10
//!   as its ISBN-13; ISSN digits only.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::model::tex;

/// Whether `s` is in NFC by the quick check (UAX #15 §9: `false` may still be NFC). Runs of
/// ASCII are skipped: they are NFC and reset the check (combining class 0), so each run of
/// other characters is checked on its own, with the answer of checking the whole.
#[must_use]
pub fn is_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut at = 0;
    while let Some(start) = next_non_ascii(bytes, at) {
        let len = bytes.get(start..).map_or(0, |rest| rest.iter().position(u8::is_ascii).unwrap_or(rest.len()));
        let run = s.get(start..start + len).unwrap_or("");
        if is_nfc_quick(run.chars()) != IsNormalized::Yes {
            return false;
        }
        at = start + len;
    }
    true
}

/// The offset of the first byte from `from` on that is not ASCII: 64 bytes at a time (the
/// test of a block vectorizes), then byte by byte.
fn next_non_ascii(bytes: &[u8], mut from: usize) -> Option<usize> {
    while bytes.get(from..from + 64).is_some_and(<[u8]>::is_ascii) {
        from += 64;
    }
    bytes.get(from..)?.iter().position(|b| !b.is_ascii()).map(|o| from + o)
}

/// `s` in NFC, as every decoded value is (DESIGN §3).
#[must_use]
pub fn nfc(s: &str) -> String {
    nfc_cow(s).into_owned()
}

/// [`nfc`], borrowing `s` when it is NFC already (most text is).
#[must_use]
pub fn nfc_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if is_nfc(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(s.nfc().collect())
    }
}

/// [`nfc`] of an owned text: kept as it is when it is NFC already.
#[must_use]
pub fn into_nfc(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}
/// Whether [`collapse_whitespace`] leaves `s` as it is: single spaces between words, none at
/// the ends, no other white space. One pass over the bytes; characters are read only after a
/// byte that can start non-ASCII white space (U+0085, U+00A0, U+1680, U+2000 to U+205F,
/// U+3000 start with 0xC2, 0xE1, 0xE2 or 0xE3 in UTF-8).
#[must_use]
pub fn is_collapsed(s: &str) -> bool {
    let mut after_space = true; // so a leading space fails
    let mut maybe_wide_space = false;
    for &b in s.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t'..=b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                maybe_wide_space = true;
                after_space = false;
            }
            _ => after_space = false,
        }
    }
    (!after_space || s.is_empty()) && !(maybe_wide_space && s.chars().any(|c| c.is_whitespace() && c != ' '))
}

/// Runs of white space (Unicode's) collapsed to one space, trimmed.
#[must_use]
pub fn collapse_whitespace(s: &str) -> String {
    if is_collapsed(s) {
        s.to_owned()
    } else {
        collapse(s)
    }
}

/// [`collapse_whitespace`] of an owned text: kept as it is when it needs none.
#[must_use]
pub fn into_collapsed(s: String) -> String {
    if is_collapsed(&s) {
        s
    } else {
        collapse(&s)
    }
}

/// The words of `s`, one space between them.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

use crate::model::{Name, PageRange};

/// The key of a text value: decoded, folded, compatibility-normalized (NFKC: `₂` = `2`, as
/// bibutils writes TeX's `_2`), letters and digits only.
#[must_use]
pub fn text_key(text: &str) -> String {
    tex::fold(text).nfkc().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The comparison key of one name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameKey {
    /// Particle and family name, folded, letters and digits only.
    pub family: String,
    /// The initials of the given names, folded (`vp` for `Viviane P.`); empty when not known.
    pub initials: String,
    /// The whole name in reading order (given names, particle, family name), folded, letters
    /// and digits only; empty without given names. Citation lines split `First Last` at the
    /// last word, so `Luis Fernando De Mingo López` is the same person as `De Mingo López, Luis
    /// Fernando` (FORMATS §8: the Anthology's own first/last split).
    pub whole: String,
}

impl NameKey {
    /// Whether two keys may name the same person: the same family name and the same
    /// initials, or initials missing on one side (a Markdown citation carries family names only).
    #[must_use]
    pub fn compatible(&self, other: &NameKey) -> bool {
        (self.family == other.family
            && (self.initials.is_empty() || other.initials.is_empty() || self.initials == other.initials))
            || (!self.whole.is_empty() && self.whole == other.whole)
    }
}

/// The key of a name.
#[must_use]
pub fn name_key(name: &Name) -> NameKey {
    let mut family = String::new();
    if let Some(p) = name.particle() {
        family.push_str(p);
        family.push(' ');
    }
    family.push_str(name.family());
    let initials = name.given().map(initials).unwrap_or_default();
    let whole = match name.given().filter(|g| !g.trim().is_empty()) {
        Some(g) => text_key(&format!("{g} {family}")),
        None => String::new(),
    };
    NameKey { family: text_key(&family), initials, whole }
}

/// The initials of given names: the first letter of each part split at spaces, periods and
/// hyphens, folded (`Viviane P.` -> `vp`, `Jean-Paul` -> `jp`). A part of two or three capitals
/// is packed initials (`PY` = `P. Y.`, as bibutils splits them).
#[must_use]
pub fn initials(given: &str) -> String {
    tex::decode(given)
        .split(|c: char| c.is_whitespace() || c == '.' || c == '-' || c == '\u{2010}')
        .flat_map(|part| {
            let letters: Vec<char> = part.chars().filter(|c| c.is_alphanumeric()).collect();
            let packed = (2..=3).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase());
            let take = if packed { letters.len() } else { 1 };
            letters.into_iter().take(take).collect::<Vec<_>>()
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The key of a page range: `first-last` as numbers when they are numbers, else folded text.
#[must_use]
pub fn pages_key(pages: &PageRange) -> String {
    let start = page_part(&pages.start.value);
    match &pages.end {
        Some(end) if !end.value.trim().is_empty() => format!("{start}-{}", page_part(&end.value)),
        _ => start,
    }
}

fn page_part(s: &str) -> String {
    let t = s.trim();
    match t.parse::<u64>() {
        Ok(n) => n.to_string(),
        Err(_) => text_key(t),
    }
}

/// A DOI: lower case, without resolver or `doi:` label.
#[must_use]
pub fn doi_key(doi: &str) -> Option<String> {
    super::doi::key(doi)
}

/// A URL as `works::normalize_url` has it (DOI resolver URLs are not URLs here); a host with
/// characters no host name has (a local path such as `C:\Users\...`) is not a URL.
#[must_use]
pub fn url_key(url: &str) -> Option<String> {
    let key = crate::works::normalize_url(url)?;
    let host = key.split('/').next().unwrap_or("");
    host.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '@')).then_some(key)
}

/// An ISBN: digits (and a final `X`) only; an ISBN-10 becomes its ISBN-13, so both forms agree.
#[must_use]
pub fn isbn_key(isbn: &str) -> Option<String> {
    let digits: String =
        isbn.chars().filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x').map(|c| c.to_ascii_uppercase()).collect();
    match digits.len() {
        13 => Some(digits),
        10 => {
            let body: Vec<u32> = std::iter::once("978")
                .chain(std::iter::once(digits.get(..9)?))
                .flat_map(str::chars)
                .filter_map(|c| c.to_digit(10))
                .collect();
            if body.len() != 12 {
                return None;
            }
            let sum: u32 = body.iter().enumerate().map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 }).sum();
            let check = (10 - sum % 10) % 10;
            let mut out: String = body.iter().filter_map(|d| char::from_digit(*d, 10)).collect();
            out.push(char::from_digit(check, 10)?);
            Some(out)
        }
        0 => None,
        _ => Some(digits),
    }
}

/// An ISSN: digits and `X` only.
#[must_use]
pub fn issn_key(issn: &str) -> Option<String> {
    let d: String =
        issn.chars().filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x').map(|c| c.to_ascii_uppercase()).collect();
    (!d.is_empty()).then_some(d)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // reason: tests may panic
    use super::*;
    use crate::source::{FileId, Span, Spanned};

    proptest::proptest! {
        /// Text that needs no collapsing is left as it is.
        #[test]
        fn is_collapsed_agrees_with_collapsing(text in "[ a\\t\n\u{b}\u{85}\u{a0}\u{1680}\u{2003}\u{3000}\u{e9}\u{2013}b]{0,12}") {
            let slow: Vec<&str> = text.split_whitespace().collect();
            proptest::prop_assert_eq!(is_collapsed(&text), slow.join(" ") == text);
            proptest::prop_assert_eq!(collapse_whitespace(&text), slow.join(" "));
            proptest::prop_assert_eq!(into_collapsed(text.clone()), slow.join(" "));
        }

        /// Skipping ASCII gives the quick check's answer on the whole text.
        #[test]
        fn is_nfc_is_the_quick_check(s in "[a e\u{301}\u{316}\u{300}\u{e9}\u{1100}\u{1161}\u{212b}\u{f900}\u{0}-\u{7f}]{0,160}") {
            proptest::prop_assert_eq!(is_nfc(&s), is_nfc_quick(s.chars()) == IsNormalized::Yes);
        }

        /// The same over long ASCII stretches (skipped 64 bytes at a time).
        #[test]
        fn is_nfc_skips_long_ascii(s in "[a-z ]{0,150}[\u{301}\u{e9}\u{316}]{0,2}[a-z ]{0,150}[\u{300}\u{301}]?") {
            proptest::prop_assert_eq!(is_nfc(&s), is_nfc_quick(s.chars()) == IsNormalized::Yes);
        }
    }

    fn name(family: &str, given: Option<&str>, particle: Option<&str>) -> Name {
        Name::new(Span { file: FileId(0), start: 0, end: 0 }, family, given, particle, None)
    }

    #[test]
    fn titles_ignore_case_braces_and_punctuation() {
        assert_eq!(text_key("Models: A Survey of {T}raining"), text_key("models -- a survey of training"));
        assert_eq!(text_key("Caf\\'e  au lait"), text_key("Café au lait"));
        assert_ne!(text_key("Towards A"), text_key("Toward A"));
    }

    #[test]
    fn names_by_family_and_initials() {
        let a = name_key(&name("Moreira", Some("Viviane P."), None));
        let b = name_key(&name("Moreira", Some("Viviane P"), None));
        assert_eq!(a, b);
        assert_eq!(a.initials, "vp");
        let c = name_key(&name("Merriënboer", Some("Bart"), Some("van")));
        let d = name_key(&name("van Merriënboer", None, None));
        assert!(c.compatible(&d));
        assert!(!a.compatible(&name_key(&name("Moreira", Some("Ana"), None))));
        // Another split of the same words between given and family names.
        let e = name_key(&name("De Mingo López", Some("Luis Fernando"), None));
        let f = name_key(&name("López", Some("Luis Fernando De Mingo"), None));
        assert!(e.compatible(&f) && f.compatible(&e));
        assert!(!e.compatible(&name_key(&name("López", Some("Luis Fernando"), None))));
        assert_eq!(initials("Jean-Paul"), "jp");
        assert_eq!(initials("PY"), initials("P Y"));
        assert_eq!(initials("Li"), "l");
        assert_eq!(text_key("Cu_2O"), text_key("Cu₂O"));
    }

    #[test]
    fn pages_as_numbers() {
        let s = |v: &str| Spanned::new(v.to_owned(), Span { file: FileId(0), start: 0, end: 0 });
        let span = Span { file: FileId(0), start: 0, end: 0 };
        let p = PageRange::from_ends(span, s("0110"), Some(s("99")));
        assert_eq!(pages_key(&p), "110-99");
        let q = PageRange::from_ends(span, s("e12"), None);
        assert_eq!(pages_key(&q), "e12");
    }

    #[test]
    fn identifiers() {
        assert_eq!(doi_key("https://doi.org/10.18653/V1/X"), Some("10.18653/v1/x".into()));
        assert_eq!(isbn_key("979-8-89176-390-6"), Some("9798891763906".into()));
        assert_eq!(isbn_key("0-306-40615-2"), isbn_key("978-0-306-40615-7"));
        assert_eq!(issn_key("0378-5955"), Some("03785955".into()));
        assert_eq!(url_key("https://www.ACLanthology.org/x/"), Some("aclanthology.org/x".into()));
        assert_eq!(url_key("https://doi.org/10.1/x"), None);
        assert_eq!(url_key("C:\\Users\\me\\Zotero\\storage\\x.pdf"), None);
    }
}
