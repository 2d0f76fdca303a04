//! TeX to Unicode decoding for comparisons (spec/FORMATS.md §2.2, §2.5; DESIGN §3).
//!
//! [`decode`] turns the TeX found in BibTeX field values (`{\"o}`, `\v{s}`, `--`, `\&`,
//! `\textit{x}`) into Unicode NFC text with white space collapsed. It is meant for comparing
//! values across formats, not for typesetting: unknown commands are dropped and their
//! arguments kept, grouping braces and math `$` are removed.
//!
//! One pass over the characters with a small state (pending accents); no recursion, so
//! deeply nested or unbalanced braces cost nothing extra and never panic.

/// Decodes TeX text to Unicode NFC with white space (incl. `~`, newlines) collapsed and trimmed.
#[must_use]
pub fn decode(text: &str) -> String {
    let mut out = String::new();
    if push_plain(text, &mut out) {
        return out;
    }
    decode_tex(text)
}

/// [`decode`], appended to `out`.
pub fn decode_append(text: &str, out: &mut String) {
    if !push_plain(text, out) {
        out.push_str(&decode_tex(text));
    }
}

/// [`decode`] without its fast path.
fn decode_tex(text: &str) -> String {
    let mut d = Decoder { out: String::with_capacity(text.len()), pending: Vec::new() };
    let bytes = text.as_bytes();
    // `i` is a byte offset, always on a character boundary.
    let mut i = 0;
    // Letters, digits and punctuation that TeX prints as they are.
    let plain = |b: &u8| b.is_ascii_graphic() && !matches!(b, b'\\' | b'{' | b'}' | b'$' | b'~' | b'-' | b'`' | b'\'');
    while let Some(rest) = text.get(i..) {
        // A run of such characters with no accent waiting is copied as it is.
        let run = if d.pending.is_empty() { rest.bytes().take_while(plain).count() } else { 0 };
        if let Some(copy) = rest.get(..run).filter(|r| !r.is_empty()) {
            d.out.push_str(copy);
            i += run;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        i += c.len_utf8();
        match c {
            '\\' => i = d.command(text, i),
            '{' | '$' => {}
            '}' => d.flush_pending(),
            '~' => d.space(),
            c if c.is_whitespace() => d.space(),
            '-' => {
                let n = bytes.get(i..).map_or(0, |rest| rest.iter().take_while(|&&b| b == b'-').count());
                match n {
                    0 => d.base('-'),
                    1 => d.other("\u{2013}"),
                    _ => d.other("\u{2014}"),
                }
                // `----` and longer: one em dash, then the rest as hyphens is not worth it.
                i += n.min(2);
            }
            '`' if bytes.get(i) == Some(&b'`') => {
                i += 1;
                d.other("\u{201C}");
            }
            '\'' if bytes.get(i) == Some(&b'\'') => {
                i += 1;
                d.other("\u{201D}");
            }
            c => d.base(c),
        }
    }
    d.flush_pending();
    super::normalize::into_collapsed(super::normalize::into_nfc(d.out))
}

/// The fast path of [`decode`]: text without commands, math, ties or dash and quote ligatures
/// decodes to itself without its braces, white space collapsed (when it is NFC and its white
/// space is ASCII). Most field values are such text (`{BERT}: Pre-training of Deep ...`).
/// Appends the decoded text to `out` and says whether `text` was such text (`out` is left
/// alone otherwise).
fn push_plain(text: &str, out: &mut String) -> bool {
    /// What each byte is to the fast path.
    #[derive(Clone, Copy, PartialEq)]
    enum Class {
        Plain,
        /// Dropped.
        Brace,
        /// Collapsed to one space between words.
        Space,
        /// Doubled, a ligature: `--`, ` `` `, `''`.
        Ligature,
        /// Part of a character beyond ASCII: kept, checked at the end.
        NonAscii,
        /// Needs the decoder: a command, math or a tie.
        Tex,
    }
    /// The class of every byte, looked up rather than matched (this loop sees every byte of
    /// every value).
    #[allow(clippy::indexing_slicing)] // reason: evaluated at compile time, indices below 256
    const CLASSES: [Class; 256] = {
        let mut table = [Class::Plain; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = match b as u8 {
                b'{' | b'}' => Class::Brace,
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => Class::Space,
                b'-' | b'`' | b'\'' => Class::Ligature,
                b'\\' | b'$' | b'~' => Class::Tex,
                0x80.. => Class::NonAscii,
                _ => Class::Plain,
            };
            b += 1;
        }
        table
    };
    let class = |b: u8| CLASSES.get(usize::from(b)).copied().unwrap_or(Class::Tex);
    out.reserve(text.len());
    let start = out.len();
    let mut space = false;
    // The plain bytes since the last brace or space, copied as one slice.
    let mut run = 0;
    let mut prev = b' ';
    let bytes = text.as_bytes();
    let word =
        |b: Option<&u8>| b.is_some_and(|&b| matches!(class(b), Class::Plain | Class::Ligature | Class::NonAscii));
    let mut non_ascii = false;
    for (i, &b) in bytes.iter().enumerate() {
        match class(b) {
            Class::Plain => {}
            Class::NonAscii => non_ascii = true,
            // One space between two words stays as it is, in the run.
            Class::Space if b == b' ' && word(Some(&prev)) && word(bytes.get(i + 1)) => {}
            Class::Ligature if b == prev => {
                out.truncate(start);
                return false;
            }
            Class::Ligature => {}
            Class::Tex => {
                out.truncate(start);
                return false;
            }
            class @ (Class::Brace | Class::Space) => {
                if let Some(word) = text.get(run..i).filter(|w| !w.is_empty()) {
                    if space {
                        out.push(' ');
                        space = false;
                    }
                    out.push_str(word);
                }
                run = i + 1;
                if class == Class::Space {
                    space = out.len() > start;
                }
            }
        }
        prev = b;
    }
    if let Some(word) = text.get(run..).filter(|w| !w.is_empty()) {
        if space {
            out.push(' ');
        }
        out.push_str(word);
    }
    // Beyond ASCII, the decoder also collapses Unicode's white space and normalizes to NFC.
    if non_ascii {
        let decoded = out.get(start..).unwrap_or("");
        let spaces = decoded.chars().any(|c| !c.is_ascii() && c.is_whitespace());
        if spaces || !super::normalize::is_nfc(decoded) {
            out.truncate(start);
            return false;
        }
    }
    true
}

/// [`decode`] and Unicode lower case: the key for case-insensitive comparison.
#[must_use]
pub fn fold(text: &str) -> String {
    super::normalize::into_nfc(decode(text).to_lowercase())
}

/// The letters and digits of [`fold`]: a key that ignores case, TeX, spacing and punctuation.
#[must_use]
pub fn fold_alphanumeric(text: &str) -> String {
    // ASCII without commands: everything TeX turns into (quotes, dashes, spaces) or drops
    // (braces, `$`) is not alphanumeric, so the letters and digits are those of the text.
    if text.is_ascii() && !text.contains('\\') {
        let mut out = String::with_capacity(text.len());
        out.extend(text.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_lowercase())));
        return out;
    }
    let mut folded = fold(text);
    folded.retain(char::is_alphanumeric);
    folded
}

/// Removes grouping braces, keeping escaped `\{` and `\}` (and everything else) as written.
#[must_use]
pub fn strip_braces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            out.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => {
                out.push(c);
                escaped = true;
            }
            '{' | '}' => {}
            c => out.push(c),
        }
    }
    out
}

struct Decoder {
    out: String,
    /// Combining marks waiting for their base letter, outermost first.
    pending: Vec<char>,
}

impl Decoder {
    /// A letter (or any character that can carry an accent).
    fn base(&mut self, c: char) {
        // One accent on a letter that has a precomposed form (`\"u`, `\'e`): that form, which
        // is what NFC gives, without normalizing the whole text afterwards.
        if let [mark] = self.pending.as_slice() {
            if let Some(composed) = unicode_normalization::char::compose(c, *mark) {
                self.out.push(composed);
                self.pending.clear();
                return;
            }
        }
        self.out.push(c);
        while let Some(mark) = self.pending.pop() {
            self.out.push(mark);
        }
    }

    /// Text that takes no accent: pending accents are written as their spacing forms first.
    fn other(&mut self, s: &str) {
        self.flush_pending();
        self.out.push_str(s);
    }

    fn space(&mut self) {
        // White space between an accent and its letter (`\" o`, `\c c`) is skipped.
        if self.pending.is_empty() {
            self.out.push(' ');
        }
    }

    /// Accents with nothing to sit on (`\~{}`, `\^{}`): the spacing character.
    fn flush_pending(&mut self) {
        for mark in self.pending.drain(..) {
            if let Some(s) = spacing_accent(mark) {
                self.out.push(s);
            }
        }
    }

    /// Reads the command after a backslash at byte `i`; returns the byte offset after it.
    fn command(&mut self, text: &str, i: usize) -> usize {
        let rest = text.get(i..).unwrap_or("");
        let Some(first) = rest.chars().next() else {
            return i; // trailing backslash
        };
        if !first.is_ascii_alphabetic() {
            self.control_symbol(first);
            return i + first.len_utf8();
        }
        let len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        self.control_word(rest.get(..len).unwrap_or(""));
        // TeX skips the spaces after a control word (`\ss e`, `\c c`, `a\textendash b`).
        let after = rest.get(len..).unwrap_or("");
        i + len + after.chars().take_while(|c| c.is_whitespace()).map(char::len_utf8).sum::<usize>()
    }

    fn control_symbol(&mut self, c: char) {
        if let Some(mark) = symbol_accent(c) {
            self.pending.push(mark);
            return;
        }
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => self.other(&c.to_string()),
            '\\' | ' ' | ',' | ';' | ':' | '\n' | '\t' | '\r' => {
                self.flush_pending();
                self.out.push(' ');
            }
            // `\-` (discretionary hyphen), `\/` (italic correction), `\@`, `\!`: nothing.
            _ => {}
        }
    }

    fn control_word(&mut self, name: &str) {
        if let Some(mark) = word_accent(name) {
            self.pending.push(mark);
        } else if let Some(c) = letter(name, !self.pending.is_empty()) {
            self.base(c);
        } else if let Some(s) = text_symbol(name) {
            self.other(s);
        }
        // Unknown commands (`\textit`, `\emph`, `\url`, ...): drop the name, keep the argument.
    }
}

/// Accent control symbols: `\'`, `` \` ``, `\^`, `\"`, `\~`, `\=`, `\.`.
fn symbol_accent(c: char) -> Option<char> {
    Some(match c {
        '\'' => '\u{0301}',
        '`' => '\u{0300}',
        '^' => '\u{0302}',
        '"' => '\u{0308}',
        '~' => '\u{0303}',
        '=' => '\u{0304}',
        '.' => '\u{0307}',
        _ => return None,
    })
}

/// Accent control words: `\u`, `\v`, `\H`, `\c`, `\k`, `\r`, `\b`, `\d`, `\t`.
fn word_accent(name: &str) -> Option<char> {
    Some(match name {
        "u" => '\u{0306}',
        "v" => '\u{030C}',
        "H" => '\u{030B}',
        "c" => '\u{0327}',
        "k" => '\u{0328}',
        "r" => '\u{030A}',
        "b" => '\u{0331}',
        "d" => '\u{0323}',
        "t" => '\u{0361}',
        _ => return None,
    })
}

/// The spacing form of an accent that found no letter (`\~{}` is a tilde).
fn spacing_accent(mark: char) -> Option<char> {
    Some(match mark {
        '\u{0301}' => '\'',
        '\u{0300}' => '`',
        '\u{0302}' => '^',
        '\u{0308}' => '"',
        '\u{0303}' => '~',
        '\u{0304}' => '=',
        '\u{0307}' => '.',
        _ => return None,
    })
}

/// Letter commands. `\i` and `\j` are dotless, but under an accent they are the plain letter
/// so that `\'{\i}` composes to `í`.
fn letter(name: &str, accented: bool) -> Option<char> {
    Some(match name {
        "ss" => 'ß',
        "SS" => 'ẞ',
        "ae" => 'æ',
        "AE" => 'Æ',
        "oe" => 'œ',
        "OE" => 'Œ',
        "o" => 'ø',
        "O" => 'Ø',
        "aa" => 'å',
        "AA" => 'Å',
        "l" => 'ł',
        "L" => 'Ł',
        "i" if accented => 'i',
        "j" if accented => 'j',
        "i" => 'ı',
        "j" => 'ȷ',
        "dh" => 'ð',
        "DH" => 'Ð',
        "th" => 'þ',
        "TH" => 'Þ',
        "ng" => 'ŋ',
        "NG" => 'Ŋ',
        "dj" => 'đ',
        "DJ" => 'Đ',
        _ => greek(name)?,
    })
}

/// Greek letters (math mode, common in titles).
fn greek(name: &str) -> Option<char> {
    Some(match name {
        "alpha" => 'α',
        "beta" => 'β',
        "gamma" => 'γ',
        "delta" => 'δ',
        "epsilon" | "varepsilon" => 'ε',
        "zeta" => 'ζ',
        "eta" => 'η',
        "theta" => 'θ',
        "iota" => 'ι',
        "kappa" => 'κ',
        "lambda" => 'λ',
        "mu" => 'μ',
        "nu" => 'ν',
        "xi" => 'ξ',
        "pi" => 'π',
        "rho" => 'ρ',
        "sigma" => 'σ',
        "tau" => 'τ',
        "upsilon" => 'υ',
        "phi" | "varphi" => 'φ',
        "chi" => 'χ',
        "psi" => 'ψ',
        "omega" => 'ω',
        "Gamma" => 'Γ',
        "Delta" => 'Δ',
        "Theta" => 'Θ',
        "Lambda" => 'Λ',
        "Xi" => 'Ξ',
        "Pi" => 'Π',
        "Sigma" => 'Σ',
        "Phi" => 'Φ',
        "Psi" => 'Ψ',
        "Omega" => 'Ω',
        _ => return None,
    })
}

/// Text symbols and logos.
fn text_symbol(name: &str) -> Option<&'static str> {
    Some(match name {
        "textendash" => "\u{2013}",
        "textemdash" => "\u{2014}",
        "textquoteright" => "\u{2019}",
        "textquoteleft" => "\u{2018}",
        "textquotedblleft" => "\u{201C}",
        "textquotedblright" => "\u{201D}",
        "textbackslash" => "\\",
        "ldots" | "dots" | "textellipsis" => "\u{2026}",
        "textasciitilde" => "~",
        "textasciicircum" => "^",
        "textunderscore" => "_",
        "textbar" => "|",
        "textless" => "<",
        "textgreater" => ">",
        "textregistered" => "\u{00AE}",
        "texttrademark" => "\u{2122}",
        "copyright" | "textcopyright" => "\u{00A9}",
        "S" | "textsection" => "\u{00A7}",
        "P" | "textparagraph" => "\u{00B6}",
        "pounds" | "textsterling" => "\u{00A3}",
        "euro" | "texteuro" => "\u{20AC}",
        "textdegree" => "\u{00B0}",
        // Found by the differential check against bibtexparser (scripts/differential.py).
        "textmu" => "\u{00B5}",
        "aleph" => "\u{2135}",
        "infty" => "\u{221E}",
        "guillemotleft" | "guillemetleft" => "\u{00AB}",
        "guillemotright" | "guillemetright" => "\u{00BB}",
        "quad" | "qquad" | "space" | "enspace" | "thinspace" | "newline" | "par" => " ",
        "TeX" => "TeX",
        "LaTeX" => "LaTeX",
        "LaTeXe" => "LaTeX2e",
        "BibTeX" => "BibTeX",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    proptest::proptest! {
        /// The fast path decodes exactly as the decoder does, wherever it applies.
        #[test]
        fn fast_path_agrees_with_the_decoder(text in "[ aA1.,:{}'`~$\\\\\t\n\u{e9}\u{301}\u{a0}\u{2003}\u{1e9e}-]{0,24}") {
            let mut fast = String::new();
            if push_plain(&text, &mut fast) {
                proptest::prop_assert_eq!(fast, decode_tex(&text));
            }
        }

        /// Appending decodes as `decode` does, after whatever is there.
        #[test]
        fn decode_append_appends_the_decoding(before in "[ a]{0,3}", text in "[ aA1.{}~\\\\\t-]{0,16}") {
            let mut out = before.clone();
            decode_append(&text, &mut out);
            proptest::prop_assert_eq!(out, before + &decode(&text));
        }

        /// So does the fast path of [`fold_alphanumeric`].
        #[test]
        fn fold_alphanumeric_agrees_with_fold(text in "[ aZ1.,:{}'`~$\\\\\t\n-]{0,24}") {
            let slow: String = fold(&text).chars().filter(|c| c.is_alphanumeric()).collect();
            proptest::prop_assert_eq!(fold_alphanumeric(&text), slow);
        }
    }

    #[track_caller]
    fn check(input: &str, expected: &str) {
        assert_eq!(decode(input), expected, "input: {input:?}");
    }

    #[test]
    fn decodes_symbols_found_in_the_corpus() {
        assert_eq!(decode("1.3\\textmu{}m and $\\aleph$"), "1.3\u{00B5}m and \u{2135}");
    }

    #[test]
    fn accent_spellings() {
        for s in [r#"{\"o}"#, r#"\"{o}"#, r#"\" o"#, r#"{\"{o}}"#, r#"\"o"#, "ö", "o\u{0308}"] {
            check(s, "ö");
        }
        check(r"\'{\i}", "í");
        check(r"\'\i", "í");
        check(r"{\'\i}", "í");
        check(r"\v{s}", "š");
        check(r"\v s", "š");
        check(r"{\c c}", "ç");
        check(r"\c{C}", "Ç");
        check(r"\k{a}", "ą");
        check(r"\H{o}", "ő");
        check(r"\r{a}", "å");
        check(r"\u{g}", "ğ");
        check(r"\={a}", "ā");
        check(r"\.{z}", "ż");
        check(r"\d{s}", "ṣ");
        check(r"\b{b}", "ḇ");
        check(r"\`{e}", "è");
        check(r"\^{e}", "ê");
        check(r"\~{n}", "ñ");
        check(r"\~n", "ñ");
    }

    #[test]
    fn stacked_accents() {
        check(r"\'{\^{e}}", "ế");
        check(r"\v{\'e}", "e\u{301}\u{30c}".nfc().collect::<String>().as_str());
    }

    #[test]
    fn names_and_words() {
        check(r"Vall{\'e}e Poussin", "Vallée Poussin");
        check(r"{\'A}lvarez-Mellado", "Álvarez-Mellado");
        check(r"O{'}Shaughnessy", "O'Shaughnessy");
        check(r#"Schr{\"o}dinger"#, "Schrödinger");
        check(r"Erd\H{o}s", "Erdős");
        check(r"{\L}ukasz", "Łukasz");
        check(r"\L ukasz", "Łukasz");
        check(r"Stra{\ss}e", "Straße");
        check(r"Stra\ss e", "Straße");
        check(r"\AE{}sop", "Æsop");
        check(r"{\o}rsted", "ørsted");
        check(r"\O{}rsted", "Ørsted");
        check(r#"{\aa}ngstr{\"o}m"#, "ångström");
        check(r"\AA", "Å");
        check(r"\oe uvre", "œuvre");
        check(r"\OE", "Œ");
        check(r"\ae", "æ");
        check(r"\i\j", "ıȷ");
        check(r"{\dh}{\DH}{\th}{\TH}{\ng}{\NG}", "ðÐþÞŋŊ");
        check(r"\l\L", "łŁ");
    }

    #[test]
    fn dashes_and_quotes() {
        check("12--34", "12\u{2013}34");
        check("a---b", "a\u{2014}b");
        check("a-b", "a-b");
        check("``quoted''", "\u{201C}quoted\u{201D}");
        check("it's", "it's");
        check(r"a\textendash b", "a\u{2013}b");
        check(r"a\textemdash{}b", "a\u{2014}b");
        check(r"don\textquoteright{}t", "don\u{2019}t");
        check(r"\ldots", "\u{2026}");
        check(r"wait\dots{}", "wait\u{2026}");
        check(r"a\textbackslash{}b", "a\\b");
    }

    #[test]
    fn escapes() {
        check(r"Barnes \& Noble", "Barnes & Noble");
        check(r"50\%", "50%");
        check(r"\$5", "$5");
        check(r"\#1", "#1");
        check(r"a\_b", "a_b");
        check(r"\{x\}", "{x}");
        check(r"a\\b", "a b");
        check(r"a\ b", "a b");
        check(r"J.\,R.\,R. Tolkien", "J. R. R. Tolkien");
        check(r"hy\-phen", "hyphen");
    }

    #[test]
    fn formatting_commands_keep_their_argument() {
        check(r"\textit{Homo sapiens}", "Homo sapiens");
        check(r"\emph{x} and \textbf{y}", "x and y");
        check(r"\textsc{Bert}", "Bert");
        check(r"\mbox{a b}", "a b");
        check(r"\url{https://example.org/a_b}", "https://example.org/a_b");
        check(r"\unknowncommand{kept}", "kept");
        check(r"{\em emphasis}", "emphasis");
        check(r"\LaTeX{} rules", "LaTeX rules");
    }

    #[test]
    fn braces_math_and_spaces() {
        check("{{Bayesian}} {A}ssociation", "Bayesian Association");
        check("$x^2$ and $\\alpha$", "x^2 and α");
        check("  a \n\t  b~c  ", "a b c");
        check("", "");
        check("   ", "");
        check(r"\~{}", "~");
        check(r"\^{}", "^");
    }

    #[test]
    fn malformed_input_does_not_panic() {
        for s in [
            "\\", "{", "}", "{{{", "}}}", "\\\"", "\\'{", "\\v", "\\c", "{\\", "a\\", "$", "$$", "--", "---", "----",
            "``", "''", "\\'\\", "\\u{", "é\\", "\\é", "\\\u{0}",
        ] {
            let _ = decode(s);
            let _ = fold(s);
            let _ = strip_braces(s);
        }
        check("{{a}", "a");
        check("a}}b", "ab");
        check("\\'", "'");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let s = format!("{}x{}", "{".repeat(100_000), "}".repeat(100_000));
        check(&s, "x");
    }

    #[test]
    fn nfc_output() {
        let s = decode("e\u{0301}");
        assert_eq!(s, "\u{e9}");
    }

    #[test]
    fn fold_lowercases() {
        assert_eq!(fold(r"{\'A}LVAREZ"), "álvarez");
        assert_eq!(fold("Stra{\\ss}E"), "straße");
    }

    #[test]
    fn strip_braces_keeps_escapes() {
        assert_eq!(strip_braces(r"{A}ssociation \{x\}"), r"Association \{x\}");
        assert_eq!(strip_braces(r"{\'e}"), r"\'e");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in r"[\\{}$~ a-zA-Z'`^.=\x22\-&%#_]{0,40}") {
            let _ = decode(&s);
            let _ = fold(&s);
        }
    }
}
