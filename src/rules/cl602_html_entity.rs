//! CL602 html-entity. Docs and cases: rules/CL602-html-entity/
//!
//! HTML character references (HTML Living Standard §13.5, "named character references";
//! numeric `&#233;`/`&#xE9;`) left in text by web exports and scrapers. Only the entities of
//! [`NAMED`] and the accented-letter families (`&eacute;`, `&ccedil;`, ...) are recognised, with
//! their closing `;`, so `R&D` or `AT&T` are never read as one.
//!
//! BibTeX has no entities: the replacement is written in BibTeX's own syntax (FORMATS §2.2,
//! §2.5). In a UTF-8 file that already holds non-ASCII text the character itself is written;
//! in an ASCII-only or Windows-1252 file its TeX form (`{\'e}`), and no fix when there is none.
//! MODS is XML, where entities are the syntax: it is not checked.
use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use super::texscan::{is_verbatim_field, scan, text_parts, Tok};
use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::model::{Field, Format};
use crate::source::{Encoding, Span};

pub(crate) struct HtmlEntity;

static META: RuleMeta = RuleMeta {
    code: "CL602",
    name: "html-entity",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: false,
    doc: include_str!("../../rules/CL602-html-entity/README.md"),
};

const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("hellip", '\u{2026}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
    ("laquo", '\u{AB}'),
    ("raquo", '\u{BB}'),
    ("copy", '\u{A9}'),
    ("reg", '\u{AE}'),
    ("trade", '\u{2122}'),
    ("euro", '\u{20AC}'),
    ("pound", '\u{A3}'),
    ("sect", '\u{A7}'),
    ("deg", '\u{B0}'),
    ("middot", '\u{B7}'),
    ("times", '\u{D7}'),
    ("szlig", '\u{DF}'),
    ("aelig", '\u{E6}'),
    ("AElig", '\u{C6}'),
    ("oslash", '\u{F8}'),
    ("Oslash", '\u{D8}'),
    ("oelig", '\u{153}'),
    ("OElig", '\u{152}'),
    ("thorn", '\u{FE}'),
    ("THORN", '\u{DE}'),
    ("eth", '\u{F0}'),
    ("ETH", '\u{D0}'),
    ("iexcl", '\u{A1}'),
    ("iquest", '\u{BF}'),
    ("shy", '\u{AD}'),
];

/// Accent families: `&{letter}{suffix};`, the letter followed by the combining mark.
const ACCENTS: &[(&str, char)] = &[
    ("acute", '\u{301}'),
    ("grave", '\u{300}'),
    ("circ", '\u{302}'),
    ("uml", '\u{308}'),
    ("tilde", '\u{303}'),
    ("cedil", '\u{327}'),
    ("ring", '\u{30A}'),
    ("caron", '\u{30C}'),
];

/// The entity at the start of `s` (which starts with `&`): its length in bytes and character.
pub(crate) fn entity_at(s: &str) -> Option<(usize, char)> {
    let body = s.strip_prefix('&')?;
    let end = body.find(';')?;
    let name = body.get(..end)?;
    if name.is_empty() || name.len() > 10 {
        return None;
    }
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            Some(_) => return None,
            None if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit()) => num.parse().ok()?,
            None => return None,
        };
        char::from_u32(code).filter(|c| !c.is_control())?
    } else if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
        c
    } else {
        let mut chars = name.chars();
        let letter = chars.next().filter(char::is_ascii_alphabetic)?;
        let suffix = chars.as_str();
        let &(_, mark) = ACCENTS.iter().find(|(n, _)| *n == suffix)?;
        let composed: String = [letter, mark].iter().collect::<String>().nfc().collect();
        let mut it = composed.chars();
        let c = it.next()?;
        if it.next().is_some() {
            return None;
        }
        c
    };
    Some((end + 2, c))
}

/// The TeX form of a character, for files that should stay ASCII.
pub(crate) fn tex_form(c: char) -> Option<String> {
    let ascii = match c {
        '&' => "\\&",
        '%' => "\\%",
        '#' => "\\#",
        '$' => "\\$",
        '_' => "\\_",
        '<' => "$<$",
        '>' => "$>$",
        '"' => "{\"}",
        '{' => "\\{",
        '}' => "\\}",
        '\\' => "\\textbackslash{}",
        '~' => "\\textasciitilde{}",
        '^' => "\\textasciicircum{}",
        '\u{A0}' => "~",
        '\u{AD}' => "\\-",
        '\u{2013}' => "--",
        '\u{2014}' => "---",
        '\u{2018}' => "`",
        '\u{2019}' => "'",
        '\u{201C}' => "``",
        '\u{201D}' => "''",
        '\u{2026}' => "\\ldots{}",
        '\u{AB}' => "\\guillemotleft{}",
        '\u{BB}' => "\\guillemotright{}",
        '\u{A9}' => "\\textcopyright{}",
        '\u{AE}' => "\\textregistered{}",
        '\u{2122}' => "\\texttrademark{}",
        '\u{20AC}' => "\\texteuro{}",
        '\u{A3}' => "\\pounds{}",
        '\u{A7}' => "\\S{}",
        '\u{B0}' => "\\textdegree{}",
        '\u{B7}' => "\\textperiodcentered{}",
        '\u{D7}' => "$\\times$",
        '\u{DF}' => "{\\ss}",
        '\u{E6}' => "{\\ae}",
        '\u{C6}' => "{\\AE}",
        '\u{F8}' => "{\\o}",
        '\u{D8}' => "{\\O}",
        '\u{153}' => "{\\oe}",
        '\u{152}' => "{\\OE}",
        '\u{142}' => "{\\l}",
        '\u{141}' => "{\\L}",
        '\u{A1}' => "{!`}",
        '\u{BF}' => "{?`}",
        c if c.is_ascii() => return Some(c.to_string()),
        c => return accented(c),
    };
    Some(ascii.to_owned())
}

/// `é` -> `{\'e}`, `č` -> `{\v{c}}`: an ASCII letter with one accent TeX knows.
fn accented(c: char) -> Option<String> {
    let mut parts = std::iter::once(c).nfd();
    let base = parts.next().filter(char::is_ascii_alphabetic)?;
    let mark = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    let symbol = match mark {
        '\u{301}' => "'",
        '\u{300}' => "`",
        '\u{302}' => "^",
        '\u{308}' => "\"",
        '\u{303}' => "~",
        '\u{304}' => "=",
        '\u{307}' => ".",
        '\u{327}' => return Some(format!("{{\\c{{{base}}}}}")),
        '\u{30C}' => return Some(format!("{{\\v{{{base}}}}}")),
        '\u{306}' => return Some(format!("{{\\u{{{base}}}}}")),
        '\u{30A}' => return Some(format!("{{\\r{{{base}}}}}")),
        '\u{30B}' => return Some(format!("{{\\H{{{base}}}}}")),
        '\u{328}' => return Some(format!("{{\\k{{{base}}}}}")),
        _ => return None,
    };
    Some(format!("{{\\{symbol}{base}}}"))
}

impl Rule for HtmlEntity {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let source = cx.db.get(file.file);
        let text = source.text.as_str();
        match file.format {
            // Every entity starts with `&`: a file without one has none.
            _ if memchr::memchr(b'&', text.as_bytes()).is_none() => {}
            Format::Bibtex => {
                let unicode = matches!(source.encoding, Encoding::Utf8 { .. }) && !text.is_ascii();
                for part in text_parts(file, text) {
                    if !part.string && is_verbatim_field(&part.field) {
                        continue;
                    }
                    cx.set_record(part.key);
                    check_bibtex(part.inner, part.text, &part.field, unicode, cx);
                }
            }
            Format::Ris | Format::Refer | Format::CslJson => {
                let json = file.format == Format::CslJson;
                for record in &file.records {
                    cx.set_record(record.key_str());
                    let mut seen = BTreeSet::new();
                    for (field, entry) in record.fields.iter() {
                        if matches!(field, Field::Url | Field::Doi | Field::Isbn | Field::Issn)
                            || !seen.insert((entry.raw.start, entry.raw.end))
                        {
                            continue;
                        }
                        let name = entry.native.value.clone();
                        check_plain(entry.raw, cx.text(entry.raw), &name, json, cx);
                    }
                }
            }
            _ => {}
        }
        cx.set_record(None);
    }
}

fn check_bibtex(span: Span, value: &str, field: &str, unicode: bool, cx: &mut Context) {
    // Every entity starts with `&`; most `&`s start none (`R&D`, `Science \& Technology`), and
    // then the value need not be scanned.
    if !memchr::memchr_iter(b'&', value.as_bytes()).any(|i| value.get(i..).and_then(entity_at).is_some()) {
        return;
    }
    for t in scan(value) {
        let start = match t.tok {
            Tok::Char('&') => t.start,
            Tok::Symbol('&') => t.start + 1,
            _ => continue,
        };
        if t.verbatim {
            continue;
        }
        let Some((len, c)) = value.get(start..).and_then(entity_at) else { continue };
        let at = span.within(t.start..start + len);
        let written = value.get(t.start..start + len).unwrap_or("");
        let replacement =
            if (unicode && !c.is_ascii() && !matches!(c, '\u{A0}' | '\u{AD}')) || (t.math && matches!(c, '<' | '>')) {
                Some(c.to_string())
            } else {
                tex_form(c)
            };
        let d = cx.report(at, format!("HTML entity `{written}` in `{field}`"));
        match replacement {
            Some(r) => {
                d.fix(Fix::safe_edit(format!("Replace `{written}` with `{r}`"), at, r));
            }
            None => {
                d.note(format!("it stands for U+{:04X}, which has no TeX form here", u32::from(c)));
            }
        }
    }
}

fn check_plain(span: Span, value: &str, field: &str, json: bool, cx: &mut Context) {
    for (i, _) in value.match_indices('&') {
        let Some((len, c)) = value.get(i..).and_then(entity_at) else { continue };
        let written = value.get(i..i + len).unwrap_or("");
        let at = span.within(i..i + len);
        let r = match c {
            '"' if json => "\\\"".to_owned(),
            '\\' if json => "\\\\".to_owned(),
            c => c.to_string(),
        };
        let d = cx.report(at, format!("HTML entity `{written}` in `{field}`"));
        d.fix(Fix::safe_edit(format!("Replace `{written}` with `{r}`"), at, r));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        assert_eq!(entity_at("&amp; x"), Some((5, '&')));
        assert_eq!(entity_at("&#233;"), Some((6, 'é')));
        assert_eq!(entity_at("&#xE9;"), Some((6, 'é')));
        assert_eq!(entity_at("&eacute;"), Some((8, 'é')));
        assert_eq!(entity_at("&Ccedil;"), Some((8, 'Ç')));
        assert_eq!(entity_at("&D;"), None);
        assert_eq!(entity_at("& amp;"), None);
        assert_eq!(entity_at("&#0;"), None);
        assert_eq!(entity_at("&#xD800;"), None);
        assert_eq!(entity_at("&#99999999999;"), None);
        assert_eq!(entity_at("&qcaron;"), None);
    }

    #[test]
    fn tex_forms() {
        assert_eq!(tex_form('é').as_deref(), Some("{\\'e}"));
        assert_eq!(tex_form('č').as_deref(), Some("{\\v{c}}"));
        assert_eq!(tex_form('&').as_deref(), Some("\\&"));
        assert_eq!(tex_form('ß').as_deref(), Some("{\\ss}"));
        assert_eq!(tex_form('中'), None);
    }
}
