//! Date syntaxes and their validators: pure functions on text, used by CL303 and CL304.
//!
//! - [`DateSyntax::Edtf`]: BibLaTeX date fields (`date`, `origdate`, `eventdate`, `urldate`),
//!   ISO 8601-2 / EDTF level 0 and 1 as biber reads them (spec/FORMATS.md §3; biblatex manual
//!   §2.3.8 "Date and Time Specifications"; biber's `t/tdata/dateformats.bib`).
//! - [`DateSyntax::W3cdtf`]: MODS `dateIssued encoding="w3cdtf"` (W3C "Date and Time Formats",
//!   1997: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, then `Thh:mm[:ss[.s]]TZD`).
//!
//! RIS `PY`/`DA` (`YYYY/MM/DD/other`), Refer `%D` and CSL `date-parts` get a variant each when
//! their parsers land; the rule asks [`validate`] and does not care which syntax it is.

use std::fmt;

/// The date syntaxes citelint knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateSyntax {
    /// ISO 8601-2 / EDTF level 0-1, as biber accepts it (BibLaTeX date fields).
    Edtf,
    /// W3C-DTF, the ISO 8601 profile MODS uses for `encoding="w3cdtf"`.
    W3cdtf,
}

impl DateSyntax {
    /// How the syntax is named in messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            DateSyntax::Edtf => "an ISO 8601/EDTF date",
            DateSyntax::W3cdtf => "a W3C-DTF date",
        }
    }
}

/// Why a date is invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateError {
    /// Nothing but white space.
    Empty,
    /// Not in the syntax at all (`July 2026`, `31/12/2014`).
    Malformed(DateSyntax),
    /// A month or day written with one digit (`1995-1-04`).
    OneDigit,
    /// A month outside 01-12 (and, in EDTF, outside the seasons 21-24).
    Month(u32),
    /// A day the month does not have (`2026-02-30`).
    Day { year: Option<i64>, month: u32, day: u32 },
    /// A time that is not `hh:mm:ss` with an optional zone, or out of range.
    Time,
    /// A range without either end (`/`, `../..`).
    NoEnds,
    /// A range whose end comes before its start.
    Reversed,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => write!(f, "the date is empty"),
            DateError::Malformed(syntax) => write!(f, "it is not {}", syntax.name()),
            DateError::OneDigit => write!(f, "months and days need two digits"),
            DateError::Month(m) => write!(f, "there is no month {m}"),
            DateError::Day { year, month, day } => {
                let name = super::date::month_name(*month).unwrap_or("the month");
                match year {
                    Some(y) if *month == 2 && *day == 29 => write!(f, "{y} is not a leap year"),
                    _ => write!(f, "{name} has no day {day}"),
                }
            }
            DateError::Time => write!(f, "the time is not `hh:mm:ss` with an optional zone"),
            DateError::NoEnds => write!(f, "a range needs at least one end"),
            DateError::Reversed => write!(f, "the range ends before it starts"),
        }
    }
}

/// One end of a date (or the date itself).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DatePoint {
    /// The year as written after normalizing digits: `2026`, `201X`, `-0333`, `Y170000002`.
    pub year_text: String,
    /// The year when every digit is given.
    pub year: Option<i64>,
    /// A month 1-12, when given (not `XX`, not a season).
    pub month: Option<u32>,
    /// A season 21-24 written in the month's place.
    pub season: Option<u32>,
    /// A day 1-31, when given (not `XX`).
    pub day: Option<u32>,
}

impl DatePoint {
    /// Whether `year` fits this point's year (`201X` fits 2015).
    #[must_use]
    pub fn year_matches(&self, year: i64) -> bool {
        if let Some(y) = self.year {
            return y == year;
        }
        let want = format!("{year:04}");
        want.len() == self.year_text.len() && want.bytes().zip(self.year_text.bytes()).all(|(w, p)| p == b'X' || p == w)
    }
}

/// A valid date: one point, or a range with optional ends.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedDate {
    pub start: Option<DatePoint>,
    /// `Some` for a range with a known end.
    pub end: Option<DatePoint>,
    pub is_range: bool,
}

/// Validates `text` (trimmed) in `syntax`.
///
/// # Errors
/// Why the text is not a date of that syntax.
pub fn validate(syntax: DateSyntax, text: &str) -> Result<ParsedDate, DateError> {
    let s = normalize_digits(text.trim());
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    match syntax {
        DateSyntax::Edtf => parse_edtf(&s),
        DateSyntax::W3cdtf => parse_w3cdtf(&s).map(|p| ParsedDate { start: Some(p), end: None, is_range: false }),
    }
}

/// Decimal digits of other scripts (`१९८७`, `２０２６`) as ASCII: biber reads them
/// (`dateformats.bib`, entry `script1`).
pub(crate) fn normalize_digits(s: &str) -> String {
    /// The zero of each decimal digit block that shows up in bibliographic data.
    const ZEROS: [u32; 10] = [0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0BE6, 0x0E50, 0x0ED0, 0xFF10];
    s.chars()
        .map(|c| {
            let cp = u32::from(c);
            ZEROS
                .iter()
                .find_map(|&z| cp.checked_sub(z).filter(|d| *d < 10))
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or(c)
        })
        .collect()
}

fn parse_edtf(s: &str) -> Result<ParsedDate, DateError> {
    let malformed = DateError::Malformed(DateSyntax::Edtf);
    let Some((a, b)) = s.split_once('/') else {
        if s == ".." {
            return Err(malformed);
        }
        return edtf_point(s).map(|p| ParsedDate { start: Some(p), end: None, is_range: false });
    };
    if b.contains('/') {
        return Err(malformed);
    }
    let open = |x: &str| x.is_empty() || x == "..";
    if open(a) && open(b) {
        return Err(DateError::NoEnds);
    }
    let start = if open(a) { None } else { Some(edtf_point(a)?) };
    let end = if open(b) { None } else { Some(edtf_point(b)?) };
    if let (Some(x), Some(y)) = (&start, &end) {
        if reversed(x, y) {
            return Err(DateError::Reversed);
        }
    }
    Ok(ParsedDate { start, end, is_range: true })
}

/// Whether `end` is before `start`, comparing what both give exactly.
fn reversed(start: &DatePoint, end: &DatePoint) -> bool {
    let (Some(y1), Some(y2)) = (start.year, end.year) else { return false };
    if y1 != y2 {
        return y2 < y1;
    }
    let (Some(m1), Some(m2)) = (start.month, end.month) else { return false };
    if m1 != m2 {
        return m2 < m1;
    }
    let (Some(d1), Some(d2)) = (start.day, end.day) else { return false };
    d2 < d1
}

/// One EDTF date: `[-]YYYY[-MM[-DD[Thh:mm:ss[.f][zone]]]][?~%]`, `YYYY-SS` (season),
/// `Y[-]digits`, `X` for unspecified digits (level 1: `201X`, `20XX`, `2004-XX`, `2004-06-XX`).
fn edtf_point(s: &str) -> Result<DatePoint, DateError> {
    let malformed = DateError::Malformed(DateSyntax::Edtf);
    let body = s.strip_suffix(['?', '~', '%']).unwrap_or(s);
    let qualified = body.len() != s.len();
    if let Some(long) = body.strip_prefix('Y') {
        // Level 1 "letter-prefixed calendar year" (biber also takes it with four digits).
        let digits = long.strip_prefix('-').unwrap_or(long);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || qualified {
            return Err(malformed);
        }
        return Ok(DatePoint { year_text: body.to_owned(), year: long.parse().ok(), ..DatePoint::default() });
    }
    let (date, time) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let (negative, date) = match date.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let mut parts = date.split('-');
    let year_text = parts.next().unwrap_or("");
    let (month_text, day_text) = (parts.next(), parts.next());
    if parts.next().is_some() {
        return Err(malformed);
    }
    let unspecified = year_text.bytes().filter(|b| *b == b'X').count();
    let year_ok = year_text.len() == 4
        && year_text.bytes().all(|b| b.is_ascii_digit() || b == b'X')
        && year_text.trim_end_matches('X').bytes().all(|b| b.is_ascii_digit())
        && unspecified <= 2
        && !(negative && unspecified > 0);
    if !year_ok {
        return Err(malformed);
    }
    let year =
        if unspecified == 0 { year_text.parse::<i64>().ok().map(|y| if negative { -y } else { y }) } else { None };
    let mut point = DatePoint {
        year_text: if negative { format!("-{year_text}") } else { year_text.to_owned() },
        year,
        ..DatePoint::default()
    };
    let Some(month_text) = month_text else {
        return if time.is_some() { Err(malformed) } else { Ok(point) };
    };
    let month = two_digits(month_text)?;
    match month {
        None => {}
        Some(m @ 1..=12) => point.month = Some(m),
        Some(s @ 21..=24) if day_text.is_none() && time.is_none() => point.season = Some(s),
        Some(m) => return Err(DateError::Month(m)),
    }
    let Some(day_text) = day_text else {
        return if time.is_some() { Err(malformed) } else { Ok(point) };
    };
    let day = two_digits(day_text)?;
    match (point.month, day) {
        (_, None) => {}
        (None, Some(_)) => return Err(malformed),
        (Some(m), Some(d)) => {
            if d == 0 || d > days_in_month(point.year, m) {
                return Err(DateError::Day { year: point.year, month: m, day: d });
            }
            point.day = Some(d);
        }
    }
    if let Some(t) = time {
        if point.day.is_none() || qualified || !valid_time(t, true) {
            return Err(DateError::Time);
        }
    }
    Ok(point)
}

/// `MM` or `DD`: `Some(n)`, `None` for `XX`; one digit is [`DateError::OneDigit`].
fn two_digits(s: &str) -> Result<Option<u32>, DateError> {
    if s == "XX" {
        return Ok(None);
    }
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        if s.len() == 1 {
            return Err(DateError::OneDigit);
        }
        if s.len() == 2 {
            return Ok(s.parse().ok());
        }
    }
    Err(DateError::Malformed(DateSyntax::Edtf))
}

/// Days in a month of the proleptic Gregorian calendar (astronomical years: 0 is a leap year);
/// an unknown year allows 29 February.
#[must_use]
pub fn days_in_month(year: Option<i64>, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

/// `hh:mm:ss[.f+][Z|±hh[:mm]]`; W3C-DTF (`seconds_required` false) also allows `hh:mm` and
/// requires the zone (checked by the caller).
fn valid_time(t: &str, seconds_required: bool) -> bool {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => (t.get(..i).unwrap_or(""), t.get(i..).unwrap_or("")),
        None => (t, ""),
    };
    let mut fields = clock.split(':');
    let ranged = |s: Option<&str>, max: u32| {
        s.is_some_and(|s| {
            s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n <= max)
        })
    };
    if !ranged(fields.next(), 23) || !ranged(fields.next(), 59) {
        return false;
    }
    match fields.next() {
        None if !seconds_required => {}
        None => return false,
        Some(sec) => {
            let (whole, frac) = match sec.split_once('.') {
                Some((w, f)) => (w, Some(f)),
                None => (sec, None),
            };
            if !ranged(Some(whole), 59) || frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()))
            {
                return false;
            }
        }
    }
    if fields.next().is_some() {
        return false;
    }
    valid_zone(zone)
}

fn valid_zone(zone: &str) -> bool {
    if zone.is_empty() || zone == "Z" {
        return true;
    }
    let Some(offset) = zone.strip_prefix(['+', '-']) else { return false };
    let two = |s: &str, max: u32| {
        s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u32>().is_ok_and(|n| n <= max)
    };
    match offset.split_once(':') {
        Some((h, m)) => two(h, 23) && two(m, 59),
        None => two(offset, 23),
    }
}

/// W3C-DTF: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDThh:mmTZD`, `...Thh:mm:ss[.s]TZD`.
fn parse_w3cdtf(s: &str) -> Result<DatePoint, DateError> {
    let malformed = DateError::Malformed(DateSyntax::W3cdtf);
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut parts = date.split('-');
    let year_text = parts.next().unwrap_or("");
    if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed);
    }
    let mut point = DatePoint { year_text: year_text.to_owned(), year: year_text.parse().ok(), ..DatePoint::default() };
    let month = parts.next();
    let day = parts.next();
    if parts.next().is_some() {
        return Err(malformed);
    }
    if let Some(m) = month {
        let m = two_digits(m).map_err(|e| w3c(e, &malformed))?.ok_or_else(|| malformed.clone())?;
        if !(1..=12).contains(&m) {
            return Err(DateError::Month(m));
        }
        point.month = Some(m);
    }
    if let (Some(d), Some(m)) = (day, point.month) {
        let d = two_digits(d).map_err(|e| w3c(e, &malformed))?.ok_or_else(|| malformed.clone())?;
        if d == 0 || d > days_in_month(point.year, m) {
            return Err(DateError::Day { year: point.year, month: m, day: d });
        }
        point.day = Some(d);
    }
    if let Some(t) = time {
        let has_zone = t.contains(['Z', '+', '-']);
        if point.day.is_none() || !has_zone || !valid_time(t, false) {
            return Err(DateError::Time);
        }
    }
    Ok(point)
}

fn w3c(e: DateError, malformed: &DateError) -> DateError {
    match e {
        DateError::Malformed(_) => malformed.clone(),
        other => other,
    }
}

/// The EDTF form of a date written another common way, when it is unambiguous:
/// `1995-1-4` → `1995-01-04`, `2014/12/31` → `2014-12-31`, `15 December 2020` and
/// `December 15, 2020` → `2020-12-15`, `July 2026` → `2026-07`, `31/12/2014` and `31.12.2014`
/// → `2014-12-31` (a slash date only when one number is above 12; dotted dates are day first).
#[must_use]
pub fn suggest_edtf(text: &str) -> Option<String> {
    let s = normalize_digits(text.trim());
    for dash in ["--", "\u{2013}"] {
        if let Some((a, b)) = s.split_once(dash) {
            let out = format!("{}/{}", a.trim(), b.trim());
            return validate(DateSyntax::Edtf, &out).ok().map(|_| out);
        }
    }
    if let Some((a, b)) = s.split_once('/') {
        let end = |p: &str| {
            let fixed = || suggest_numeric(p).or_else(|| suggest_named(p));
            if p.contains('-') || p.contains(char::is_alphabetic) {
                validate(DateSyntax::Edtf, p).ok().map(|_| p.to_owned()).or_else(fixed)
            } else {
                None
            }
        };
        if let (Some(x), Some(y)) = (end(a), end(b)) {
            let out = format!("{x}/{y}");
            return validate(DateSyntax::Edtf, &out).ok().map(|_| out);
        }
    }
    let out = suggest_numeric(&s).or_else(|| suggest_named(&s))?;
    validate(DateSyntax::Edtf, &out).ok().map(|_| out)
}

fn num(s: &str, max_len: usize) -> Option<u32> {
    (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

fn ymd(y: u32, m: u32, d: Option<u32>) -> String {
    match d {
        Some(d) => format!("{y:04}-{m:02}-{d:02}"),
        None => format!("{y:04}-{m:02}"),
    }
}

fn suggest_numeric(s: &str) -> Option<String> {
    let sep = ['-', '/', '.'].into_iter().find(|c| s.contains(*c))?;
    let parts: Vec<&str> = s.split(sep).collect();
    match parts.as_slice() {
        [y, m] if y.len() == 4 => Some(ymd(num(y, 4)?, num(m, 2)?, None)),
        [y, m, d] if y.len() == 4 => Some(ymd(num(y, 4)?, num(m, 2)?, Some(num(d, 2)?))),
        [a, b, y] if y.len() == 4 => {
            let (a, b, y) = (num(a, 2)?, num(b, 2)?, num(y, 4)?);
            match sep {
                '.' => Some(ymd(y, b, Some(a))),
                '/' | '-' if a > 12 && b <= 12 => Some(ymd(y, b, Some(a))),
                '/' | '-' if b > 12 && a <= 12 => Some(ymd(y, a, Some(b))),
                _ => None,
            }
        }
        _ => None,
    }
}

fn suggest_named(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_end_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| (w.bytes().all(|b| b.is_ascii_alphabetic())).then(|| super::date::parse_month(w)).flatten();
    let day = |w: &str| num(w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']), 2);
    match words.as_slice() {
        [m, y] => Some(ymd(num(y, 4).filter(|_| y.len() == 4)?, u32::from(month(m)?), None)),
        [d, m, y] if month(m).is_some() => {
            Some(ymd(num(y, 4).filter(|_| y.len() == 4)?, u32::from(month(m)?), Some(day(d)?)))
        }
        [m, d, y] => Some(ymd(num(y, 4).filter(|_| y.len() == 4)?, u32::from(month(m)?), Some(day(d)?))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        validate(DateSyntax::Edtf, s).is_ok()
    }

    #[test]
    fn edtf_level_0() {
        for s in ["2026", "2026-07", "2026-07-31", "2024-02-29", "2000-02-29", "-0333", "0000", "2014-12-31/2015-01-01"]
        {
            assert!(ok(s), "{s}");
        }
        for s in
            ["2001-01-03T15:00:00", "2001-01-03T17:07:34Z", "2001-01-03T17:07:34+05:00", "2016-01-19T14:20:00.000Z"]
        {
            assert!(ok(s), "{s}");
        }
    }

    #[test]
    fn edtf_level_1() {
        for s in [
            "2014?",
            "2014~",
            "2014%",
            "2004-06~",
            "201X",
            "19XX",
            "1999-XX",
            "1999-01-XX",
            "1999-XX-XX",
            "2003-21",
            "2002-24",
            "2014/",
            "/2014",
            "1996-01-01/..",
            "../2004-01-01",
            "1487~/1490",
            "1487/1488~",
            "-0221/-0219",
            "Y17000002",
            "Y-17000002",
            "Y1700",
        ] {
            assert!(ok(s), "{s}");
        }
    }

    #[test]
    fn biber_dateformats_verdicts() {
        // Rejected by biber (t/tdata/dateformats.bib, L1-L7).
        assert_eq!(validate(DateSyntax::Edtf, "1985-1030"), Err(DateError::Malformed(DateSyntax::Edtf)));
        assert_eq!(validate(DateSyntax::Edtf, "1.5.1998"), Err(DateError::Malformed(DateSyntax::Edtf)));
        assert_eq!(validate(DateSyntax::Edtf, "1995-1-04"), Err(DateError::OneDigit));
        assert_eq!(validate(DateSyntax::Edtf, "1995-10-4"), Err(DateError::OneDigit));
        assert_eq!(validate(DateSyntax::Edtf, "1996-13-03"), Err(DateError::Month(13)));
        assert!(matches!(validate(DateSyntax::Edtf, "1996-10-35"), Err(DateError::Day { day: 35, .. })));
        // Accepted by biber: Unicode digits.
        assert!(ok("१९८७-०१-१५/१९८८-०५-११"));
    }

    #[test]
    fn edtf_invalid() {
        for s in [
            "2026-13",
            "2026-02-30",
            "2025-02-29",
            "1900-02-29",
            "31/12/2014",
            "July 2026",
            "2026-00",
            "2026-07-00",
            "26",
            "20266",
            "2026-07-31T25:00:00",
            "2026-07T10:00:00",
            "2026T10:00:00",
            "2026-21-01",
            "2026-25",
            "..",
            "/",
            "../..",
            "2026/2027/2028",
            "2015/2014",
            "2014-05/2014-03",
            "2XXX",
            "-201X",
            "2026-XX-15",
            "2026 07",
            "2026-07-31T10:00",
            "2026-07-31T10:00:00+5",
            "",
        ] {
            assert!(!ok(s), "{s}");
        }
        assert_eq!(validate(DateSyntax::Edtf, "2015/2014"), Err(DateError::Reversed));
        assert_eq!(validate(DateSyntax::Edtf, "   "), Err(DateError::Empty));
    }

    #[test]
    fn parsed_parts() {
        let d = validate(DateSyntax::Edtf, "2019-05/2020-06").unwrap();
        let (start, end) = (d.start.unwrap(), d.end.unwrap());
        assert_eq!((start.year, start.month, end.year, end.month), (Some(2019), Some(5), Some(2020), Some(6)));
        let d = validate(DateSyntax::Edtf, "201X").unwrap().start.unwrap();
        assert!(d.year_matches(2015) && !d.year_matches(2021));
        let d = validate(DateSyntax::Edtf, "2003-21").unwrap().start.unwrap();
        assert_eq!((d.month, d.season), (None, Some(21)));
    }

    #[test]
    fn w3cdtf() {
        let w = |s| validate(DateSyntax::W3cdtf, s).is_ok();
        for s in ["2026", "2026-07", "2026-07-31", "2026-07-31T10:00Z", "2026-07-31T10:00:00.5+01:00"] {
            assert!(w(s), "{s}");
        }
        for s in ["2026-7", "2026-13", "2026-02-30", "2026-07-31T10:00", "-0333", "2014/2015", "2014?", "201X"] {
            assert!(!w(s), "{s}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_edtf("1995-1-4").as_deref(), Some("1995-01-04"));
        assert_eq!(suggest_edtf("2014/12/31").as_deref(), Some("2014-12-31"));
        assert_eq!(suggest_edtf("31/12/2014").as_deref(), Some("2014-12-31"));
        assert_eq!(suggest_edtf("12/31/2014").as_deref(), Some("2014-12-31"));
        assert_eq!(suggest_edtf("1.5.1998").as_deref(), Some("1998-05-01"));
        assert_eq!(suggest_edtf("05/06/2014"), None);
        assert_eq!(suggest_edtf("July 2026").as_deref(), Some("2026-07"));
        assert_eq!(suggest_edtf("15 December 2020").as_deref(), Some("2020-12-15"));
        assert_eq!(suggest_edtf("December 15, 2020").as_deref(), Some("2020-12-15"));
        assert_eq!(suggest_edtf("3rd Oct. 2021").as_deref(), Some("2021-10-03"));
        assert_eq!(suggest_edtf("30 February 2021"), None);
        assert_eq!(suggest_edtf("1985-1030"), None);
        assert_eq!(suggest_edtf("Summer 2020"), None);
        assert_eq!(suggest_edtf("2019--2020").as_deref(), Some("2019/2020"));
        assert_eq!(suggest_edtf("2020--2019"), None);
        assert_eq!(suggest_edtf("2020-5-11/2020-5-16").as_deref(), Some("2020-05-11/2020-05-16"));
        assert_eq!(suggest_edtf("2020-05-11/May 16, 2020").as_deref(), Some("2020-05-11/2020-05-16"));
    }
}
