//! Dates: year, month and day, each with the span it came from.

use crate::source::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Date {
    pub year: Option<Spanned<i32>>,
    pub month: Option<Spanned<u8>>,
    pub day: Option<Spanned<u8>>,
}

/// Month names and abbreviations, English (BibTeX's `jan`..`dec` macros, plain.bst).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Reads a month written as a number (`7`, `07`), a name (`July`) or an abbreviation (`jul`, `Jul.`).
#[must_use]
pub fn parse_month(s: &str) -> Option<u8> {
    let s = s.trim().trim_end_matches('.');
    if let Ok(n) = s.parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = s.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    let i = MONTHS
        .iter()
        .position(|m| m.starts_with(&lower) || (lower.len() == 4 && lower == "sept" && *m == "september"))?;
    u8::try_from(i + 1).ok()
}

/// The macro names BibTeX styles and biber predefine for months.
#[must_use]
pub fn month_macro(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let i = MONTHS.iter().position(|m| m.get(..3) == Some(lower.as_str()))?;
    u8::try_from(i + 1).ok()
}

/// Reads a year: four digits, optionally signed (`-0333`). Anything else is `None`.
#[must_use]
pub fn parse_year(s: &str) -> Option<i32> {
    let s = s.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(parse_month("July"), Some(7));
        assert_eq!(parse_month("jul"), Some(7));
        assert_eq!(parse_month("Sept."), Some(9));
        assert_eq!(parse_month("07"), Some(7));
        assert_eq!(parse_month("13"), None);
        assert_eq!(parse_month("ju"), None);
        assert_eq!(month_macro("DEC"), Some(12));
        assert_eq!(month_macro("december"), None);
    }

    #[test]
    fn years() {
        assert_eq!(parse_year("2026"), Some(2026));
        assert_eq!(parse_year("-0333"), Some(-333));
        assert_eq!(parse_year("2026a"), None);
    }
}
