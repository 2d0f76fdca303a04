//! Page ranges (spec/FORMATS.md §2.6): `12--34`, `12-34`, `12–34`, `e1234`, `xii--xx`, lists.

use std::ops::Range;

use crate::source::{Span, Spanned};

/// The first range of a `pages` value. Lists (`1--4, 7`) keep the first range and set `list`;
/// every item of the list is in `items`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRange {
    /// The whole value.
    pub span: Span,
    pub start: Spanned<String>,
    pub end: Option<Spanned<String>>,
    /// The separator between start and end as written (`--`, `-`, `–`).
    pub separator: Option<Spanned<String>>,
    /// Whether more ranges follow (`,` or `;` list).
    pub list: bool,
    /// Every item of the list (one for a single page or range); empty items are left out.
    pub items: Vec<PageItem>,
}

/// One item of a pages list: a page (`12`, `e1234`) or a range (`12--34`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageItem {
    /// The item's trimmed text.
    pub span: Span,
    pub text: String,
    pub start: Spanned<String>,
    pub end: Option<Spanned<String>>,
    /// The run of dashes between start and end as written (`--`, `-`, `–`, `---`).
    pub separator: Option<Spanned<String>>,
    /// From the end of the start to the start of the end: the separator with the white space
    /// around it (` - `).
    pub gap: Option<Span>,
    /// Whether several dash runs could be the separator (`C1-1-C1-8`).
    pub ambiguous: bool,
}

impl PageRange {
    /// A range whose ends come from two places (MODS `start`/`end`, RIS `SP`/`EP`).
    #[must_use]
    pub fn from_ends(span: Span, start: Spanned<String>, end: Option<Spanned<String>>) -> Self {
        let text = match &end {
            Some(e) => format!("{}-{}", start.value, e.value),
            None => start.value.clone(),
        };
        let item = PageItem {
            span,
            text,
            start: start.clone(),
            end: end.clone(),
            separator: None,
            gap: None,
            ambiguous: false,
        };
        Self { span, start, end, separator: None, list: false, items: vec![item] }
    }

    /// The start as a number, when it is one.
    #[must_use]
    pub fn first_number(&self) -> Option<Spanned<u64>> {
        number(&self.start)
    }

    /// The end as a number, when it is one.
    #[must_use]
    pub fn last_number(&self) -> Option<Spanned<u64>> {
        self.end.as_ref().and_then(number)
    }
}

fn number(s: &Spanned<String>) -> Option<Spanned<u64>> {
    s.value.parse().ok().map(|n| Spanned::new(n, s.span))
}

/// Characters that separate the two ends of a range.
#[must_use]
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// Byte range without leading and trailing white space.
fn trimmed(text: &str, r: Range<usize>) -> Range<usize> {
    let s = text.get(r.clone()).unwrap_or("");
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..(r.end - trail).max(r.start + lead)
}

/// Reads a pages value. `span_of` maps byte ranges of `text` to spans.
#[must_use]
pub fn parse_pages(text: &str, span_of: &dyn Fn(Range<usize>) -> Span) -> PageRange {
    let whole = span_of(0..text.len());
    let pieces = split_list(text);
    let mut items = Vec::with_capacity(pieces.len());
    let mut head_is_item = false;
    for (k, piece) in pieces.iter().enumerate() {
        let r = trimmed(text, piece.clone());
        let blank = text.get(r.clone()).is_none_or(|s| s.chars().all(|c| matches!(c, '{' | '}')));
        if !blank {
            head_is_item |= k == 0;
            items.push(parse_item(text, r, span_of));
        }
    }
    let first_len = pieces.first().map_or(text.len(), |p| p.end);
    let list = first_len < text.len() && !text.get(first_len + 1..).unwrap_or("").trim().is_empty();
    let (start, end, separator) = match items.first() {
        Some(item) if head_is_item => (item.start.clone(), item.end.clone(), item.separator.clone()),
        _ => {
            let r = trimmed(text, 0..first_len);
            (Spanned::new(text.get(r.clone()).unwrap_or("").to_owned(), span_of(r)), None, None)
        }
    };
    PageRange { span: whole, start, end, separator, list, items }
}

/// The pieces of a list: split on `,` and `;` outside braces (`{c\,3}` is one page).
fn split_list(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b',' | b';' if depth == 0 => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(start..text.len());
    out
}

/// The dash runs of `s` (byte ranges), leaving out a run at the very start.
fn dash_runs(s: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut current: Option<usize> = None;
    for (i, c) in s.char_indices() {
        match (is_dash(c), current) {
            (true, None) => current = Some(i),
            (false, Some(st)) => {
                runs.push(st..i);
                current = None;
            }
            _ => {}
        }
    }
    if let Some(st) = current {
        runs.push(st..s.len());
    }
    runs.retain(|r| r.start > 0);
    runs
}

fn parse_item(text: &str, r: Range<usize>, span_of: &dyn Fn(Range<usize>) -> Span) -> PageItem {
    let item = text.get(r.clone()).unwrap_or("");
    let runs = dash_runs(item);
    let len = |x: &Range<usize>| item.get(x.clone()).map_or(0, |s| s.chars().count());
    let longest = runs.iter().map(len).max().unwrap_or(0);
    let candidates: Vec<&Range<usize>> = runs.iter().filter(|x| len(x) == longest).collect();
    let (chosen, ambiguous) = match candidates.as_slice() {
        [] => (None, false),
        [one] => (Some((*one).clone()), false),
        many if many.len() == runs.len() && many.len() % 2 == 1 => {
            (many.get(many.len() / 2).map(|x| (*x).clone()), true)
        }
        many => (many.first().map(|x| (*x).clone()), true),
    };
    let spanned = |x: Range<usize>| {
        let abs = r.start + x.start..r.start + x.end;
        Spanned::new(text.get(abs.clone()).unwrap_or("").to_owned(), span_of(abs))
    };
    let Some(sep) = chosen else {
        return PageItem {
            span: span_of(r.clone()),
            text: item.to_owned(),
            start: spanned(0..item.len()),
            end: None,
            separator: None,
            gap: None,
            ambiguous,
        };
    };
    let a = trimmed(item, 0..sep.start);
    let b = trimmed(item, sep.end..item.len());
    PageItem {
        span: span_of(r.clone()),
        text: item.to_owned(),
        start: spanned(a.clone()),
        end: Some(spanned(b.clone())),
        separator: Some(spanned(sep)),
        gap: Some(span_of(r.start + a.end..r.start + b.start)),
        ambiguous,
    }
}

/// The value of a page number, for comparing the ends of a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PageNumber {
    /// `123`.
    Arabic(u64),
    /// `xii`, `XII` (Chicago's front-matter pagination).
    Roman(u64),
    /// A number after a prefix: `e1234`, `S12`, `105:23` (the prefix is kept to compare).
    Prefixed(String, u64),
}

impl PageNumber {
    /// The ends of a range compare when they are of one kind (and one prefix).
    #[must_use]
    pub fn comparable(&self, other: &PageNumber) -> Option<(u64, u64)> {
        match (self, other) {
            (PageNumber::Arabic(a), PageNumber::Arabic(b)) | (PageNumber::Roman(a), PageNumber::Roman(b)) => {
                Some((*a, *b))
            }
            (PageNumber::Prefixed(p, a), PageNumber::Prefixed(q, b)) if p == q => Some((*a, *b)),
            _ => None,
        }
    }
}

/// Reads one page number: arabic, roman, or a number after a letter/`:` prefix.
#[must_use]
pub fn page_number(s: &str) -> Option<PageNumber> {
    if !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok().map(PageNumber::Arabic);
    }
    if let Some(n) = roman(s) {
        return Some(PageNumber::Roman(n));
    }
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    let split = s.len().checked_sub(digits)?;
    let (prefix, num) = (s.get(..split)?, s.get(split..)?);
    if digits == 0 || digits > 18 || prefix.is_empty() || prefix.chars().any(char::is_whitespace) {
        return None;
    }
    num.parse().ok().map(|n| PageNumber::Prefixed(prefix.to_owned(), n))
}

/// A roman numeral in standard form, all lower or all upper case (`xii`, `MCMXC`).
#[must_use]
pub fn roman(s: &str) -> Option<u64> {
    let lower = s.bytes().all(|b| b"ivxlcdm".contains(&b));
    let upper = s.bytes().all(|b| b"IVXLCDM".contains(&b));
    if s.is_empty() || !(lower || upper) {
        return None;
    }
    let digit = |c: u8| match c.to_ascii_lowercase() {
        b'i' => 1,
        b'v' => 5,
        b'x' => 10,
        b'l' => 50,
        b'c' => 100,
        b'd' => 500,
        _ => 1000,
    };
    let values: Vec<u64> = s.bytes().map(digit).collect();
    let total = values.iter().enumerate().fold(0i64, |acc, (i, &v)| {
        let next = values.get(i + 1).copied().unwrap_or(0);
        if v < next {
            acc - i64::try_from(v).unwrap_or(0)
        } else {
            acc + i64::try_from(v).unwrap_or(0)
        }
    });
    let total = u64::try_from(total).ok().filter(|&t| t > 0)?;
    // Standard form only: writing the value back gives the same numeral (rejects `iiii`, `ic`).
    (to_roman(total).eq_ignore_ascii_case(s)).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: [(u64, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value && out.len() < 64 {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// The end page an abbreviated range means: `1234--56` is `1234--1256`, `198--9` is `198--199`
/// (Chicago Manual of Style, "Inclusive numbers"). `None` when the end is not shorter than the
/// start, or when the expansion is still not after the start (`1234--12`).
#[must_use]
pub fn expand_abbreviated(start: &str, end: &str) -> Option<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(start) || !digits(end) || end.len() >= start.len() {
        return None;
    }
    let head = start.get(..start.len() - end.len())?;
    let full = format!("{head}{end}");
    let (a, b) = (start.parse::<u64>().ok()?, full.parse::<u64>().ok()?);
    (b > a).then_some(full)
}

/// Whether `s` can be one page or article locator: a page number (arabic, roman, prefixed) or
/// an article identifier of letters, digits, `.`, `:` and inner single hyphens holding a digit
/// (`2016JE005058`, `acs.nanolett.9b01234`, `C1-1`, `105:1`).
/// IEEE's cover pages (`Cover 3`) count as locators.
#[must_use]
pub fn is_locator(s: &str) -> bool {
    if page_number(s).is_some() || s.strip_prefix("Cover ").is_some_and(|n| page_number(n).is_some()) {
        return true;
    }
    // Physical Review's `161303(R)` (Rapid Communication), `169901(E)` (Erratum).
    if let Some(body) = s.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        let (number, tag) = body;
        if !tag.is_empty() && tag.len() <= 2 && tag.bytes().all(|b| b.is_ascii_uppercase()) {
            return is_locator(number);
        }
    }
    !s.is_empty()
        && s.bytes().any(|b| b.is_ascii_digit())
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | ':' | '-'))
        && !s.starts_with(['-', '.', ':'])
        && !s.ends_with(['-', ':'])
        && !s.contains("--")
}

/// Whether one item of a pages list is a page, a range or a page count: `12`, `12--34`,
/// `12ff.`, `12 f.`, `12+`, `xviii+320`, `e1234`, `105:1--105:23`. Braces are ignored.
#[must_use]
pub fn is_valid_item(item: &PageItem) -> bool {
    let clean = |s: &str| s.replace(['{', '}'], "");
    let whole = clean(&item.text);
    let whole = whole.trim();
    if is_locator(whole) || is_page_count(whole) || is_following(whole) {
        return true;
    }
    match &item.end {
        Some(end) => is_locator(clean(&item.start.value).trim()) && is_locator(clean(&end.value).trim()),
        None => false,
    }
}

/// `12ff.`, `12 ff`, `12f.`: a page and the following ones.
fn is_following(s: &str) -> bool {
    let rest = ["ff.", "ff", "f.", "f"].iter().find_map(|suffix| s.strip_suffix(suffix));
    rest.is_some_and(|r| is_locator(r.trim_end()))
}

/// `12+`, `xviii+320`, `xxii + 412 + 8`: pages (and front matter) counted, or "and following".
fn is_page_count(s: &str) -> bool {
    if !s.contains('+') {
        return false;
    }
    let body = s.strip_suffix('+').unwrap_or(s);
    body.split('+').all(|part| page_number(part.trim()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn p(s: &str) -> PageRange {
        parse_pages(s, &|r| Span::new(FileId(0), r.start, r.end))
    }

    #[test]
    fn ranges() {
        let r = p("19449--19466");
        assert_eq!(r.first_number().unwrap().value, 19449);
        assert_eq!(r.last_number().unwrap().value, 19466);
        assert_eq!(r.separator.unwrap().value, "--");
        let r = p(" 12 – 34 ");
        assert_eq!(r.start.value, "12");
        assert_eq!(r.end.unwrap().value, "34");
        let r = p("e1234");
        assert!(r.end.is_none());
        let r = p("1--4, 7");
        assert!(r.list);
        assert_eq!(r.end.unwrap().span, Span::new(FileId(0), 3, 4));
    }

    #[test]
    fn items_and_separators() {
        let r = p("C1-1--C1-8, 12 - 14; xii–xx");
        assert_eq!(r.items.len(), 3);
        let first = &r.items[0];
        assert_eq!(first.start.value, "C1-1");
        assert_eq!(first.end.as_ref().unwrap().value, "C1-8");
        assert!(!first.ambiguous);
        let second = &r.items[1];
        assert_eq!(second.separator.as_ref().unwrap().value, "-");
        assert_eq!(second.gap.unwrap().range(), 14..17);
        assert_eq!(r.items[2].end.as_ref().unwrap().value, "xx");
        let r = p("C1-1-C1-8");
        assert!(r.items[0].ambiguous);
        assert_eq!(r.items[0].start.value, "C1-1");
        assert!(p("").items.is_empty());
        assert_eq!(p(", 5").start.value, "");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("xii"), Some(12));
        assert_eq!(roman("IX"), Some(9));
        assert_eq!(roman("mcmxc"), Some(1990));
        assert_eq!(roman("iiii"), None);
        assert_eq!(roman("ic"), None);
        assert_eq!(roman("Xii"), None);
        assert_eq!(roman(""), None);
        assert_eq!(page_number("xii"), Some(PageNumber::Roman(12)));
        assert_eq!(page_number("e1234"), Some(PageNumber::Prefixed("e".into(), 1234)));
        assert_eq!(page_number("105:23"), Some(PageNumber::Prefixed("105:".into(), 23)));
        assert_eq!(page_number("99999999999999999999"), None);
    }

    #[test]
    fn abbreviated_ends() {
        assert_eq!(expand_abbreviated("1234", "56").as_deref(), Some("1256"));
        assert_eq!(expand_abbreviated("198", "9").as_deref(), Some("199"));
        assert_eq!(expand_abbreviated("99", "101"), None);
        assert_eq!(expand_abbreviated("1234", "12"), None);
        assert_eq!(expand_abbreviated("50", "20"), None);
        assert_eq!(expand_abbreviated("e12", "4"), None);
    }

    #[test]
    fn valid_items() {
        let valid = |s: &str| p(s).items.iter().all(is_valid_item);
        for s in [
            "12--34",
            "12",
            "e1234",
            "105:1--105:23",
            "12ff.",
            "12 ff.",
            "12+",
            "xviii+320",
            "xxii + 412 + 8",
            "xii--xx",
            "S12--S18",
            "A-12",
            "C1-1--C1-8",
            "2016JE005058",
            "acs.nanolett.9b01234",
            "1--4, 7; 9",
            "{12}--{34}",
            "12 - 34",
            "12–34",
            "Cover 3",
            "161303(R)",
        ] {
            assert!(valid(s), "{s}");
        }
        for s in ["n/a-n/a", "??--??", "12--", "--", "Pages", "to appear", "12 (8pp)", "Cover", "n.p."] {
            assert!(!valid(s), "{s}");
        }
    }
}
