//! The BibTeX and BibLaTeX data models (entry types, required and known fields).
//!
//! The knowledge is data: `rules/data/bibtex.toml` (btxdoc, spec/FORMATS.md §2.3),
//! `rules/data/biblatex.toml` (biblatex manual §2.1-2.2, spec/FORMATS.md §3) and
//! `rules/data/common-fields.toml` (fields written by reference managers and databases, known
//! in both dialects). build.rs turns them into tables at build time; a model is built from
//! them on first use.
//!
//! Every lookup takes a lower-case name: callers lower-case into a reused buffer (field and
//! type names are case-insensitive, FORMATS §2.1).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::config::Dialect;

/// One entry type of a data model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryType {
    /// The type's name, lower case (`inproceedings`).
    pub name: String,
    /// The type this one stands for (biblatex `phdthesis` -> `thesis`), if any.
    pub alias_of: Option<String>,
    /// Requirements in order; each is a list of alternatives (`["author", "editor"]`): one
    /// present field satisfies it.
    pub required: Vec<Vec<String>>,
}

/// The entry types and fields of one dialect.
#[derive(Debug)]
pub struct DataModel {
    types: BTreeMap<String, EntryType>,
    /// Pure aliases: `conference` -> `inproceedings`.
    aliases: BTreeMap<String, String>,
    /// The fields of this dialect's own data file.
    dialect_fields: HashSet<&'static str>,
    /// Every known field: both dialects' data files and the common fields.
    fields: HashSet<&'static str>,
    /// Known fields, sorted: the candidates of [`DataModel::suggest_field`].
    sorted_fields: &'static [&'static str],
    prefixes: Vec<&'static str>,
    suffixes: Vec<&'static str>,
    disabled_prefixes: Vec<&'static str>,
}

/// The data model of a dialect. `Dialect::Auto` is resolved per file before the rules run;
/// should it reach here, it is treated as BibTeX.
#[must_use]
pub fn model(dialect: Dialect) -> &'static DataModel {
    match dialect {
        Dialect::Biblatex => &BIBLATEX,
        Dialect::Bibtex | Dialect::Auto => &BIBTEX,
    }
}

static BIBTEX: LazyLock<DataModel> = LazyLock::new(|| DataModel::from_data(&tables::BIBTEX, &tables::BIBLATEX));
static BIBLATEX: LazyLock<DataModel> = LazyLock::new(|| DataModel::from_data(&tables::BIBLATEX, &tables::BIBTEX));

/// The data files as build.rs writes them: names in lower case, requirements split at `|`.
mod tables {
    pub(super) struct ModelData {
        pub aliases: &'static [(&'static str, &'static str)],
        pub types: &'static [TypeData],
        pub fields: FieldsData,
        /// Every field this model knows (its own, the other dialect's and the common ones),
        /// sorted and without duplicates.
        pub known: &'static [&'static str],
    }

    pub(super) struct TypeData {
        pub name: &'static str,
        pub alias_of: Option<&'static str>,
        pub required: &'static [&'static [&'static str]],
    }

    pub(super) struct FieldsData {
        pub names: &'static [&'static str],
        pub prefixes: &'static [&'static str],
        pub suffixes: &'static [&'static str],
        pub disabled_prefixes: &'static [&'static str],
    }

    include!(concat!(env!("OUT_DIR"), "/datamodel.rs"));
}

impl DataModel {
    /// Builds a model from its data file; the fields of the other dialect and the common fields
    /// are known too (a biblatex field in a BibTeX file is not a typo, and BibTeX's are
    /// biblatex aliases).
    fn from_data(file: &tables::ModelData, other: &tables::ModelData) -> Self {
        let owned = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let types = file
            .types
            .iter()
            .map(|t| {
                let required = t.required.iter().map(|group| owned(group)).collect();
                let name = t.name.to_owned();
                (name.clone(), EntryType { name, alias_of: t.alias_of.map(str::to_owned), required })
            })
            .collect();
        let common = &tables::COMMON;
        let dialect_fields: HashSet<&'static str> = file.fields.names.iter().copied().collect();
        let fields: HashSet<&'static str> = file.known.iter().copied().collect();
        let sorted_fields = file.known;
        let prefixes = [file.fields.prefixes, common.prefixes].concat();
        let suffixes = [file.fields.suffixes, other.fields.suffixes, common.suffixes].concat();
        let disabled_prefixes = [file.fields.disabled_prefixes, common.disabled_prefixes].concat();
        let aliases = file.aliases.iter().map(|(a, t)| ((*a).to_owned(), (*t).to_owned())).collect();
        Self { types, aliases, dialect_fields, fields, sorted_fields, prefixes, suffixes, disabled_prefixes }
    }

    /// The entry type named `name` (lower case), resolving pure aliases (`conference` gives
    /// `inproceedings`).
    #[must_use]
    pub fn entry_type(&self, name: &str) -> Option<&EntryType> {
        if let Some(t) = self.types.get(name) {
            return Some(t);
        }
        self.aliases.get(name).and_then(|target| self.types.get(target))
    }

    /// Whether `name` (lower case) is an entry type or a type alias of the model.
    #[must_use]
    pub fn is_known_type(&self, name: &str) -> bool {
        self.entry_type(name).is_some()
    }

    /// Number of entry types (aliases excluded).
    #[must_use]
    pub fn type_count(&self) -> usize {
        self.types.len()
    }

    /// Number of field names listed (patterns excluded).
    #[must_use]
    pub fn field_count(&self) -> usize {
        self.fields.len()
    }

    /// Whether `name` (lower case) is listed in this dialect's own data file (`journaltitle` is
    /// a biblatex field, not a BibTeX one).
    #[must_use]
    pub fn is_dialect_field(&self, name: &str) -> bool {
        self.dialect_fields.contains(name)
    }

    /// Whether `name` (lower case) is a known field: listed by either dialect or as a common
    /// extension, matching a tool pattern
    /// (`bdsk-url-1`, `mendeley-tags`, `x-*`), a known field behind a "disabled" prefix
    /// (`optnote`, `nourl`), or a biblatex data annotation of a known field (`title+an`,
    /// `author+an:default`).
    #[must_use]
    pub fn is_known_field(&self, name: &str) -> bool {
        if self.fields.contains(name) {
            return true;
        }
        if let Some(plus) = name.find("+an") {
            let (base, rest) = name.split_at(plus);
            if (rest == "+an" || rest.starts_with("+an:")) && self.is_known_field(base) {
                return true;
            }
        }
        if self.prefixes.iter().any(|p| name.len() > p.len() && name.starts_with(p))
            || self.suffixes.iter().any(|s| name.len() > s.len() && name.ends_with(s))
        {
            return true;
        }
        // A numbered copy of a known field: `url2`, `file2`, `doi1` (Mendeley, BibDesk).
        let unnumbered = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if unnumbered.len() < name.len() && self.fields.contains(unnumbered) {
            return true;
        }
        self.disabled_prefixes.iter().any(|p| name.strip_prefix(p).is_some_and(|rest| self.fields.contains(rest)))
    }

    /// The known field `name` was most likely meant to be: the closest by optimal string
    /// alignment distance (adjacent transpositions count one): at most 1 for names of 3 to 7
    /// characters and 2 for longer ones; none for names of 1-2 characters (too short to tell),
    /// and never a 1-2 character field (`pi`, `oa`). Ties go to the candidate with the same
    /// first letter, then alphabetical order.
    ///
    /// Distance 2 for 5-7 characters was tried on the corpus and was mostly wrong (`class` ->
    /// `mrclass`, `place` -> `price`, `paper` -> `pages`, `genre` -> `gender`), while real
    /// typos of short names are one edit (`titel`, `yaer`, `pagse`, `jounral`, `auhtor`).
    #[must_use]
    pub fn suggest_field(&self, name: &str) -> Option<&str> {
        suggest(name, self.sorted_fields.iter().copied())
    }

    /// The known entry type `name` was most likely meant to be (same measure as
    /// [`DataModel::suggest_field`]); aliases are candidates too.
    #[must_use]
    pub fn suggest_type(&self, name: &str) -> Option<&str> {
        suggest(name, self.types.keys().chain(self.aliases.keys()).map(String::as_str))
    }
}

/// The closest candidate within the distance budget of `name`'s length.
fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let len = name.chars().count();
    let budget = match len {
        0..=2 => return None,
        3..=7 => 1,
        _ => 2,
    };
    let lower = name.to_ascii_lowercase();
    let first = lower.chars().next();
    let mut best: Option<(usize, bool, &str)> = None;
    for candidate in candidates {
        if candidate == lower || candidate.len() < 3 || candidate.len().abs_diff(lower.len()) > budget {
            continue;
        }
        let Some(d) = osa_distance(&lower, candidate, budget) else { continue };
        let other_first = candidate.chars().next() != first;
        let better = match best {
            None => true,
            // Sort key (distance, different first letter, name); candidates come in sorted order.
            Some((bd, bf, _)) => (d, other_first) < (bd, bf),
        };
        if better {
            best = Some((d, other_first, candidate));
        }
    }
    best.map(|(_, _, c)| c)
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a
/// substring) between `a` and `b`, if it is at most `budget`.
fn osa_distance(a: &str, b: &str, budget: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rolling rows: i-2, i-1, i.
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        let mut row_min = usize::MAX;
        if let Some(c0) = cur.first_mut() {
            *c0 = i + 1;
            row_min = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            let sub = prev.get(j).copied().unwrap_or(usize::MAX).saturating_add(cost);
            let mut v = del.min(ins).min(sub);
            let transposed = i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if transposed {
                v = v.min(prev2.get(j - 1).copied().unwrap_or(usize::MAX).saturating_add(1));
            }
            if let Some(slot) = cur.get_mut(j + 1) {
                *slot = v;
            }
            row_min = row_min.min(v);
        }
        if row_min > budget {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().filter(|&d| d <= budget)
}

/// Lower-cases `name` into `buf` (cleared first) and returns it: one buffer per rule run, no
/// allocation per field.
pub fn lowercase_into<'b>(buf: &'b mut String, name: &str) -> &'b str {
    buf.clear();
    buf.extend(name.chars().map(|c| c.to_ascii_lowercase()));
    buf.as_str()
}

/// Entry types by name, for tests and documentation: every type of a model (aliases excluded).
#[must_use]
pub fn type_names(dialect: Dialect) -> Vec<&'static str> {
    model(dialect).types.keys().map(String::as_str).collect()
}

/// The pure aliases of a model (`conference` -> `inproceedings`).
#[must_use]
pub fn aliases(dialect: Dialect) -> HashMap<&'static str, &'static str> {
    model(dialect).aliases.iter().map(|(a, t)| (a.as_str(), t.as_str())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bibtex() -> &'static DataModel {
        model(Dialect::Bibtex)
    }
    fn biblatex() -> &'static DataModel {
        model(Dialect::Biblatex)
    }

    #[test]
    fn models_parse_and_have_their_types() {
        assert_eq!(bibtex().types.len(), 13 + 14, "13 btxdoc types (+ conference alias) and 14 style extras");
        for t in [
            "article",
            "book",
            "booklet",
            "inbook",
            "incollection",
            "inproceedings",
            "manual",
            "mastersthesis",
            "misc",
            "phdthesis",
            "proceedings",
            "techreport",
            "unpublished",
            "conference",
        ] {
            assert!(bibtex().is_known_type(t), "{t}");
        }
        for t in ["mvbook", "bookinbook", "suppperiodical", "xdata", "set", "jurisdiction", "thesis", "report"] {
            assert!(biblatex().is_known_type(t), "{t}");
        }
        assert!(!bibtex().is_known_type("mvbook"));
        assert!(!bibtex().is_known_type("artcle"));
    }

    #[test]
    fn required_fields_follow_btxdoc() {
        let req = |m: &DataModel, t: &str| m.entry_type(t).unwrap().required.clone();
        assert_eq!(req(bibtex(), "article"), vec![vec!["author"], vec!["title"], vec!["journal"], vec!["year"]]);
        assert_eq!(
            req(bibtex(), "inbook"),
            vec![vec!["author", "editor"], vec!["title"], vec!["chapter", "pages"], vec!["publisher"], vec!["year"]]
        );
        assert!(req(bibtex(), "misc").is_empty());
        assert_eq!(
            req(biblatex(), "article"),
            vec![vec!["author"], vec!["title"], vec!["journaltitle", "journal"], vec!["date", "year"]]
        );
    }

    #[test]
    fn aliases_resolve() {
        assert_eq!(bibtex().entry_type("conference").unwrap().name, "inproceedings");
        assert_eq!(biblatex().entry_type("conference").unwrap().name, "inproceedings");
        assert_eq!(biblatex().entry_type("www").unwrap().name, "online");
        assert_eq!(biblatex().entry_type("electronic").unwrap().name, "online");
        let phd = biblatex().entry_type("phdthesis").unwrap();
        assert_eq!(phd.alias_of.as_deref(), Some("thesis"));
        assert!(!phd.required.iter().any(|g| g.contains(&"type".to_owned())));
        assert_eq!(biblatex().entry_type("techreport").unwrap().alias_of.as_deref(), Some("report"));
        assert_eq!(aliases(Dialect::Biblatex).get("www"), Some(&"online"));
        assert!(type_names(Dialect::Bibtex).contains(&"article"));
    }

    #[test]
    fn auto_is_bibtex() {
        assert!(std::ptr::eq(model(Dialect::Auto), bibtex()));
    }

    #[test]
    fn known_fields() {
        for f in ["author", "doi", "url", "bdsk-url-1", "mendeley-tags", "x-pages", "optnote", "nourl", "owner"] {
            assert!(bibtex().is_known_field(f), "{f}");
        }
        for f in ["journaltitle", "origdate", "eventdate", "customdate", "title+an", "author+an:default", "journal"] {
            assert!(biblatex().is_known_field(f), "{f}");
        }
        for f in ["auhtor", "titel", "jounral", "yaer", "pagse", "booktitel", "title+foo", "optfoo"] {
            assert!(!bibtex().is_known_field(f), "{f}");
            assert!(!biblatex().is_known_field(f), "{f}");
        }
    }

    #[test]
    fn suggestions() {
        for (typo, want) in [
            ("auhtor", "author"),
            ("titel", "title"),
            ("jounral", "journal"),
            ("yaer", "year"),
            ("pagse", "pages"),
            ("booktitel", "booktitle"),
            ("adress", "address"),
            ("publsher", "publisher"),
            ("autor", "author"),
            ("editr", "editor"),
            ("AUHTOR", "author"),
        ] {
            assert_eq!(bibtex().suggest_field(typo), Some(want), "{typo}");
        }
        assert_eq!(bibtex().suggest_field("zz"), None);
        assert_eq!(bibtex().suggest_field("completelydifferent"), None);
        assert_eq!(bibtex().suggest_type("artcle"), Some("article"));
        assert_eq!(bibtex().suggest_type("inproceeding"), Some("inproceedings"));
        assert_eq!(bibtex().suggest_type("articel"), Some("article"));
        assert_eq!(biblatex().suggest_type("onlin"), Some("online"));
    }

    #[test]
    fn osa() {
        assert_eq!(osa_distance("ca", "ac", 2), Some(1));
        assert_eq!(osa_distance("abc", "abc", 0), Some(0));
        assert_eq!(osa_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(osa_distance("kitten", "sitting", 2), None);
        assert_eq!(osa_distance("", "ab", 2), Some(2));
    }

    #[test]
    fn lowercase_buffer() {
        let mut buf = String::new();
        assert_eq!(lowercase_into(&mut buf, "TiTLE"), "title");
        assert_eq!(lowercase_into(&mut buf, "Ab"), "ab");
    }
}
