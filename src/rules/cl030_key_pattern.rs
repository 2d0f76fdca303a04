//! CL030 key-pattern. Docs and cases: rules/CL030-key-pattern/
//!
//! Presets: `acl` is the ACL Anthology's scheme (spec/FORMATS.md §7.3, `to_bibtex()`):
//! `{slug(last1)}-{year}-{word}`, `{last1}-{last2}-...`, `{last1}-etal-...`, with more title
//! words or `-2`, `-3` appended for uniqueness. `author-year` is the `Smith2020` family
//! (JabRef's `[auth][year]`), any case, with an optional disambiguating letter or title word.
//! `pattern` is a small template (see the README): placeholders in braces, the rest literal.
use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::fix::Fix;
use crate::formats::ParsedFile;
use crate::model::{Field, Format, Name, Record};

pub(crate) struct KeyPattern;

static META: RuleMeta = RuleMeta {
    code: "CL030",
    name: "key-pattern",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    opt_in: true,
    doc: include_str!("../../rules/CL030-key-pattern/README.md"),
};

const STOPWORDS: &str = include_str!("../../rules/data/key-stopwords.txt");

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect())
}

/// The placeholders a `pattern` may use.
const PLACEHOLDERS: &[&str] = &["authors", "author", "Author", "year", "title", "Title"];

/// Why an option value is not accepted, for the config reader.
pub(crate) fn option_problem(key: &str, value: &toml::Value) -> Option<String> {
    let s = value.as_str()?;
    match key {
        "preset" if !matches!(s, "acl" | "author-year") => {
            Some(format!("unknown preset `{s}` for CL030 (expected `acl` or `author-year`)"))
        }
        "pattern" => parse_template(s).err(),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Slot(&'static str),
}

/// `{authors}-{year}` -> pieces. Unknown placeholders and unclosed braces are errors.
fn parse_template(s: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{') {
            let Some(end) = after.find('}') else { return Err(format!("unclosed `{{` in key pattern `{s}`")) };
            let name = after.get(..end).unwrap_or("");
            let Some(&slot) = PLACEHOLDERS.iter().find(|p| **p == name) else {
                return Err(format!(
                    "unknown placeholder `{{{name}}}` in key pattern (known: {})",
                    PLACEHOLDERS.iter().map(|p| format!("{{{p}}}")).collect::<Vec<_>>().join(", ")
                ));
            };
            out.push(Piece::Slot(slot));
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find('{').unwrap_or(rest.len());
            out.push(Piece::Literal(rest.get(..end).unwrap_or("").to_owned()));
            rest = rest.get(end..).unwrap_or("");
        }
    }
    if !out.iter().any(|p| matches!(p, Piece::Slot(_))) {
        return Err(format!("key pattern `{s}` has no placeholder"));
    }
    Ok(out)
}

/// Which scheme, and how lenient the comparison is.
enum Scheme {
    Acl,
    AuthorYear,
    Pattern(Vec<Piece>),
}

impl Scheme {
    fn from_settings(cx: &Context) -> Option<(Scheme, String)> {
        if let Some(p) = cx.settings.option_str("CL030", "pattern") {
            return Some((Scheme::Pattern(parse_template(p).ok()?), format!("pattern `{p}`")));
        }
        match cx.settings.option_str("CL030", "preset").unwrap_or("acl") {
            "acl" => Some((Scheme::Acl, "acl key scheme".to_owned())),
            "author-year" => Some((Scheme::AuthorYear, "author-year key scheme".to_owned())),
            _ => None,
        }
    }

    fn pieces(&self) -> Vec<Piece> {
        match self {
            Scheme::Acl => vec![
                Piece::Slot("authors"),
                Piece::Literal("-".into()),
                Piece::Slot("year"),
                Piece::Literal("-".into()),
                Piece::Slot("title"),
            ],
            Scheme::AuthorYear => vec![Piece::Slot("Author"), Piece::Slot("year")],
            Scheme::Pattern(p) => p.clone(),
        }
    }

    /// Whether `key` is `expected` plus an accepted disambiguation.
    fn accepts(&self, key: &str, expected: &str, facts: &Facts) -> bool {
        match self {
            Scheme::Acl => key.strip_prefix(expected).is_some_and(|rest| {
                rest.is_empty()
                    || rest.strip_prefix('-').is_some_and(|r| {
                        r.split('-')
                            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
                    })
            }),
            Scheme::AuthorYear => {
                let (key, expected) = (key.to_lowercase(), expected.to_lowercase());
                key.strip_prefix(&expected).is_some_and(|rest| {
                    rest.is_empty()
                        || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase()))
                        || facts.title.as_deref() == Some(rest)
                })
            }
            Scheme::Pattern(_) => key.strip_prefix(expected).is_some_and(|rest| {
                rest.is_empty() || (rest.len() == 1 && rest.bytes().all(|b| b.is_ascii_lowercase()))
            }),
        }
    }
}

/// What a key is made of, for one record.
struct Facts {
    /// Slugs of the (particle and) family names of the authors (editors if no author).
    names: Vec<String>,
    et_al: bool,
    year: i32,
    /// The first title word that is not a stop word, slugified.
    title: Option<String>,
}

impl Facts {
    fn of(record: &Record) -> Option<Facts> {
        let list =
            record.names(Field::Author).filter(|l| !l.names.is_empty()).or_else(|| record.names(Field::Editor))?;
        let names: Vec<String> = list.names.iter().map(full_family).map(|n| slug(&n)).collect();
        if names.is_empty() || names.iter().any(String::is_empty) {
            return None;
        }
        let year = record.issued()?.year.as_ref()?.value;
        let title = record.text(Field::Title).and_then(first_content_word);
        Some(Facts { et_al: list.others.is_some(), names, year, title })
    }

    fn fill(&self, slot: &str) -> Option<String> {
        let first = self.names.first()?;
        Some(match slot {
            "authors" => match (self.names.as_slice(), self.et_al) {
                ([one], false) => one.clone(),
                ([one, two], false) => format!("{one}-{two}"),
                _ => format!("{first}-etal"),
            },
            "author" => first.replace('-', ""),
            "Author" => capitalize(&first.split('-').map(capitalize).collect::<String>()),
            "year" => self.year.to_string(),
            "title" => self.title.clone()?,
            "Title" => capitalize(self.title.as_deref()?),
            _ => return None,
        })
    }
}

fn full_family(name: &Name) -> String {
    match name.particle() {
        Some(p) => format!("{p} {}", name.family()),
        None => name.family().to_owned(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// python-slugify's rule as the Anthology uses it: apostrophes removed, accents decomposed and
/// dropped, a few letters transliterated, lower case, every run of other characters one `-`,
/// trimmed. `Álvarez-Mellado` -> `alvarez-mellado`, `O'Shaughnessy` -> `oshaughnessy`,
/// `Sima'an` -> `simaan` (the Anthology's `stanojevic-simaan-2014-beer`).
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut gap = false;
    for c in text.nfd().filter(|c| canonical_combining_class(*c) == 0 && !matches!(c, '\'' | '\u{2019}')) {
        let translit = match c {
            'ß' => "ss",
            'æ' | 'Æ' => "ae",
            'ø' | 'Ø' => "o",
            'œ' | 'Œ' => "oe",
            'ł' | 'Ł' => "l",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'þ' | 'Þ' => "th",
            'ı' => "i",
            c if c.is_ascii_alphanumeric() => {
                if gap && !out.is_empty() {
                    out.push('-');
                }
                gap = false;
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => {
                gap = true;
                continue;
            }
        };
        if gap && !out.is_empty() {
            out.push('-');
        }
        gap = false;
        out.push_str(translit);
    }
    out
}

fn first_content_word(title: &str) -> Option<String> {
    let s = slug(title);
    let words = stopwords();
    s.split('-').find(|w| !w.is_empty() && !words.contains(w)).map(str::to_owned)
}

impl Rule for KeyPattern {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        if file.format != Format::Bibtex {
            return;
        }
        let Some((scheme, scheme_name)) = Scheme::from_settings(cx) else { return };
        let pieces = scheme.pieces();
        let keys: HashSet<String> = file.records.iter().filter_map(|r| r.key_str()).map(str::to_lowercase).collect();
        for record in &file.records {
            let Some(key) = &record.key else { continue };
            let Some(facts) = Facts::of(record) else { continue };
            let Some(expected) = pieces
                .iter()
                .map(|p| match p {
                    Piece::Literal(l) => Some(l.clone()),
                    Piece::Slot(s) => facts.fill(s),
                })
                .collect::<Option<String>>()
            else {
                continue;
            };
            if scheme.accepts(&key.value, &expected, &facts) {
                continue;
            }
            cx.set_record(Some(&key.value));
            let d = cx.report(
                key.span,
                format!("key `{}` does not follow the {scheme_name}: expected `{expected}`", key.value),
            );
            if keys.contains(&expected.to_lowercase()) {
                d.note(format!("`{expected}` is already the key of another entry: no fix is offered"));
            } else {
                d.fix(Fix::unsafe_edit(format!("Rename the key to `{expected}`"), key.span, expected.clone()));
                d.note(format!("documents that cite `{}` must change to `{expected}`", key.value));
            }
        }
        cx.set_record(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tex::decode;

    #[test]
    fn slugs() {
        assert_eq!(slug(&decode("{\\'A}lvarez-Mellado")), "alvarez-mellado");
        assert_eq!(slug(&decode("O{'}Shaughnessy")), "oshaughnessy");
        assert_eq!(slug("Sima’an"), "simaan");
        assert_eq!(first_content_word("What's in a Translation Rule?").as_deref(), Some("whats"));
        assert_eq!(first_content_word("Your Sentiment Precedes You").as_deref(), Some("sentiment"));
        assert_eq!(slug("van Hee"), "van-hee");
        assert_eq!(slug("Müller"), "muller");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug("Łukasz Øster"), "lukasz-oster");
    }

    #[test]
    fn title_words() {
        assert_eq!(
            first_content_word("{BERT}: Pre-training of Deep Bidirectional Transformers").as_deref(),
            Some("bert")
        );
        assert_eq!(first_content_word("On the Use of Things").as_deref(), Some("use"));
        assert_eq!(first_content_word("The a of"), None);
    }

    #[test]
    fn templates() {
        assert_eq!(
            parse_template("{author}:{year}").unwrap(),
            vec![Piece::Slot("author"), Piece::Literal(":".into()), Piece::Slot("year")]
        );
        assert!(parse_template("{auth}").is_err());
        assert!(parse_template("{year").is_err());
        assert!(parse_template("plain").is_err());
    }
}
