//! BibTeX and BibLaTeX (spec/FORMATS.md §2-3).

pub mod ast;
pub mod dialect;
pub mod edit;
pub mod lower;
pub mod macros;
pub mod parser;
pub mod strings;

pub use ast::{BibFile, Entry, FieldAst, Item, Part, PartKind, SyntaxError, ValueAst};
