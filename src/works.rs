//! Works: the records of one work, across files and formats, grouped by explicit evidence
//! only (DESIGN §6): the same key in different formats, the same bundle file.

use std::collections::BTreeMap;

use crate::formats::ParsedFile;
use crate::model::Record;

/// Why records were grouped into one work.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Reason {
    /// The same citation key in several formats.
    SameKey(String),
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::SameKey(k) => write!(f, "grouped by the key `{k}`"),
        }
    }
}

/// The records of one work (two or more, in at least two formats).
#[derive(Debug)]
pub struct Work<'a> {
    pub records: Vec<&'a Record>,
    pub reasons: Vec<Reason>,
}

/// Groups records of different formats that share a key.
#[must_use]
pub fn group(files: &[ParsedFile]) -> Vec<Work<'_>> {
    let mut by_key: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for record in files.iter().flat_map(|f| &f.records) {
        if let Some(key) = record.key_str() {
            by_key.entry(key).or_default().push(record);
        }
    }
    by_key
        .into_iter()
        .filter(|(_, records)| records.iter().any(|r| r.format != records.first().map_or(r.format, |f| f.format)))
        .map(|(key, records)| Work { records, reasons: vec![Reason::SameKey(key.to_owned())] })
        .collect()
}
