//! MODS XML (spec/FORMATS.md §1): parsed with roxmltree (DTDs off) into an owned, spanned tree
//! ([`ModsFile`]), lowered to records (FORMATS §8). The schema tables CL401 checks against are
//! in [`schema`], generated from the MODS 3.8 XSD.

pub mod lower;
mod parse;
mod parts;
pub mod schema;
pub mod tree;

pub use tree::{Attribute, Comment, Element, ElementId, ModsFile, Text, MODS_NS};

use crate::formats::FormatOutput;
use crate::source::FileId;

/// Parses a MODS file: never fails, never panics.
#[must_use]
pub fn parse(file: FileId, text: &str) -> FormatOutput<ModsFile> {
    let (ast, syntax) = parse::parse_tree(file, text);
    let records = lower::lower(&ast);
    FormatOutput { ast, syntax, records }
}

/// Whether XML text is MODS: the MODS namespace on the root or a descendant (METS), or a root
/// element named `mods` or `modsCollection` in another namespace or none (CL401 reports it).
#[must_use]
pub fn looks_like_mods(text: &str) -> bool {
    text.contains(MODS_NS) || root_name(text).is_some_and(|n| n == "mods" || n == "modsCollection")
}

/// The local name of the first element.
fn root_name(text: &str) -> Option<&str> {
    let qname = qname_at(text, root_start(text)?)?;
    Some(qname.rsplit(':').next().unwrap_or(qname))
}

/// The qualified name after the `<` at `start` (empty when none): up to XML white space (`S`,
/// XML 1.0 §2.3), `/` or `>`, all ASCII, so the name is read by bytes.
fn qname_at(text: &str, start: usize) -> Option<&str> {
    let rest = text.get(start + 1..)?;
    let len = rest.bytes().position(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>')).unwrap_or(rest.len());
    rest.get(..len)
}

/// The offset of the first element's `<`, after the prolog (declaration, comments, DOCTYPE).
fn root_start(text: &str) -> Option<usize> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = r.split_once("?>")?.1;
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.split_once("-->")?.1;
        } else if let Some(r) = rest.strip_prefix("<!") {
            // A DOCTYPE's internal subset (`[ <!ENTITY ...> ]`) holds `>`s of its own.
            let subset = r.find('[').filter(|&b| r.find('>').is_some_and(|g| b < g));
            rest = match subset {
                Some(_) => r.split_once("]>").or_else(|| r.split_once(']'))?.1,
                None => r.split_once('>')?.1,
            };
        } else {
            return rest.starts_with('<').then(|| text.len() - rest.len());
        }
    }
}
