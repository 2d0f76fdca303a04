//! Page ranges (spec/FORMATS.md §2.6): `12--34`, `12-34`, `12–34`, `e1234`, `xii--xx`, lists.

use std::ops::Range;

use crate::source::{Span, Spanned};

/// The first range of a `pages` value. Lists (`1--4, 7`) keep the first range and set `list`.
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
}

impl PageRange {
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
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
}

/// Reads the first range of a pages value. `span_of` maps byte ranges of `text` to spans.
#[must_use]
pub fn parse_pages(text: &str, span_of: &dyn Fn(Range<usize>) -> Span) -> PageRange {
    let whole = span_of(0..text.len());
    let first_len = text.find([',', ';']).unwrap_or(text.len());
    let list = first_len < text.len() && !text.get(first_len + 1..).unwrap_or("").trim().is_empty();
    let head = text.get(..first_len).unwrap_or(text);
    let trimmed = |r: Range<usize>| -> Range<usize> {
        let s = head.get(r.clone()).unwrap_or("");
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        r.start + lead..(r.end - trail).max(r.start + lead)
    };
    let sep = head.char_indices().skip_while(|&(_, c)| is_dash(c)).find(|&(_, c)| is_dash(c)).map(|(i, _)| i);
    let Some(sep_start) = sep else {
        let r = trimmed(0..head.len());
        return PageRange {
            span: whole,
            start: Spanned::new(head.get(r.clone()).unwrap_or("").to_owned(), span_of(r)),
            end: None,
            separator: None,
            list,
        };
    };
    let sep_end = head.get(sep_start..).map_or(head.len(), |rest| {
        sep_start + rest.char_indices().find(|&(_, c)| !is_dash(c)).map_or(rest.len(), |(i, _)| i)
    });
    let a = trimmed(0..sep_start);
    let b = trimmed(sep_end..head.len());
    PageRange {
        span: whole,
        start: Spanned::new(head.get(a.clone()).unwrap_or("").to_owned(), span_of(a)),
        end: Some(Spanned::new(head.get(b.clone()).unwrap_or("").to_owned(), span_of(b))),
        separator: Some(Spanned::new(
            head.get(sep_start..sep_end).unwrap_or("").to_owned(),
            span_of(sep_start..sep_end),
        )),
        list,
    }
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
}
