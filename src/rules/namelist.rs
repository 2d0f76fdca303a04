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
pub(crate) fn top_level_commas(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut depth = 0usize;
    text.bytes()
        .enumerate()
        .filter(move |&(_, b)| {
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            b == b',' && depth == 0
        })
        .map(|(i, _)| i)
}

/// Tokens (white space and `~` separated at brace depth 0) of `text`, as byte ranges.
pub(crate) fn tokens(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut depth = 0usize;
    let mut bytes = text.bytes().enumerate();
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        for (i, b) in bytes.by_ref() {
            let sep = depth == 0 && (b.is_ascii_whitespace() || b == b'~');
            match b {
                b'{' => depth += 1,
                b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            match (sep, start) {
                (true, Some(s)) => return Some(s..i),
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        start.map(|s| s..text.len())
    })
}

/// The tokens of `text` (see [`tokens`]).
fn words(text: &str) -> impl Iterator<Item = &str> {
    tokens(text).filter_map(|r| text.get(r))
}

/// `J.`, `J`, `J.-P.`, `{É}.`: an initial (braces aside, each `-`-joined piece an upper-case
/// letter and an optional `.`). A TeX accent (`{\'E}.`) is not read as one.
pub(crate) fn is_initial(token: &str) -> bool {
    // Braces aside: pieces joined by `-`, each an upper-case letter and an optional `.`.
    let mut plain = token.chars().filter(|c| !matches!(c, '{' | '}'));
    loop {
        if !plain.next().is_some_and(char::is_uppercase) {
            return false;
        }
        let after_letter = match plain.next() {
            Some('.') => plain.next(),
            other => other,
        };
        match after_letter {
            None => return true,
            Some('-') => {}
            Some(_) => return false,
        }
    }
}

/// `Jr.`, `Sr`, `III`: a suffix (the middle part of `Ford, Jr., Henry`).
pub(crate) fn is_suffix(part: &str) -> bool {
    const SUFFIXES: [&str; 9] = ["jr", "sr", "ii", "iii", "iv", "2nd", "3rd", "jnr", "snr"];
    let p = part.trim().trim_end_matches('.');
    SUFFIXES.iter().any(|s| p.eq_ignore_ascii_case(s))
}

/// Whether a token of a written "et al." is one of `words` (lower case), braces and case
/// ignored: `et`, `et.`, `al.`, `al`, `alii`.
fn plain_is(token: &str, words: &[&str]) -> bool {
    // Lower-cased char by char, as `str::to_lowercase` does but for a final `Σ`, which is not
    // ASCII either way and so never one of the words.
    let plain = || token.chars().filter(|c| !matches!(c, '{' | '}')).flat_map(char::to_lowercase);
    words.iter().any(|w| plain().eq(w.chars()))
}

/// Where the written "et al." starts in the name (byte offset), if the name ends with one:
/// `et al.`, `et al`, `et. al.`, `et alii`, `etal.`, or the whole name `al.` (`and al.`).
pub(crate) fn et_al_start(text: &str) -> Option<usize> {
    if !has_al(text) {
        return None; // every form ends with `al` (braces aside)
    }
    let (mut prev, mut last) = (None, None);
    for r in tokens(text) {
        prev = last.replace(r);
    }
    let last = last?;
    // The last token without its trailing commas (braces among them aside).
    let last_word = text.get(last.clone()).unwrap_or("").trim_end_matches([',', '{', '}']);
    if plain_is(last_word, &["etal.", "etal", "et.al.", "et.al", "et al.", "et al", "et. al.", "et. al"]) {
        return Some(last.start);
    }
    if !plain_is(last_word, &["al.", "al", "alii", "alii."]) {
        return None;
    }
    match prev {
        Some(p) if plain_is(text.get(p.clone()).unwrap_or(""), &["et", "et."]) => Some(p.start),
        Some(_) => None,
        // A whole name `al.` (from `and al.`), written in lower case: `Al` is a given name.
        None if matches!(text.trim_matches(['{', '}']), "al." | "al") => Some(last.start),
        None => None,
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
        let commas: Vec<usize> = top_level_commas(text).collect();
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
    let mut commas = top_level_commas(text);
    let first_comma = commas.next()?;
    let first_starts_with_initial = words(text.get(..first_comma).unwrap_or("").trim()).next().is_some_and(is_initial);
    if commas.next().is_none() && !first_starts_with_initial {
        return None; // one comma: an inverted name (`Smith, John`), the common case
    }
    if is_extended_name(text) || et_al_start(text).is_some() {
        return None; // BibLaTeX's `family=..., given=...`; a trailing "et al." is CL104's
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut at = 0;
    for c in top_level_commas(text).chain(std::iter::once(text.len())) {
        parts.push(text.get(at..c).unwrap_or("").trim());
        at = c + 1;
    }
    if parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    if parts.len() == 2 && !first_starts_with_initial {
        return None; // one comma and a trailing one
    }
    let full = parts.iter().all(|p| words(p).count() >= 2 && !is_suffix(p));
    if full && (parts.len() >= 3 || first_starts_with_initial) {
        return Some(ListShape::FullNames);
    }
    let given = |p: &str| !is_suffix(p) && (words(p).all(is_initial) || words(p).count() == 1);
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

    /// The helpers as they were before they stopped allocating: what the new ones must equal.
    mod reference {
        use std::ops::Range;

        use super::super::{has_al, is_extended_name, ListShape};

        pub fn top_level_commas(text: &str) -> Vec<usize> {
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

        pub fn tokens(text: &str) -> Vec<Range<usize>> {
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

        pub fn is_initial(token: &str) -> bool {
            let plain: String = token.chars().filter(|c| !matches!(c, '{' | '}')).collect();
            !plain.is_empty()
                && plain.split('-').all(|piece| {
                    let mut chars = piece.chars();
                    let first = chars.next();
                    let rest: String = chars.collect();
                    first.is_some_and(char::is_uppercase) && (rest.is_empty() || rest == ".")
                })
        }

        pub fn is_suffix(part: &str) -> bool {
            let p = part.trim().trim_end_matches('.').to_ascii_lowercase();
            matches!(p.as_str(), "jr" | "sr" | "ii" | "iii" | "iv" | "2nd" | "3rd" | "jnr" | "snr")
        }

        fn plain(token: &str) -> String {
            token.chars().filter(|c| !matches!(c, '{' | '}')).collect::<String>().to_lowercase()
        }

        pub fn et_al_start(text: &str) -> Option<usize> {
            if !has_al(text) {
                return None;
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
                None if matches!(text.trim_matches(['{', '}']), "al." | "al") => toks.first().map(|r| r.start),
                _ => None,
            }
        }

        pub fn list_shape(text: &str) -> Option<ListShape> {
            let commas = top_level_commas(text);
            if commas.is_empty() || is_extended_name(text) || et_al_start(text).is_some() {
                return None;
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
            let words =
                |p: &str| tokens(p).iter().filter_map(|r| p.get(r.clone())).map(str::to_owned).collect::<Vec<_>>();
            let first_starts_with_initial =
                parts.first().and_then(|p| words(p).first().cloned()).is_some_and(|w| is_initial(&w));
            if parts.len() == 2 && !first_starts_with_initial {
                return None;
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
    }

    /// Pieces of names, lists and written "et al."s, non-ASCII case mappings among them
    /// (`K` KELVIN SIGN lower-cases to ASCII `k`, `İ` to two chars, a final `Σ` to `ς`).
    const PIECES: &[&str] = &[
        "et",
        "ET",
        "Et",
        "al",
        "AL.",
        "al.",
        "alii",
        "Alii.",
        "etal.",
        "et.al",
        "{et al.}",
        "{et} {al}",
        "a",
        "l",
        "e",
        "t",
        ".",
        ",",
        ", ",
        " ",
        "  ",
        "~",
        "\t",
        "\n",
        "\u{a0}",
        "{",
        "}",
        "-",
        "=",
        "J.",
        "J",
        "J.-P.",
        "{\\'E}.",
        "É.",
        "é",
        "Smith",
        "Jones",
        "Brinch Hansen",
        "Jr.",
        "jr",
        "III",
        "Snr",
        "2nd",
        "family=",
        "and",
        "K",
        "\u{212a}",
        "\u{130}",
        "\u{3a3}",
        "\u{3c3}",
        "ǅ",
        "ß",
    ];

    /// What a written "et al." is made of, to make those endings common; and what may follow it.
    const ENDINGS: &[&str] = &["et", "Et.", "al", "AL.", "alii", " ", "~", "."];
    const TAILS: &[&str] = &[",", "{", "}", " "];

    fn name() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::collection::vec;
        use proptest::sample::select;
        use proptest::strategy::Strategy;
        (vec(select(PIECES), 0..10), vec(select(ENDINGS), 0..5), vec(select(TAILS), 0..4))
            .prop_map(|(body, end, tail)| [body.concat(), end.concat(), tail.concat()].concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The helpers that no longer allocate agree with the ones that did, on any name.
        #[test]
        fn helpers_agree_with_the_reference(text in name()) {
            proptest::prop_assert_eq!(top_level_commas(&text).collect::<Vec<_>>(), reference::top_level_commas(&text));
            proptest::prop_assert_eq!(tokens(&text).collect::<Vec<_>>(), reference::tokens(&text));
            proptest::prop_assert_eq!(is_initial(&text), reference::is_initial(&text));
            proptest::prop_assert_eq!(is_suffix(&text), reference::is_suffix(&text));
            proptest::prop_assert_eq!(et_al_start(&text), reference::et_al_start(&text));
            proptest::prop_assert_eq!(list_shape(&text), reference::list_shape(&text));
            for word in words(&text) {
                proptest::prop_assert_eq!(is_initial(word), reference::is_initial(word));
                proptest::prop_assert_eq!(is_suffix(word), reference::is_suffix(word));
            }
        }

        /// And on any short text at all.
        #[test]
        fn helpers_agree_on_any_text(text in "\\PC{0,16}") {
            proptest::prop_assert_eq!(tokens(&text).collect::<Vec<_>>(), reference::tokens(&text));
            proptest::prop_assert_eq!(is_initial(&text), reference::is_initial(&text));
            proptest::prop_assert_eq!(is_suffix(&text), reference::is_suffix(&text));
            proptest::prop_assert_eq!(et_al_start(&text), reference::et_al_start(&text));
            proptest::prop_assert_eq!(list_shape(&text), reference::list_shape(&text));
        }
    }

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
        assert!(is_initial("{É}."));
        assert!(!is_initial("{\\'E}."));
    }
}
