//! Works: the records of one work, across files and formats, grouped by explicit evidence
//! only (DESIGN §6): the same key in different formats, the same bundle file, the same DOI,
//! the same normalized URL, or a `[[works.group]]` in the configuration. Never by ISBN (the
//! papers of one proceedings volume share it), never by fuzzy title. Linear in the number of
//! records: evidence is hashed, groups are joined with a union-find.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;

use crate::config::Settings;
use crate::formats::ParsedFile;
use crate::model::{Field, Record};
use crate::source::SourceDb;

/// Why records were grouped into one work.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reason {
    /// The same citation key in several formats.
    SameKey(String),
    /// Several formats of one record in one file (an export bundle).
    SameBundle(String),
    /// The same DOI.
    SameDoi(String),
    /// The same URL.
    SameUrl(String),
    /// Named together in the configuration.
    Configured(String),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::SameKey(k) => write!(f, "the key `{k}`"),
            Reason::SameBundle(file) => write!(f, "the bundle file {file}"),
            Reason::SameDoi(d) => write!(f, "the DOI {d}"),
            Reason::SameUrl(u) => write!(f, "the URL {u}"),
            Reason::Configured(name) => write!(f, "the configured work `{name}`"),
        }
    }
}

/// The records of one work: two or more, in at least two formats.
#[derive(Debug)]
pub struct Work<'a> {
    pub records: Vec<&'a Record>,
    pub reasons: Vec<Reason>,
}

impl Work<'_> {
    /// "grouped by the key `x` and the DOI y": for a note on cross-format diagnostics.
    #[must_use]
    pub fn why(&self) -> String {
        let reasons: Vec<String> = self.reasons.iter().map(ToString::to_string).collect();
        format!("these records are one work, grouped by {}", reasons.join(" and "))
    }
}

/// A URL as compared: no scheme, no `www.`, no trailing slash, host in lower case. URLs that
/// only resolve a DOI are left to the DOI.
#[must_use]
pub fn normalize_url(url: &str) -> Option<String> {
    let u = url.trim();
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    if host.is_empty() || !host.contains('.') || host.ends_with("doi.org") {
        return None;
    }
    let path = path.trim_end_matches('/');
    Some(format!("{}/{path}", host.to_lowercase()))
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut i: usize) -> usize {
        while let Some(&p) = self.0.get(i) {
            if p == i {
                break;
            }
            let grand = self.0.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.0.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            if let Some(slot) = self.0.get_mut(ra.max(rb)) {
                *slot = ra.min(rb);
            }
        }
    }
}

/// Groups the records of a run into works.
#[must_use]
pub fn group<'a>(db: &SourceDb, files: &'a [ParsedFile], settings: &Settings) -> Vec<Work<'a>> {
    // Keys, DOIs and URLs link records of different formats only: one format and no bundle or
    // configured group (a repository of `.bib` files) makes no work, with no hashing at all.
    let mut formats = files.iter().flat_map(|f| &f.records).map(|r| r.format);
    let first = formats.next();
    if settings.works.groups.is_empty() && !files.iter().any(|f| f.bundle) && formats.all(|f| Some(f) == first) {
        return Vec::new();
    }
    let records: Vec<(&ParsedFile, &Record)> =
        files.iter().flat_map(|f| f.records.iter().map(move |r| (f, r))).collect();
    let mut uf = UnionFind((0..records.len()).collect());
    // Evidence -> the records that carry it, and the reason it stands for.
    let mut evidence: HashMap<(u8, String), Vec<usize>> = HashMap::default();
    for (i, (file, record)) in records.iter().enumerate() {
        if let Some(key) = record.key_str().filter(|k| !k.is_empty()) {
            evidence.entry((0, key.to_owned())).or_default().push(i);
        }
        if file.bundle {
            evidence.entry((1, file.file.0.to_string())).or_default().push(i);
        }
        for d in record.all(Field::Doi).filter_map(|e| text_of(e).and_then(crate::model::doi::key)) {
            evidence.entry((2, d)).or_default().push(i);
        }
        for u in record.all(Field::Url).filter_map(|e| text_of(e).and_then(normalize_url)) {
            evidence.entry((3, u)).or_default().push(i);
        }
        for (name, members) in &settings.works.groups {
            if members.iter().any(|m| m.matches(&db.get(file.file).name, record)) {
                evidence.entry((4, name.clone())).or_default().push(i);
            }
        }
    }
    let mut why: BTreeMap<usize, BTreeSet<Reason>> = BTreeMap::new();
    let mut linked: Vec<(Vec<usize>, Reason)> = Vec::new();
    for ((kind, value), members) in evidence {
        // Evidence counts only across formats: two BibTeX records with one key are a
        // duplicate (CL010), two with one DOI a duplicate entry (CL016), not one work.
        let formats: BTreeSet<_> = members.iter().filter_map(|&i| records.get(i)).map(|(_, r)| r.format).collect();
        if members.len() < 2 || (formats.len() < 2 && kind != 1 && kind != 4) {
            continue;
        }
        let reason = match kind {
            0 => Reason::SameKey(value),
            1 => Reason::SameBundle(
                members
                    .first()
                    .and_then(|&i| records.get(i))
                    .map_or(String::new(), |(f, _)| db.get(f.file).name.clone()),
            ),
            2 => Reason::SameDoi(value),
            3 => Reason::SameUrl(value),
            _ => Reason::Configured(value),
        };
        for pair in members.windows(2) {
            if let [a, b] = pair {
                uf.union(*a, *b);
            }
        }
        linked.push((members, reason));
    }
    for (members, reason) in linked {
        if let Some(&first) = members.first() {
            let root = uf.find(first);
            why.entry(root).or_default().insert(reason);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..records.len() {
        let root = uf.find(i);
        if why.contains_key(&root) {
            groups.entry(root).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(root, members)| Work {
            records: members.iter().filter_map(|&i| records.get(i)).map(|(_, r)| *r).collect(),
            reasons: why.remove(&root).map(|s| s.into_iter().collect()).unwrap_or_default(),
        })
        .collect()
}

fn text_of(e: &crate::model::FieldEntry) -> Option<&str> {
    e.value.text()
}
