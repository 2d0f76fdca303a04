//! Dates: year, month and day, each with the span it came from.

use crate::source::Spanned;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Date {
    pub year: Option<Spanned<i32>>,
    pub month: Option<Spanned<u8>>,
    pub day: Option<Spanned<u8>>,
}

/// English month names (plain.bst's `jan`..`dec` macros expand to them), lower case.
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

/// The English name of month `m` (1-12), capitalized: `July`.
#[must_use]
pub fn month_name(m: u32) -> Option<&'static str> {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(m).ok().and_then(|m| m.checked_sub(1)).and_then(|i| NAMES.get(i)).copied()
}

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

/// What a `year` field holds, read the way a reader of the bibliography would.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum YearForm {
    /// Digits only: `2026`, `98`, `20266`. `digits` counts them.
    Number { value: i64, digits: usize },
    /// A year with a letter (`2020a`): a hand-made disambiguation.
    Suffixed { year: i64, suffix: char },
    /// Two years: `1967--1971`, `2019/2020`, `2019-2020`.
    Range { start: i64, end: i64 },
    /// An approximate or inferred year in library style: `c. 1850`, `ca. 1850`, `[1850]`, `1850?`.
    Approximate(i64),
    /// A publication status instead of a year: `forthcoming`, `in press`, `n.d.`.
    Status,
    /// Anything else: `May 1987`, `Tuesday, August 31, 2010`, `submitted 2014`.
    Other,
}

/// Publication statuses written in place of a year (compared case-insensitively, without a
/// final period). biblatex has the `pubstate` field for them (manual §2.2.2: `inpress`,
/// `submitted`, `forthcoming`, `inpreparation`, `prepublished`).
pub const STATUSES: &[&str] = &[
    "forthcoming",
    "in press",
    "inpress",
    "to appear",
    "submitted",
    "accepted",
    "in preparation",
    "in prep",
    "under review",
    "in review",
    "under submission",
    "preprint",
    "n.d",
    "s.d",
    "s.a",
    "no date",
    "undated",
    // Other languages seen in real files (Portuguese, Spanish, French, German).
    "no prelo",
    "em prep",
    "em preparação",
    "en prensa",
    "sous presse",
    "à paraître",
    "im druck",
    "in vorbereitung",
];

/// Reads a `year` value (already decoded from TeX, braces removed).
#[must_use]
pub fn classify_year(s: &str) -> YearForm {
    let s = super::edtf::normalize_digits(s.trim());
    let s = s.as_str();
    let lower = s.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if STATUSES.contains(&lower) {
        return YearForm::Status;
    }
    let four =
        |t: &str| (t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<i64>().ok()).flatten();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse() {
            Ok(value) => YearForm::Number { value, digits: s.len() },
            Err(_) => YearForm::Other,
        };
    }
    if let Some((digits, suffix)) = s.split_at_checked(4) {
        let mut chars = suffix.chars();
        if let (Some(year), Some(c), None) = (four(digits), chars.next(), chars.next()) {
            if c.is_ascii_lowercase() {
                return YearForm::Suffixed { year, suffix: c };
            }
        }
    }
    for sep in ["--", "\u{2013}", "/", "-"] {
        if let Some((a, b)) = s.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            // `2005/06`: an academic year, the end abbreviated to two digits.
            let short = (b.len() == 2 && b.bytes().all(|c| c.is_ascii_digit()))
                .then(|| four(a).and_then(|y| b.parse::<i64>().ok().map(|e| y - y % 100 + e)))
                .flatten();
            if let (Some(start), Some(end)) = (four(a), four(b).or(short)) {
                return YearForm::Range { start, end };
            }
        }
    }
    let approx = ["circa ", "ca. ", "ca ", "c. ", "c."]
        .iter()
        .find_map(|p| lower.strip_prefix(p))
        .or_else(|| s.strip_prefix('[').and_then(|r| r.strip_suffix(']')))
        .or_else(|| s.strip_suffix('?'));
    if let Some(year) = approx.and_then(|t| four(t.trim())) {
        return YearForm::Approximate(year);
    }
    YearForm::Other
}

/// The current year by the system clock (UTC), for "not after next year".
#[must_use]
pub fn current_year() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    civil_year(secs.div_euclid(86_400))
}

/// The proleptic Gregorian year of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
#[must_use]
pub fn civil_year(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i64::from(month <= 2)
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

    #[test]
    fn year_forms() {
        assert_eq!(classify_year("2026"), YearForm::Number { value: 2026, digits: 4 });
        assert_eq!(classify_year(" 98 "), YearForm::Number { value: 98, digits: 2 });
        assert_eq!(classify_year("2020a"), YearForm::Suffixed { year: 2020, suffix: 'a' });
        assert_eq!(classify_year("2019/2020"), YearForm::Range { start: 2019, end: 2020 });
        assert_eq!(classify_year("1967--1971"), YearForm::Range { start: 1967, end: 1971 });
        assert_eq!(classify_year("2005/06"), YearForm::Range { start: 2005, end: 2006 });
        assert_eq!(classify_year("no prelo"), YearForm::Status);
        assert_eq!(classify_year("\u{967}\u{96f}\u{96e}\u{96d}"), YearForm::Number { value: 1987, digits: 4 });
        assert_eq!(classify_year("c. 1850"), YearForm::Approximate(1850));
        assert_eq!(classify_year("ca. 1850"), YearForm::Approximate(1850));
        assert_eq!(classify_year("[1850]"), YearForm::Approximate(1850));
        assert_eq!(classify_year("1850?"), YearForm::Approximate(1850));
        assert_eq!(classify_year("In Press"), YearForm::Status);
        assert_eq!(classify_year("forthcoming"), YearForm::Status);
        assert_eq!(classify_year("n.d."), YearForm::Status);
        assert_eq!(classify_year("May 1987"), YearForm::Other);
        assert_eq!(classify_year("submitted 2014"), YearForm::Other);
        assert_eq!(classify_year("1977, 1989"), YearForm::Other);
        assert_eq!(classify_year("2020A"), YearForm::Other);
        assert_eq!(classify_year("\u{e9}t\u{e9}"), YearForm::Other);
    }

    #[test]
    fn civil_years() {
        assert_eq!(civil_year(0), 1970);
        assert_eq!(civil_year(-1), 1969);
        assert_eq!(civil_year(20_818), 2026); // 2026-12-31
        assert_eq!(civil_year(20_819), 2027); // 2027-01-01
        assert_eq!(civil_year(20_454), 2026); // 2026-01-01
        assert_eq!(civil_year(20_453), 2025); // 2025-12-31
        assert!(current_year() >= 2026);
    }
}
