//! Helpers shared by the name rules (CL101-CL105): the exact source text of a name, and the
//! shape of a "name" that is really a list written with commas (CL102 owns those, CL103 the
//! other names with too many commas). Name syntax: spec/FORMATS.md §2.4 ("Tame the BeaST" §11).

use std::ops::Range;

use super::Context;
use crate::model::{FieldEntry, Name};

/// The source text of `name` when its span is exact (the value is one literal); `None` when the
/// value was assembled from `@string` macros and the span is the whole value's.
pub(crate) fn name_source<'a>(cx: &Context<'a>, entry: &FieldEntry, name: &Name) -> Option<&'a str> {
    let text = cx.text(name.span);
    let assembled = name.span == entry.raw && text.starts_with(['{', '"']);
    (!assembled).then_some(text)
}

/// BibLaTeX's extended name format (spec/FORMATS.md §3): `family=Bennett, given=Frank G.`.
pub(crate) fn is_extended_name(text: &str) -> bool {
    let mut depth = 0usize;
    text.bytes().any(|b| {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        b == b'=' && depth == 0
    })
}

/// Byte offsets of the commas at brace depth 0.
pub(crate) fn top_level_commas(text: &str) -> Vec<usize> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => out.push(i),
            _ => {}
        }
    }
    out
}

/// Tokens (white space and `~` separated at brace depth 0) of `text`, as byte ranges.
pub(crate) fn tokens(text: &str) -> Vec<Range<usize>> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, b) in text.bytes().enumerate() {
        let sep = depth == 0 && (b.is_ascii_whitespace() || b == b'~');
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        match (sep, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// `J.`, `J`, `J.-P.`, `{\'E}.`: an initial.
pub(crate) fn is_initial(token: &str) -> bool {
    let plain: String = token.chars().filter(|c| !matches!(c, '{' | '}')).collect();
    !plain.is_empty()
        && plain.split('-').all(|piece| {
            let mut chars = piece.chars();
            let first = chars.next();
            let rest: String = chars.collect();
            first.is_some_and(char::is_uppercase) && (rest.is_empty() || rest == ".")
        })
}

/// `Jr.`, `Sr`, `III`: a suffix (the middle part of `Ford, Jr., Henry`).
pub(crate) fn is_suffix(part: &str) -> bool {
    let p = part.trim().trim_end_matches('.').to_ascii_lowercase();
    matches!(p.as_str(), "jr" | "sr" | "ii" | "iii" | "iv" | "2nd" | "3rd" | "jnr" | "snr")
}

/// A token of a written "et al.", braces and case ignored: `et`, `et.`, `al.`, `al`, `alii`.
fn plain(token: &str) -> String {
    token.chars().filter(|c| !matches!(c, '{' | '}')).collect::<String>().to_lowercase()
}

/// Where the written "et al." starts in the name (byte offset), if the name ends with one:
/// `et al.`, `et al`, `et. al.`, `et alii`, `etal.`, or the whole name `al.` (`and al.`).
pub(crate) fn et_al_start(text: &str) -> Option<usize> {
    if !has_al(text) {
        return None; // every form ends with `al` (braces aside)
    }
    let toks = tokens(text);
    let words: Vec<String> = toks.iter().map(|r| plain(text.get(r.clone()).unwrap_or(""))).collect();
    let n = words.len();
    let last = words.last()?.trim_end_matches(',');
    if matches!(last, "etal." | "etal" | "et.al." | "et.al" | "et al." | "et al" | "et. al." | "et. al") {
        return toks.last().map(|r| r.start);
    }
    if !matches!(last, "al." | "al" | "alii" | "alii.") {
        return None;
    }
    let prev = n.checked_sub(2).and_then(|i| words.get(i));
    match prev.map(String::as_str) {
        Some("et" | "et.") => toks.get(n - 2).map(|r| r.start),
        // A whole name `al.` (from `and al.`), written in lower case: `Al` is a given name.
        None if matches!(text.trim_matches(['{', '}']), "al." | "al") => toks.first().map(|r| r.start),
        _ => None,
    }
}

/// Whether `text` without its braces holds `al` in any case.
fn has_al(text: &str) -> bool {
    let mut prev = 0u8;
    text.bytes().filter(|b| !matches!(b, b'{' | b'}')).any(|b| {
        let found = prev.eq_ignore_ascii_case(&b'a') && b.eq_ignore_ascii_case(&b'l');
        prev = b;
        found
    })
}

/// A "name" that is several names joined with commas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ListShape {
    /// `A. Smith, B. Jones, C. Lee`: every comma separates two names.
    FullNames,
    /// `Smith, J., Jones, K.`: every second comma separates two inverted names.
    InvertedPairs,
}

impl ListShape {
    /// The commas (offsets into the name) that separate names, and whether the name ends with a
    /// stray comma (`A. Smith, B. Jones,` before ` and C. Lee`).
    pub(crate) fn separators(&self, text: &str) -> Vec<usize> {
        let commas = top_level_commas(text);
        let trailing = text.trim_end().ends_with(',');
        let n = commas.len() - usize::from(trailing && !commas.is_empty());
        let body = commas.iter().take(n).copied();
        match self {
            ListShape::FullNames => body.collect(),
            ListShape::InvertedPairs => body.skip(1).step_by(2).collect(),
        }
    }
}

/// Whether a name's text is a comma-separated list of names, and of which shape.
///
/// * Full names: every comma-separated part has two or more tokens and none is a suffix, and
///   there are two commas or more, or the first part starts with an initial (`A. Smith, B.
///   Jones`: in `von Last, First` the Last part never starts with an initial). One comma
///   between two multi-word parts is otherwise one inverted name (`Brinch Hansen, Per Anders`).
/// * Inverted pairs: three commas or more, an even number of parts, every second part a given
///   name (initials, or one word that is not a suffix).
pub(crate) fn list_shape(text: &str) -> Option<ListShape> {
    let commas = top_level_commas(text);
    if commas.is_empty() || is_extended_name(text) || et_al_start(text).is_some() {
        return None; // BibLaTeX's `family=..., given=...`; a trailing "et al." is CL104's
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut at = 0;
    for &c in commas.iter().chain(std::iter::once(&text.len())) {
        parts.push(text.get(at..c).unwrap_or("").trim());
        at = c + 1;
    }
    if parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let words = |p: &str| tokens(p).iter().filter_map(|r| p.get(r.clone())).map(str::to_owned).collect::<Vec<_>>();
    let first_starts_with_initial =
        parts.first().and_then(|p| words(p).first().cloned()).is_some_and(|w| is_initial(&w));
    if parts.len() == 2 && !first_starts_with_initial {
        return None; // one comma: an inverted name (`Smith, John`), the common case
    }
    let full = parts.iter().all(|p| words(p).len() >= 2 && !is_suffix(p));
    if full && (parts.len() >= 3 || first_starts_with_initial) {
        return Some(ListShape::FullNames);
    }
    let given = |p: &str| {
        let w = words(p);
        !is_suffix(p) && (w.iter().all(|t| is_initial(t)) || w.len() == 1)
    };
    let pairs = parts.len() >= 4
        && parts.len() % 2 == 0
        && parts.iter().skip(1).step_by(2).all(|p| given(p))
        && parts.iter().step_by(2).all(|p| !is_suffix(p));
    pairs.then_some(ListShape::InvertedPairs)
}

/// The author and editor lists of a record whose name lists are written in BibTeX's syntax
/// (none for other formats): what the name-list rules read.
pub(crate) fn bibtex_name_lists(
    record: &crate::model::Record,
) -> impl Iterator<Item = (&crate::model::FieldEntry, &crate::model::NameList)> {
    use crate::model::{Field, Value};
    let bibtex = written_as_bibtex(record);
    record.all(Field::Author).chain(record.all(Field::Editor)).filter(move |_| bibtex).filter_map(|e| match &e.value {
        Value::Names(list) => Some((e, list.as_ref())),
        _ => None,
    })
}

/// Whether a record's name lists are written in BibTeX's syntax (`and`, commas inside one
/// name; spec/FORMATS.md §2.4), which the name-list rules read; other formats hold one name
/// per tag line, element or object.
pub(crate) fn written_as_bibtex(record: &crate::model::Record) -> bool {
    record.format == crate::model::Format::Bibtex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(list_shape("A. Smith, B. Jones, C. Lee"), Some(ListShape::FullNames));
        assert_eq!(list_shape("A. Smith, B. Jones"), Some(ListShape::FullNames));
        assert_eq!(list_shape("A. Smith, B. Jones,"), Some(ListShape::FullNames));
        assert_eq!(list_shape("Smith, J., Jones, K."), Some(ListShape::InvertedPairs));
        assert_eq!(list_shape("Krejcik, J., Krejci, V., Musilova, S."), Some(ListShape::InvertedPairs));
        assert_eq!(list_shape("Smith, John, Jones, Mary, Lee, Ann"), Some(ListShape::InvertedPairs));
        for one in [
            "Smith, John",
            "Smith, John, Jr.",
            "Ford, Jr., Henry",
            "Brinch Hansen, Per Anders",
            "{Barnes and Noble, Inc.}",
            "John Smith",
            "Smith, Jr., John, III",
            "family=Lange, given=Niek, prefix=de, useprefix=true",
            "D. Feguson, et al.",
        ] {
            assert_eq!(list_shape(one), None, "{one}");
        }
    }

    #[test]
    fn separators() {
        let t = "A. Smith, B. Jones, C. Lee";
        assert_eq!(ListShape::FullNames.separators(t), vec![8, 18]);
        let t = "Smith, J., Jones, K.,";
        assert_eq!(ListShape::InvertedPairs.separators(t), vec![9]);
        assert!(is_initial("J.-P."));
        assert!(!is_initial("Jo."));
    }
}
