//! Reading MODS XML with roxmltree, DTDs off: a DOCTYPE is an error (no entity expansion, no
//! external fetch: billion laughs and XXE files get one diagnostic). Errors become CL001
//! syntax errors at their real byte position.

use super::tree::{self, ModsFile, MAX_DEPTH};
use crate::formats::SyntaxError;
use crate::source::{FileId, Span};

/// Parses the XML into the owned tree plus syntax errors (a large file in parts on every core,
/// [`super::parts`]). Never panics.
pub(super) fn parse_tree(file: FileId, text: &str) -> (ModsFile, Vec<SyntaxError>) {
    let parts = super::parts::parse_in_parts(file, text, rayon::current_num_threads());
    let (tree, too_deep) = match parts {
        Some(parsed) => parsed,
        None => match roxmltree::Document::parse_with_options(text, options()) {
            Ok(doc) => tree::build(file, text, &doc),
            Err(e) => return (ModsFile::default(), vec![syntax_error(file, text, &e)]),
        },
    };
    let mut errors = Vec::new();
    if let Some(deep) = too_deep {
        errors.push(SyntaxError {
            span: deep.span,
            message: format!("elements are nested more than {MAX_DEPTH} levels deep; the rest is not read"),
            labels: Vec::new(),
        });
    }
    (tree, errors)
}

/// roxmltree's options: DTDs off.
pub(super) fn options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() }
}

fn syntax_error(file: FileId, text: &str, e: &roxmltree::Error) -> SyntaxError {
    use roxmltree::Error as E;
    let at = |offset: usize, len: usize| Span::new(file, offset, (offset + len).min(text.len()));
    let eof = at(text.len(), 0);
    let (span, message) = match e {
        E::DtdDetected => {
            let offset = find_ci(text, "<!DOCTYPE").unwrap_or(0);
            (
                at(offset, "<!DOCTYPE".len()),
                "a DOCTYPE is not allowed: DTDs and entities are not read (MODS needs none)".to_owned(),
            )
        }
        E::NoRootNode => (eof, "the document has no root element".to_owned()),
        E::UnclosedRootNode | E::UnexpectedEndOfStream => {
            let root = first_element(text).map_or(eof, |o| at(o, 1));
            let mut err = SyntaxError {
                span: eof,
                message: "the document ends before its root element is closed".to_owned(),
                labels: Vec::new(),
            };
            if root != eof {
                err.labels.push((root, "the root element starts here".to_owned()));
            }
            return err;
        }
        E::NodesLimitReached | E::AttributesLimitReached | E::NamespacesLimitReached => {
            (at(0, 0), strip_position(&e.to_string()))
        }
        other => {
            let pos = other.pos();
            let offset = offset_of(text, pos.row, pos.col);
            let len = text.get(offset..).and_then(|r| r.chars().next()).map_or(0, char::len_utf8);
            (at(offset, len), strip_position(&other.to_string()))
        }
    };
    SyntaxError { span, message: format!("invalid XML: {message}"), labels: Vec::new() }
}

/// roxmltree's messages end with ` at ROW:COL`; the span says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at ") {
        Some(i) if message.get(i + 4..).is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit() || b == b':')) => {
            message.get(..i).unwrap_or(message).to_owned()
        }
        _ => message.to_owned(),
    }
}

/// The byte offset of a 1-based row and column (columns count characters, as roxmltree does).
fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let mut offset = 0;
    for _ in 1..row {
        match text.get(offset..).and_then(|r| r.find('\n')) {
            Some(i) => offset += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(offset..).unwrap_or("");
    let skip = col.saturating_sub(1) as usize;
    offset + line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i)
}

fn find_ci(text: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    text.as_bytes().windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// The first `<` that opens an element (not `<?`, `<!`).
fn first_element(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    memchr::memchr_iter(b'<', bytes).find(|&i| bytes.get(i + 1).is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(offset_of("ab\ncdé\nf", 2, 3), 5);
        assert_eq!(offset_of("ab\ncdé\nf", 3, 1), 8);
        assert_eq!(offset_of("ab", 9, 1), 2);
    }

    #[test]
    fn errors_have_positions() {
        let text = "<a>\n  <b></c>\n</a>";
        let (_, errors) = parse_tree(FileId(0), text);
        let e = errors.first().unwrap();
        assert_eq!(e.span.start, 9, "{e:?}");
        assert!(!e.message.contains(" at "), "{}", e.message);
    }

    #[test]
    fn doctype_is_reported_not_expanded() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<mods>&lol2;</mods>";
        let (tree, errors) = parse_tree(FileId(0), text);
        assert_eq!(tree.element_count(), 0);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].span.start, 22);
        let xxe = "<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><m>&x;</m>";
        let (_, errors) = parse_tree(FileId(0), xxe);
        assert!(errors[0].message.contains("DOCTYPE"));
    }

    #[test]
    fn unclosed_root_points_at_the_end() {
        let text = "<modsCollection><mods>";
        let (_, errors) = parse_tree(FileId(0), text);
        assert_eq!(errors[0].span.start as usize, text.len());
        assert_eq!(errors[0].labels[0].0.start, 0);
    }

    #[test]
    fn deep_nesting_is_a_diagnostic() {
        let n = 100_000;
        let text = format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
        let (tree, errors) = parse_tree(FileId(0), &text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("nested"));
        assert!(tree.element_count() <= MAX_DEPTH as usize + 1);
    }

    #[test]
    fn not_xml_does_not_panic() {
        for text in ["", "hello", "<", "<a", "</a>", "<a b='<'/>", "\u{feff}<a/>", "<a>&bogus;</a>", "<?xml?><a/>"] {
            let _ = parse_tree(FileId(0), text);
        }
    }
}
