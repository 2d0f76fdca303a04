//! CL605 control-character. Docs and cases: rules/CL605-control-character/
//!
//! C0 controls other than tab, line feed and carriage return, DEL, C1 controls (Unicode
//! "Cc"), and the bidirectional embedding/override/isolate controls (U+202A-U+202E,
//! U+2066-U+2069, Unicode TR9; CVE-2021-42574 "Trojan Source"). XML 1.0 forbids the C0 ones
//! (MODS cannot carry them), JSON requires them escaped, TeX reads them as junk.
use std::collections::BTreeSet;

use super::texscan::{escape_char, is_bidi_control, text_parts};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::model::Format;
use crate::source::Span;

pub(crate) struct ControlCharacter;

static META: RuleMeta = RuleMeta {
    code: "CL605",
    name: "control-character",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL605-control-character/README.md"),
};

/// Whether `c` is reported.
pub(crate) fn is_reported(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c)
}

/// Whether `text` holds a reported character, read off its UTF-8 bytes: a C0 control but tab
/// and line ends, DEL, a C1 control (`C2 80`..`C2 9F`) or a bidi control (`E2 80 AA`..`E2 80 AE`,
/// `E2 81 A6`..`E2 81 A9`). Equal to `text.chars().any(is_reported)`, at the speed of bytes.
fn holds_reported(text: &str) -> bool {
    let b = text.as_bytes();
    // A branch-free test of 64 bytes at a time (it vectorizes) finds the blocks worth a look.
    let suspect = |c: u8| (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) | matches!(c, 0x7F | 0xC2 | 0xE2);
    b.chunks(64).enumerate().any(|(k, block)| {
        block.iter().fold(false, |acc, &c| acc | suspect(c))
            && (k * 64..k * 64 + block.len()).any(|i| reported_at(b, i))
    })
}

/// Whether a reported character starts at byte `i`.
fn reported_at(b: &[u8], i: usize) -> bool {
    match b.get(i).copied().unwrap_or(0x20) {
        0x7F => true,
        c if c < 0x20 => !matches!(c, b'\t' | b'\n' | b'\r'),
        0xC2 => matches!(b.get(i + 1), Some(0x80..=0x9F)),
        0xE2 => {
            matches!((b.get(i + 1), b.get(i + 2)), (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9)))
        }
        _ => false,
    }
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// The character a C1 code point stands for when the byte was Windows-1252 (WHATWG table).
fn windows_1252(c: char) -> Option<char> {
    const TABLE: [Option<char>; 32] = [
        Some('€'),
        None,
        Some('‚'),
        Some('ƒ'),
        Some('„'),
        Some('…'),
        Some('†'),
        Some('‡'),
        Some('ˆ'),
        Some('‰'),
        Some('Š'),
        Some('‹'),
        Some('Œ'),
        None,
        Some('Ž'),
        None,
        None,
        Some('‘'),
        Some('’'),
        Some('“'),
        Some('”'),
        Some('•'),
        Some('–'),
        Some('—'),
        Some('˜'),
        Some('™'),
        Some('š'),
        Some('›'),
        Some('œ'),
        None,
        Some('ž'),
        Some('Ÿ'),
    ];
    let i = usize::try_from(u32::from(c).checked_sub(0x80)?).ok()?;
    TABLE.get(i).copied().flatten()
}

fn describe(c: char) -> &'static str {
    match c {
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{7F}' => "delete",
        c if u32::from(c) < 0x20 => "C0 control character",
        _ => "C1 control character",
    }
}

impl Rule for ControlCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let text = cx.db.get(file.file).text.as_str();
        if !holds_reported(text) {
            return; // most files: one pass over the bytes, nothing to report
        }
        if file.format == Format::Bibtex {
            for part in text_parts(file, text) {
                cx.set_record(part.key);
                check(part.inner, part.text, &part.field, cx);
            }
        } else {
            for record in &file.records {
                cx.set_record(record.key_str());
                let mut seen = BTreeSet::new();
                for entry in record.fields.entries() {
                    if !seen.insert((entry.raw.start, entry.raw.end)) {
                        continue;
                    }
                    let name = entry.native.value.to_ascii_lowercase();
                    check(entry.raw, cx.text(entry.raw), &name, cx);
                }
            }
        }
        cx.set_record(None);
    }
}

/// Reports each run of reported characters in `value` (the text of `span`).
fn check(span: Span, value: &str, field: &str, cx: &mut Context) {
    if !holds_reported(value) {
        return; // most values of a file that holds one
    }
    let mut chars = value.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_reported(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut shown = escape_char(c);
        while let Some(&(i, n)) = chars.peek() {
            if !is_reported(n) {
                break;
            }
            shown.push_str(&escape_char(n));
            end = i + n.len_utf8();
            chars.next();
        }
        let what = describe(c);
        let at = span.within(start..end);
        let before = value.get(..start).and_then(|b| b.chars().next_back());
        let d = cx.report(at, format!("{what} `{shown}` in `{field}`"));
        if !is_c1(c) {
            d.fix(Fix::safe_deletion(format!("Remove `{shown}`"), at));
        } else if let (Some(w), true) =
            (windows_1252(c), end - start == c.len_utf8() && before.is_none_or(|b| b.is_ascii()))
        {
            d.note("C1 control characters are usually Windows-1252 text read as Latin-1");
            d.fix(Fix::unsafe_edit(
                format!("Replace `{shown}` with `{w}`, its Windows-1252 reading"),
                at,
                w.to_string(),
            ));
        } else {
            d.note("this looks like text decoded with the wrong encoding (mojibake): retype the characters around it");
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// The byte test finds exactly the characters the rule reports.
        #[test]
        fn bytes_agree_with_chars(text in "\\PC{0,8}[\u{0}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{2000}-\u{2070}]{0,3}") {
            proptest::prop_assert_eq!(super::holds_reported(&text), text.chars().any(super::is_reported));
        }
    }
}
