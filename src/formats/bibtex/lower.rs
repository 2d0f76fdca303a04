//! Lowering BibTeX entries to [`Record`](crate::model::Record)s.
