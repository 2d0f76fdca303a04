//! Lowering BibTeX entries to [`Record`]s.

use super::BibFile;
use crate::model::Record;

/// One record per regular entry, in source order.
#[must_use]
pub fn lower(bib: &BibFile, text: &str) -> Vec<Record> {
    let _ = (bib, text);
    Vec::new()
}
