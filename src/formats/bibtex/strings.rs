//! `@string` macros, resolved lazily with cycle detection and a size cap (DESIGN §4).
//! (Interface placeholder until the parser branch lands.)

use super::ast::{BibFile, PartKind, ValueAst};
use crate::source::Span;

pub struct Strings<'a> {
    text: &'a str,
}

pub struct Resolved {
    pub text: String,
    pub undefined: Vec<Span>,
    pub truncated: bool,
}

impl<'a> Strings<'a> {
    #[must_use]
    pub fn new(bib: &BibFile, text: &'a str) -> Self {
        let _ = bib;
        Self { text }
    }

    #[must_use]
    pub fn resolve(&self, value: &ValueAst) -> Resolved {
        let text = value.parts.iter().map(|p| self.text.get(p.inner.range()).unwrap_or("")).collect();
        Resolved { text, undefined: Vec::new(), truncated: false }
    }

    #[must_use]
    pub fn is_defined(&self, name: &str) -> bool {
        let _ = name;
        false
    }
}

#[must_use]
pub fn single_literal(value: &ValueAst) -> Option<Span> {
    match value.parts.as_slice() {
        [p] if p.kind != PartKind::Macro => Some(p.inner),
        _ => None,
    }
}
