//! Personal names and name lists; BibTeX's name algorithm ("Tame the BeaST" §11, spec/FORMATS.md §2.4).
//!
//! The splitting follows `bibtex.web` (0.99d): `x_format_name`'s tokenizer, `von_token_found`
//! and `von_name_ends_and_last_name_starts_stuff`. Structure is found on the raw text, then each
//! part is decoded with [`super::tex::decode`] (DESIGN §3: parse on raw text, decode last).
//!
//! Deviations from 0.99d, each deliberate:
//! * The case of a letter is Unicode's (`Émile` is upper case); 0.99d only knows ASCII letters
//!   and skips other bytes. biber and pybtex behave like this module.
//! * More than two commas: BibTeX and btparse ignore the extra commas (the tokens after them
//!   join First); so does this module, and it reports [`NameProblem::TooManyCommas`].

use std::fmt;
use std::ops::Range;

use smallvec::SmallVec;

use super::tex::decode_append;
use crate::source::Span;

/// One personal (or corporate) name, decoded for comparison: a family name, and a given name,
/// a particle (`von`) and a suffix (`Jr.`) when there are.
///
/// The parts are stored one after another in one allocation: a large file holds hundreds of
/// thousands of names, and four strings each were a tenth of citelint's memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Name {
    /// The name's source text.
    pub span: Span,
    /// Family, given, particle and suffix, one after another.
    text: Box<str>,
    /// Where given, particle and suffix start in `text` (each ends where the next starts).
    starts: [u32; 3],
    /// Which of given, particle and suffix there are (bits 0, 1 and 2): a part may be present
    /// and empty.
    present: u8,
}

impl Name {
    #[must_use]
    pub fn new(span: Span, family: &str, given: Option<&str>, particle: Option<&str>, suffix: Option<&str>) -> Self {
        let parts = [Some(family), given, particle, suffix];
        let len = parts.iter().flatten().map(|p| p.len()).sum();
        Self::packed(span, len, |k, text| {
            let part = parts.get(k).copied().flatten();
            text.push_str(part.unwrap_or(""));
            part.is_some()
        })
    }

    /// Builds a name from `write(k, text)`, which appends part `k` (family, given, particle,
    /// suffix) to `text` and says whether the part is present (the family always is).
    fn packed(span: Span, capacity: usize, mut write: impl FnMut(usize, &mut String) -> bool) -> Self {
        let mut text = String::with_capacity(capacity);
        write(0, &mut text);
        let mut starts = [0u32; 3];
        let mut present = 0u8;
        for (i, start) in starts.iter_mut().enumerate() {
            *start = u32::try_from(text.len()).unwrap_or(u32::MAX);
            if write(i + 1, &mut text) {
                present |= 1 << i;
            }
        }
        Self { span, text: text.into_boxed_str(), starts, present }
    }

    /// Part `i` (0 given, 1 particle, 2 suffix), if present.
    fn optional(&self, i: usize) -> Option<&str> {
        if self.present & (1 << i) == 0 {
            return None;
        }
        let start = *self.starts.get(i)? as usize;
        let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e as usize);
        self.text.get(start..end)
    }

    /// The family (last) name; empty when the name has none.
    #[must_use]
    pub fn family(&self) -> &str {
        let end = self.starts.first().map_or(self.text.len(), |&e| e as usize);
        self.text.get(..end).unwrap_or("")
    }

    #[must_use]
    pub fn given(&self) -> Option<&str> {
        self.optional(0)
    }

    #[must_use]
    pub fn particle(&self) -> Option<&str> {
        self.optional(1)
    }

    #[must_use]
    pub fn suffix(&self) -> Option<&str> {
        self.optional(2)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Name")
            .field("span", &self.span)
            .field("family", &self.family())
            .field("given", &self.given())
            .field("particle", &self.particle())
            .field("suffix", &self.suffix())
            .finish()
    }
}

/// A problem found while splitting a name list.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NameProblem {
    /// `and` at the start or end, `and and`, or an empty name.
    EmptyName(Span),
    /// A name with more than two commas at brace depth 0 (count given).
    TooManyCommas(Span, usize),
    /// A name whose Last part is empty (`, John`, `{}, John`); the name is kept with an empty family.
    EmptyFamily(Span),
}

impl NameProblem {
    /// Where the problem is.
    #[must_use]
    pub fn span(&self) -> Span {
        match self {
            NameProblem::EmptyName(s) | NameProblem::TooManyCommas(s, _) | NameProblem::EmptyFamily(s) => *s,
        }
    }
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NameProblem::EmptyName(_) => write!(f, "empty name"),
            NameProblem::TooManyCommas(_, n) => write!(f, "too many commas in name ({n}, at most 2)"),
            NameProblem::EmptyFamily(_) => write!(f, "name without a last name"),
        }
    }
}

/// A list of names, with `and others` noted separately.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameList {
    pub names: Vec<Name>,
    /// The span of a trailing `others` ("et al."). An `others` that is not last also sets this
    /// (the first one wins); it is never a [`Name`].
    pub others: Option<Span>,
    pub problems: Vec<NameProblem>,
}

/// The four parts of one BibTeX name as byte ranges of the name's text (raw, not decoded).
/// A part that is empty is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    pub first: Option<Range<usize>>,
    pub von: Option<Range<usize>>,
    pub last: Option<Range<usize>>,
    pub jr: Option<Range<usize>>,
    /// Commas at brace depth 0 (more than 2 is an error; the extras are ignored).
    pub commas: usize,
}

/// Splits a BibTeX name list. `span_of` maps a byte range of `text` to a source span.
///
/// `text` is the field's inner text, TeX not decoded. Each [`Name`]'s span covers the name's
/// trimmed text; empty names are reported and skipped; `others` sets [`NameList::others`].
pub fn parse_bibtex_names(text: &str, span_of: &dyn Fn(Range<usize>) -> Span) -> NameList {
    let mut list = NameList::default();
    let (segments, ands) = split_and(text);
    for (k, seg) in segments.iter().enumerate() {
        let range = trim_range(text, seg.clone());
        let Some(name_text) = text.get(range.clone()).filter(|s| !s.is_empty()) else {
            // The offending `and`: the one after the empty name, or before it at the end.
            let at = ands.get(k).or_else(|| ands.get(k.wrapping_sub(1))).cloned().unwrap_or(0..text.len());
            list.problems.push(NameProblem::EmptyName(span_of(at)));
            continue;
        };
        let span = span_of(range.clone());
        if name_text == "others" {
            list.others.get_or_insert(span);
            continue;
        }
        let Some(parts) = split_name(name_text) else {
            list.problems.push(NameProblem::EmptyName(span));
            continue;
        };
        if parts.commas > 2 {
            list.problems.push(NameProblem::TooManyCommas(span, parts.commas));
        }
        // Each part decoded, and present when it decodes to some text.
        let order = [&parts.last, &parts.first, &parts.von, &parts.jr];
        let name = Name::packed(span, name_text.len(), |k, text| {
            let start = text.len();
            if let Some(raw) = order.get(k).and_then(|r| r.as_ref()).and_then(|r| name_text.get(r.clone())) {
                decode_append(raw, text);
            }
            text.len() > start
        });
        if name.family().is_empty() {
            list.problems.push(NameProblem::EmptyFamily(span));
        }
        list.names.push(name);
    }
    list.names.shrink_to_fit();
    list
}

/// BibTeX white space (`lex_class = white_space`): ASCII only.
fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// Byte range without leading and trailing white space.
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes().get(r.clone()).unwrap_or(&[]);
    let lead = bytes.iter().take_while(|&&b| is_space(b)).count();
    let trail = bytes.iter().rev().take_while(|&&b| is_space(b)).count();
    let start = r.start + lead;
    start..r.end.saturating_sub(trail).max(start)
}

/// Byte ranges, inline for a list of up to eight names (no allocation per list).
type Ranges = SmallVec<[Range<usize>; 8]>;

/// Splits on the word `and` (any case) with white space (or the text's ends) on both sides at
/// brace depth 0. Returns the segments between the `and`s and the `and`s themselves.
fn split_and(text: &str) -> (Ranges, Ranges) {
    let bytes = text.as_bytes();
    let mut segments = Ranges::new();
    let mut ands = Ranges::new();
    let mut depth = 0usize;
    let mut seg_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'a' | b'A' if depth == 0 => {
                let before = i == 0 || bytes.get(i - 1).is_some_and(|&p| is_space(p));
                let word = bytes.get(i..i + 3).is_some_and(|w| w.eq_ignore_ascii_case(b"and"));
                let after = bytes.get(i + 3).is_none_or(|&n| is_space(n));
                if before && word && after {
                    segments.push(seg_start..i);
                    ands.push(i..i + 3);
                    seg_start = i + 3;
                    i += 3;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    segments.push(seg_start..text.len());
    (segments, ands)
}

/// A name token: byte range and the separator BibTeX recorded before it (`name_sep_char`).
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    sep_before: u8,
}

/// BibTeX's name tokenizer: white space, `~` and `-` separate tokens at depth 0, commas
/// separate parts. Returns the tokens and, for each comma, the number of tokens before it.
fn tokenize(name: &str) -> (SmallVec<[Token; 8]>, SmallVec<[usize; 2]>) {
    let bytes = name.as_bytes();
    let mut tokens = SmallVec::new();
    let mut commas = SmallVec::new();
    let mut current: Option<(usize, u8)> = None;
    let mut sep = b' ';
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        if depth > 0 {
            match b {
                b'{' => depth += 1,
                b'}' => depth -= 1,
                _ => {}
            }
            continue;
        }
        let boundary = match b {
            b',' => Some(b','),
            b'~' | b'-' => Some(b),
            b if is_space(b) => Some(b' '),
            _ => None,
        };
        match boundary {
            Some(c) => {
                if let Some((start, sep_before)) = current.take() {
                    tokens.push(Token { start, end: i, sep_before });
                    sep = c;
                }
                if c == b',' {
                    sep = b',';
                    commas.push(tokens.len());
                }
            }
            None => {
                if current.is_none() {
                    current = Some((i, sep));
                }
                if b == b'{' {
                    depth += 1;
                }
            }
        }
    }
    if let Some((start, sep_before)) = current {
        tokens.push(Token { start, end: bytes.len(), sep_before });
    }
    (tokens, commas)
}

/// BibTeX's `von_token_found`: whether a token starts with a lower-case letter, looking
/// inside a leading special character (`{\'e}lie`) but skipping other brace groups.
fn is_von(token: &str) -> bool {
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c.is_uppercase() {
            return false;
        }
        if c.is_lowercase() {
            return true;
        }
        if c != '{' {
            continue;
        }
        let mut rest = chars.clone().peekable();
        if rest.peek() == Some(&'\\') {
            rest.next();
            return special_char_is_lower(rest);
        }
        // Not a special character: skip to the matching brace.
        let mut depth = 1usize;
        for c in chars.by_ref() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
        }
    }
    false
}

/// The case of a special character, read after its backslash (`bibtex.web` "Check the
/// special character"): the foreign letters by name, otherwise the first letter in the group.
fn special_char_is_lower(mut chars: impl Iterator<Item = char>) -> bool {
    let mut name = String::new();
    let mut next = None;
    for c in chars.by_ref() {
        if c.is_ascii_alphabetic() {
            name.push(c);
        } else {
            next = Some(c);
            break;
        }
    }
    match name.as_str() {
        "OE" | "AE" | "AA" | "O" | "L" => return false,
        "i" | "j" | "oe" | "ae" | "aa" | "o" | "l" | "ss" => return true,
        _ => {}
    }
    let mut depth = 1usize;
    for c in next.into_iter().chain(chars) {
        if c.is_uppercase() {
            return false;
        }
        if c.is_lowercase() {
            return true;
        }
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
    }
    false
}

/// Splits one name (already separated from the list and trimmed) into First, von, Last and Jr
/// as BibTeX does. `None` when the name has no tokens.
#[must_use]
pub fn split_name(name: &str) -> Option<NameParts> {
    let (tokens, commas) = tokenize(name);
    if tokens.is_empty() {
        return None;
    }
    let von: SmallVec<[bool; 8]> = tokens.iter().map(|t| name.get(t.start..t.end).is_some_and(is_von)).collect();
    let is_von_at = |i: usize| von.get(i).copied().unwrap_or(false);
    let n = tokens.len();
    // Token index ranges of the four parts.
    let (first, von_part, last, jr) = match (commas.first(), commas.get(1)) {
        (None, _) => {
            // First von Last.
            let last_end = n;
            let von_start = (0..last_end - 1).find(|&i| is_von_at(i));
            match von_start {
                Some(vs) => {
                    let ve = von_end(vs, last_end, &is_von_at);
                    (0..vs, vs..ve, ve..last_end, 0..0)
                }
                None => {
                    // No von: Last is the final token, plus tokens joined to it by hyphens.
                    let mut vs = last_end - 1;
                    while vs > 0 && tokens.get(vs).is_some_and(|t| t.sep_before == b'-') {
                        vs -= 1;
                    }
                    (0..vs, vs..vs, vs..last_end, 0..0)
                }
            }
        }
        (Some(&c1), None) => {
            // von Last, First.
            let ve = von_end(0, c1, &is_von_at);
            (c1..n, 0..ve, ve..c1, 0..0)
        }
        (Some(&c1), Some(&c2)) => {
            // von Last, Jr, First (further commas ignored).
            let ve = von_end(0, c1, &is_von_at);
            (c2..n, 0..ve, ve..c1, c1..c2)
        }
    };
    let bytes = |r: Range<usize>| -> Option<Range<usize>> {
        if r.is_empty() {
            return None;
        }
        let a = tokens.get(r.start)?;
        let b = tokens.get(r.end - 1)?;
        Some(a.start..b.end)
    };
    Some(NameParts {
        first: bytes(first),
        von: bytes(von_part),
        last: bytes(last),
        jr: bytes(jr),
        commas: commas.len(),
    })
}

/// `von_name_ends_and_last_name_starts_stuff`: the end of von is after the last von token
/// before the final token of the Last part.
fn von_end(von_start: usize, last_end: usize, is_von_at: &dyn Fn(usize) -> bool) -> usize {
    let mut end = last_end.saturating_sub(1);
    while end > von_start {
        if is_von_at(end - 1) {
            return end;
        }
        end -= 1;
    }
    end.max(von_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    /// The raw First, von, Last, Jr of one name, `""` for an empty part.
    fn parts(name: &str) -> [String; 4] {
        let p = split_name(name).unwrap();
        let get = |r: Option<Range<usize>>| r.map(|r| at(name, r).to_owned()).unwrap_or_default();
        [get(p.first), get(p.von), get(p.last), get(p.jr)]
    }

    #[track_caller]
    fn check(name: &str, first: &str, von: &str, last: &str, jr: &str) {
        assert_eq!(parts(name), [first, von, last, jr].map(str::to_owned), "name: {name:?}");
    }

    fn at(s: &str, r: Range<usize>) -> &str {
        s.get(r).unwrap()
    }

    fn span_of(r: Range<usize>) -> Span {
        Span::new(FileId(0), r.start, r.end)
    }

    fn names(text: &str) -> NameList {
        parse_bibtex_names(text, &span_of)
    }

    fn name(
        family: &str,
        given: Option<&str>,
        particle: Option<&str>,
        suffix: Option<&str>,
    ) -> (String, [Option<String>; 3]) {
        (family.to_owned(), [given, particle, suffix].map(|s| s.map(str::to_owned)))
    }

    fn decoded(list: &NameList) -> Vec<(String, [Option<String>; 3])> {
        list.names
            .iter()
            .map(|n| (n.family().to_owned(), [n.given(), n.particle(), n.suffix()].map(|p| p.map(str::to_owned))))
            .collect()
    }

    #[test]
    fn classic_bibtex_splits() {
        check("Per Brinch Hansen", "Per Brinch", "", "Hansen", "");
        check("Brinch Hansen, Per", "Per", "", "Brinch Hansen", "");
        check(
            r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin",
            "Charles Louis Xavier Joseph",
            "de la",
            r"Vall{\'e}e Poussin",
            "",
        );
        check("Ludwig van Beethoven", "Ludwig", "van", "Beethoven", "");
        check("van Beethoven, Ludwig", "Ludwig", "van", "Beethoven", "");
        check("Ford, Jr., Henry", "Henry", "", "Ford", "Jr.");
        check("mr Ford, Jr., Henry", "Henry", "mr", "Ford", "Jr.");
        check("Jean-Paul Sartre", "Jean-Paul", "", "Sartre", "");
        check("{Barnes and Noble, Inc.}", "", "", "{Barnes and Noble, Inc.}", "");
        check("{von Neumann}, John", "John", "", "{von Neumann}", "");
        check("jean de la fontaine", "", "jean de la", "fontaine", "");
        check("Jean de La Fontaine", "Jean", "de", "La Fontaine", "");
        check("Jean De La Fontaine", "Jean De La", "", "Fontaine", "");
        check("De La Fontaine, Jean", "Jean", "", "De La Fontaine", "");
        check("de La Fontaine, Jean", "Jean", "de", "La Fontaine", "");
        check("Jean {de} la fontaine", "Jean {de}", "la", "fontaine", "");
        check("Moreira, Viviane P.", "Viviane P.", "", "Moreira", "");
        check(r"{\'A}lvarez-Mellado, Elena", "Elena", "", r"{\'A}lvarez-Mellado", "");
        check("O{'}Shaughnessy, Douglas D.", "Douglas D.", "", "O{'}Shaughnessy", "");
        check("Hu, Yi", "Yi", "", "Hu", "");
    }

    /// Splits as BibTeX 0.99d makes them (the kind of cases in pybtex's name-split suite).
    #[test]
    fn bibtex_reference_splits() {
        let cases: &[(&str, [&str; 4])] = &[
            ("A. E.                   Siegman", ["A. E.", "", "Siegman", ""]),
            ("A. J. Van Haagen", ["A. J. Van", "", "Haagen", ""]),
            ("Addison-Wesley Publishing Company", ["Addison-Wesley Publishing", "", "Company", ""]),
            ("Advogato (Raph Levien)", ["Advogato (Raph", "", "Levien)", ""]),
            ("Andrea de Leeuw van Weenen", ["Andrea", "de Leeuw van", "Weenen", ""]),
            ("Andreas Geyer-Schulz", ["Andreas", "", "Geyer-Schulz", ""]),
            (r"Andr{\'e} Heck", [r"Andr{\'e}", "", "Heck", ""]),
            (r#"Anne Br{\"u}ggemann-Klein"#, ["Anne", "", r#"Br{\"u}ggemann-Klein"#, ""]),
            ("Anonymous", ["", "", "Anonymous", ""]),
            (r"Benedict L{\o}fstedt", ["Benedict", "", r"L{\o}fstedt", ""]),
            (r"Bogus{\l}aw Jackowski", [r"Bogus{\l}aw", "", "Jackowski", ""]),
            (r"Christina A. L.\ Thiele", [r"Christina A. L.\", "", "Thiele", ""]),
            ("D. Men'shikov", ["D.", "", "Men'shikov", ""]),
            (r"Darko \v{Z}ubrini{\'c}", ["Darko", "", r"\v{Z}ubrini{\'c}", ""]),
            ("Edwin V. {Bell, II}", ["Edwin V.", "", "{Bell, II}", ""]),
            ("Frank G. {Bennett, Jr.}", ["Frank G.", "", "{Bennett, Jr.}", ""]),
            ("Gilbert van den Dobbelsteen", ["Gilbert", "van den", "Dobbelsteen", ""]),
            (r"H{\`a}n Th\^e Th{\`a}nh", [r"H{\`a}n Th\^e", "", r"Th{\`a}nh", ""]),
            (r"Javier Rodr\'{\i}guez Laguna", [r"Javier Rodr\'{\i}guez", "", "Laguna", ""]),
            (r"Ji\v{r}{\'{\i}}Zlatu{\v{s}}ka", ["", "", r"Ji\v{r}{\'{\i}}Zlatu{\v{s}}ka", ""]),
            ("Jim Hef{}feron", ["Jim", "", "Hef{}feron", ""]),
            ("M/iche/al /O Searc/oid", ["M/iche/al /O", "", "Searc/oid", ""]),
            ("Paco La                  Bruna", ["Paco La", "", "Bruna", ""]),
            (r"Rafa{\l}\.Zbikowski", ["", "", r"Rafa{\l}\.Zbikowski", ""]),
            ("T. L. (Frank) Pappas", ["T. L. (Frank)", "", "Pappas", ""]),
            ("TUG 2004 conference", ["TUG 2004", "", "conference", ""]),
            (r"TUG {\sltt DVI} Driver Standards Committee", [r"TUG {\sltt DVI} Driver Standards", "", "Committee", ""]),
            (
                r"TUG {\sltt xDVIx} Driver Standards Committee",
                ["TUG", r"{\sltt xDVIx}", "Driver Standards Committee", ""],
            ),
            (r#"University of M{\"u}nster"#, ["University", "of", r#"M{\"u}nster"#, ""]),
            ("Walter van der Laan", ["Walter", "van der", "Laan", ""]),
            (r"\LaTeX Project Team", [r"\LaTeX Project", "", "Team", ""]),
            (r"\rlap{Lutz Birkhahn}", ["", "", r"\rlap{Lutz Birkhahn}", ""]),
            ("{Jim Hef{}feron}", ["", "", "{Jim Hef{}feron}", ""]),
            (
                r"{TUG} {Working} {Group} on a {\TeX} {Directory} {Structure}",
                ["{TUG} {Working} {Group}", "on a", r"{\TeX} {Directory} {Structure}", ""],
            ),
            (r"{\LaTeX} project team", [r"{\LaTeX}", "project", "team", ""]),
            ("Johansen Kyle, Derik Mamania M.", ["Derik Mamania M.", "", "Johansen Kyle", ""]),
            (
                "Johannes Adam Ferdinand Alois Josef Maria Marko d'Aviano Pius von und zu Liechtenstein",
                ["Johannes Adam Ferdinand Alois Josef Maria Marko", "d'Aviano Pius von und zu", "Liechtenstein", ""],
            ),
            (r"Brand\~{a}o, F", ["F", "", r"Brand\~{a}o", ""]),
            // Special characters decide the case of a token; other groups are skipped.
            (r"{\'e}lie Cartan", ["", r"{\'e}lie", "Cartan", ""]),
            (r"Jean {\'e}lie Cartan", ["Jean", r"{\'e}lie", "Cartan", ""]),
            (r#"Hans {\"u}ber Alles"#, ["Hans", r#"{\"u}ber"#, "Alles", ""]),
            (r"Anna {\AE}rø Smith", ["Anna {\\AE}rø", "", "Smith", ""]),
            (r"Anna {\ae}r Smith", ["Anna", r"{\ae}r", "Smith", ""]),
            (r"Anna {\v{s}}tef Smith", ["Anna", r"{\v{s}}tef", "Smith", ""]),
            ("Anna {G}alouzeau Smith", ["Anna", "{G}alouzeau", "Smith", ""]),
            // A hyphen joins a caseless Last to the token before it.
            ("Jean Paul-Sartre", ["Jean", "", "Paul-Sartre", ""]),
            ("Jean Paul~Sartre", ["Jean Paul", "", "Sartre", ""]),
            // Unicode letters have case.
            ("Émile Zola", ["Émile", "", "Zola", ""]),
            ("Émile de Zola", ["Émile", "de", "Zola", ""]),
            ("김 민수", ["김", "", "민수", ""]),
            // The final token is never von; caseless tokens take the side they are on.
            ("Ludwig van", ["Ludwig", "", "van", ""]),
            ("john smith", ["", "john", "smith", ""]),
            ("A 123 de 45 b 67 Smith", ["A 123", "de 45 b", "67 Smith", ""]),
            ("van der, John", ["John", "van", "der", ""]),
            ("Smith,", ["", "", "Smith", ""]),
            ("Smith, , John", ["John", "", "Smith", ""]),
        ];
        for (input, expected) in cases {
            assert_eq!(parts(input), expected.map(str::to_owned), "name: {input:?}");
        }
    }

    #[test]
    fn decoded_fields() {
        let list = names(r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin and Ford, Jr., Henry");
        assert_eq!(
            decoded(&list),
            vec![
                name("Vallée Poussin", Some("Charles Louis Xavier Joseph"), Some("de la"), None),
                name("Ford", Some("Henry"), None, Some("Jr.")),
            ]
        );
        let list = names(r"{\'A}lvarez-Mellado, Elena and O{'}Shaughnessy, Douglas D.");
        assert_eq!(
            decoded(&list),
            vec![
                name("Álvarez-Mellado", Some("Elena"), None, None),
                name("O'Shaughnessy", Some("Douglas D."), None, None)
            ]
        );
        let list = names("{Association for Computational Linguistics}");
        assert_eq!(decoded(&list), vec![name("Association for Computational Linguistics", None, None, None)]);
        let list = names("{Barnes and Noble, Inc.}");
        assert_eq!(decoded(&list), vec![name("Barnes and Noble, Inc.", None, None, None)]);
        let list = names("Jean-Paul~Sartre");
        assert_eq!(decoded(&list), vec![name("Sartre", Some("Jean-Paul"), None, None)]);
        let list = names("van Beethoven, Ludwig");
        assert_eq!(decoded(&list), vec![name("Beethoven", Some("Ludwig"), Some("van"), None)]);
        assert!(list.problems.is_empty());
    }

    #[test]
    fn and_splitting() {
        let list = names("Hu, Yi and\nGu, Jiaqi");
        assert_eq!(decoded(&list), vec![name("Hu", Some("Yi"), None, None), name("Gu", Some("Jiaqi"), None, None)]);
        let list = names("A AND B And C aNd D");
        assert_eq!(list.names.len(), 4);
        let list = names("Anderson, Sandy and Andrews, Andy");
        assert_eq!(list.names.iter().map(|n| n.family()).collect::<Vec<_>>(), ["Anderson", "Andrews"]);
        // `and` inside braces or without white space on both sides does not split.
        assert_eq!(names("{A and B}").names.len(), 1);
        assert_eq!(names("A~and~B").names.len(), 1);
        assert_eq!(names("Band, Sand").names.len(), 1);
        assert!(names("A and B").problems.is_empty());
    }

    #[test]
    fn acl_style_lists_and_spans() {
        let value =
            "Moreira, Viviane P.  and\n      {\\'A}lvarez-Mellado, Elena  and\n      O{'}Shaughnessy, Douglas D.";
        let source = format!("@inproceedings{{k,\n    author = \"{value}\",\n}}\n");
        let base = source.find(value).unwrap();
        let span_of = |r: Range<usize>| Span::new(FileId(3), base + r.start, base + r.end);
        let list = parse_bibtex_names(value, &span_of);
        assert!(list.problems.is_empty(), "{:?}", list.problems);
        let slices: Vec<&str> = list.names.iter().map(|n| at(&source, n.span.range())).collect();
        assert_eq!(slices, ["Moreira, Viviane P.", "{\\'A}lvarez-Mellado, Elena", "O{'}Shaughnessy, Douglas D."]);
        assert!(list.names.iter().all(|n| n.span.file == FileId(3)));
        assert_eq!(
            decoded(&list),
            vec![
                name("Moreira", Some("Viviane P."), None, None),
                name("Álvarez-Mellado", Some("Elena"), None, None),
                name("O'Shaughnessy", Some("Douglas D."), None, None),
            ]
        );
    }

    #[test]
    fn others() {
        let text = "Smith, John and others";
        let list = names(text);
        assert_eq!(list.names.len(), 1);
        assert_eq!(at(text, list.others.unwrap().range()), "others");
        assert!(list.problems.is_empty());
        // Not last: still not a name.
        let text = "Smith, John and others and Doe, Jane";
        let list = names(text);
        assert_eq!(list.names.len(), 2);
        assert_eq!(at(text, list.others.unwrap().range()), "others");
        // `Others` or `{others}` is a name.
        assert_eq!(names("A and Others").names.len(), 2);
        assert!(names("A and {others}").others.is_none());
    }

    #[test]
    fn empty_names() {
        let text = "and Smith";
        let list = names(text);
        assert_eq!(list.names.len(), 1);
        assert_eq!(list.problems.len(), 1);
        let NameProblem::EmptyName(s) = list.problems[0] else { panic!() };
        assert_eq!(s.range(), 0..3);

        let text = "Smith and";
        let list = names(text);
        assert_eq!(list.names.len(), 1);
        assert_eq!(list.problems, [NameProblem::EmptyName(span_of(6..9))]);

        let text = "Smith and and Doe";
        let list = names(text);
        assert_eq!(list.names.len(), 2);
        assert_eq!(list.problems, [NameProblem::EmptyName(span_of(10..13))]);

        let text = "Smith and\n   and Doe";
        assert_eq!(names(text).problems, [NameProblem::EmptyName(span_of(13..16))]);

        assert_eq!(names("").problems, [NameProblem::EmptyName(span_of(0..0))]);
        assert_eq!(names("  \n ").problems, [NameProblem::EmptyName(span_of(0..4))]);
        assert_eq!(names("and").problems.len(), 2);
        let list = names("A and , and B");
        assert_eq!(list.names.len(), 2);
        assert_eq!(list.problems, [NameProblem::EmptyName(span_of(6..7))]);
    }

    #[test]
    fn too_many_commas_and_empty_family() {
        let text = "Smith, Jr., John, Extra";
        let list = names(text);
        assert_eq!(list.problems, [NameProblem::TooManyCommas(span_of(0..text.len()), 3)]);
        assert_eq!(decoded(&list), vec![name("Smith", Some("John, Extra"), None, Some("Jr."))]);

        let list = names(", John");
        assert_eq!(list.problems, [NameProblem::EmptyFamily(span_of(0..6))]);
        assert_eq!(decoded(&list), vec![name("", Some("John"), None, None)]);
        assert_eq!(names("{}, John").problems.len(), 1);
        assert_eq!(NameProblem::TooManyCommas(span_of(0..1), 3).to_string(), "too many commas in name (3, at most 2)");
    }

    #[test]
    fn name_spans_are_trimmed() {
        let text = "  Smith, John \n and\t Doe, Jane  ";
        let list = names(text);
        let slices: Vec<&str> = list.names.iter().map(|n| at(text, n.span.range())).collect();
        assert_eq!(slices, ["Smith, John", "Doe, Jane"]);
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for s in [
            "{",
            "}",
            "{{{ and",
            "} and {",
            "a and }",
            ",",
            ",,,",
            "{,}",
            "\\",
            "and and and",
            "A {and B",
            "é and ü",
            "{\\",
            "{\\'",
            "a {\\'e",
            "{\\v{",
            "-",
            "- -",
            "~",
            "Smith-",
            "-Smith",
            "a, b, c, d, e",
        ] {
            let _ = names(s);
        }
        assert_eq!(names("A {and B").names.len(), 1);
    }

    #[test]
    fn long_lists_are_linear() {
        let text = vec!["Smith, John"; 20_000].join(" and ");
        assert_eq!(names(&text).names.len(), 20_000);
        let deep = format!("{}x{}, John", "{".repeat(50_000), "}".repeat(50_000));
        assert_eq!(names(&deep).names.len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in r"[{}\\,~\- aAnNdDxXé'\n]{0,40}") {
            let list = names(&s);
            for n in &list.names {
                proptest::prop_assert!(s.get(n.span.range()).is_some());
            }
        }
    }
}
