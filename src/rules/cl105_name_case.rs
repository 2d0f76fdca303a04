//! CL105 name-case. Docs and cases: rules/CL105-name-case/
//!
//! The family name is BibTeX's Last part (spec/FORMATS.md §2.4): particles (`van`, `de`) are
//! the von part and never checked.
use super::namelist::{et_al_start, name_source};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::model::names::split_name;
use crate::model::pages::roman;
use crate::model::Record;

pub(crate) struct NameCase;

static META: RuleMeta = RuleMeta {
    code: "CL105",
    name: "name-case",
    severity: Severity::Warning,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL105-name-case/README.md"),
};

/// What is wrong with the case of a family name.
#[derive(Debug, PartialEq, Eq)]
enum Case {
    Upper,
    Lower,
}

/// The case problem of a decoded family name: all capitals (two letters or more) or all
/// lower case. Names with a digit, a TeX command left undecoded, or a letter without case
/// (CJK, Arabic, ...) are never flagged; neither are roman numerals (`Henry VIII`).
fn family_case(family: &str) -> Option<Case> {
    let junk = |c: char| c.is_ascii_digit() || matches!(c, '\\' | '(' | ')');
    if family.chars().any(junk) || roman(family).is_some() {
        return None;
    }
    let (mut letters, mut upper, mut lower) = (0usize, true, true);
    for c in family.chars().filter(|c| c.is_alphabetic()) {
        let (u, l) = (c.is_uppercase(), c.is_lowercase());
        if !u && !l {
            return None;
        }
        letters += 1;
        upper &= u;
        lower &= l;
    }
    match (letters >= 2, upper, lower) {
        (true, true, _) => Some(Case::Upper),
        (true, _, true) => Some(Case::Lower),
        _ => None,
    }
}

/// A brace group that is not a special character (`{NASA}`, `{van Gogh}`) keeps its case on
/// purpose, and a name braced whole is a corporate name.
fn protected(raw_last: &str) -> bool {
    raw_last.match_indices('{').any(|(i, _)| raw_last.get(i + 1..i + 2) != Some("\\"))
}

impl Rule for NameCase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_record(&self, record: &Record, cx: &mut Context) {
        for (entry, list) in super::namelist::bibtex_name_lists(record) {
            for name in &list.names {
                // Most family names are neither all capitals nor all lower case: done.
                let Some(case) = family_case(name.family()) else { continue };
                let Some(text) = name_source(cx, entry, name) else { continue };
                // `Smith et al.` is CL104's; `Al\-mei\-da` (TeX's discretionary hyphen) and
                // `Mu\~noz` (an unbraced accent) split where BibTeX splits them, not as meant.
                if et_al_start(text).is_some() || text.contains("\\-") || text.contains("\\~") {
                    continue;
                }
                let Some(parts) = split_name(text) else { continue };
                let Some(last) = parts.last.clone() else { continue };
                let raw_last = text.get(last.clone()).unwrap_or("");
                if protected(raw_last) {
                    continue;
                }
                // One word in capitals and nothing else is an acronym (`IEEE`, `OECD`).
                if case == Case::Upper && name.given().is_none() && name.particle().is_none() {
                    continue;
                }
                // `Cooper RA` (PubMed order): the capitals are initials, not a family name.
                let given_word = name.given().filter(|g| !g.contains(' ') && family_case(g).is_none());
                if case == Case::Upper && name.family().chars().count() <= 3 && given_word.is_some() {
                    continue;
                }
                let family = name.family();
                let message = match case {
                    Case::Upper => format!("family name `{family}` is in capitals"),
                    Case::Lower => format!("family name `{family}` is in lower case"),
                };
                cx.report(name.span.within(last), message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        assert_eq!(family_case("SMITH"), Some(Case::Upper));
        assert_eq!(family_case("O'BRIEN-JONES"), Some(Case::Upper));
        assert_eq!(family_case("ИВАНОВ"), Some(Case::Upper));
        assert_eq!(family_case("smith"), Some(Case::Lower));
        assert_eq!(family_case("Smith"), None);
        assert_eq!(family_case("McDONALD"), None);
        assert_eq!(family_case("X"), None);
        assert_eq!(family_case("VIII"), None);
        assert_eq!(family_case("민수"), None);
        assert_eq!(family_case("王"), None);
        assert_eq!(family_case("R2D2"), None);
        assert_eq!(family_case("n"), None);
        assert_eq!(family_case("ed.)"), None);
        assert!(protected("{NASA}"));
        assert!(!protected("{\\'A}lvarez"));
    }
}
