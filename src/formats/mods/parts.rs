//! A large MODS file parsed in parts on every core. The file is cut before children of the
//! root element (a `modsCollection`'s records); each part is wrapped in a copy of the root's
//! start tag and a matching end tag, parsed by roxmltree on its own, and the trees are joined.
//!
//! A part that a cut left unbalanced (the cut fell inside a comment or a deeper element) does
//! not parse alone, and neither does a part holding an error of the file: then the whole file is
//! parsed in one piece. Each part parsing alone means each cut is between children of the root
//! (the first part starts at the root's start, and every part is balanced), so the joined tree
//! is the one-piece parse's.

use rayon::prelude::*;

use super::qname_at;
use super::tree::{self, ModsFile, TooDeep};
use crate::source::FileId;

/// MODS files from this size on are parsed in parts ...
pub(super) const PARTS_FROM: usize = 2 << 20;
/// ... of at least this size.
const PART_MIN: usize = 512 << 10;

/// The tree of a large file parsed in parts, or `None` when it is to be parsed in one piece.
pub(super) fn parse_in_parts(file: FileId, text: &str, threads: usize) -> Option<(ModsFile, Option<TooDeep>)> {
    if text.len() < PARTS_FROM {
        return None;
    }
    // Many small parts, on one core too: a part's roxmltree document (several times its text) is
    // dropped once built, and the next part on that core reuses its memory, which is cheaper
    // than fresh memory.
    let size = (text.len() / (16 * threads)).max(PART_MIN);
    parse_plan(file, text, &Plan::new(text, size)?)
}

/// Parses the parts of a plan in parallel and joins them; `None` when any does not parse alone.
fn parse_plan(file: FileId, text: &str, plan: &Plan) -> Option<(ModsFile, Option<TooDeep>)> {
    let parts: Vec<_> = (0..=plan.cuts.len())
        .into_par_iter()
        .map(|k| {
            let (part, shift) = plan.part(text, k);
            let doc = roxmltree::Document::parse_with_options(&part, super::parse::options()).ok()?;
            Some(tree::build_part(file, &part, &doc, shift))
        })
        .collect::<Option<_>>()?;
    join(parts)
}

/// Where to cut, and what wraps a part.
struct Plan<'a> {
    /// The root's start tag, as written.
    start_tag: &'a str,
    /// The root's end tag: `</` qualified name `>`.
    end_tag: String,
    /// Byte offsets of the cuts, each at the `<` of a child of the root.
    cuts: Vec<usize>,
}

impl<'a> Plan<'a> {
    fn new(text: &'a str, size: usize) -> Option<Self> {
        let bytes = text.as_bytes();
        let root = super::root_start(text)?;
        let tag_end = start_tag_end(bytes, root)?;
        if bytes.get(tag_end.checked_sub(2)?) == Some(&b'/') {
            return None; // `<root/>`: nothing to cut
        }
        let qname = qname_at(text, root).filter(|n| !n.is_empty())?;
        // The records end with `</` the first child's name `>`; a cut goes after one of those,
        // and white space, at the `<` of the next element.
        let child = qname_at(text, first_child(bytes, tag_end)?).filter(|n| !n.is_empty())?;
        let close = format!("</{child}>");
        let finder = memchr::memmem::Finder::new(close.as_bytes());
        let mut cuts = Vec::new();
        let mut from = tag_end;
        while let Some(target) = from.checked_add(size).filter(|&t| t < text.len()) {
            let Some(found) = finder.find(bytes.get(target..)?) else { break };
            let after = target + found + close.len();
            let next = after + bytes.get(after..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
            if bytes.get(next) == Some(&b'<') && bytes.get(next + 1).is_some_and(|&b| is_name_start(b)) {
                cuts.push(next);
            }
            from = next;
        }
        if cuts.is_empty() {
            return None;
        }
        Some(Plan { start_tag: text.get(root..tag_end)?, end_tag: format!("</{qname}>"), cuts })
    }

    /// The text of part `k`, and what to add to its positions to get the file's.
    fn part(&self, text: &str, k: usize) -> (String, isize) {
        let start = if k == 0 { 0 } else { self.cuts.get(k - 1).copied().unwrap_or(text.len()) };
        let end = self.cuts.get(k).copied().unwrap_or(text.len());
        let body = text.get(start..end).unwrap_or("");
        let mut part = String::with_capacity(self.start_tag.len() + body.len() + self.end_tag.len());
        if k > 0 {
            part.push_str(self.start_tag);
        }
        part.push_str(body);
        if k < self.cuts.len() {
            part.push_str(&self.end_tag);
        }
        // Offsets fit in `isize` (a `str` is at most `isize::MAX` bytes long).
        let signed = |n: usize| isize::try_from(n).unwrap_or(isize::MAX);
        let shift = if k == 0 { 0 } else { signed(start) - signed(self.start_tag.len()) };
        (part, shift)
    }
}

/// Joins the parts' trees: the first part's root gets the other roots' children and text. Each
/// part's elements stay where they were built, as a run of the tree; their ids are remapped in
/// place, on every core.
fn join(parts: Vec<(ModsFile, Option<TooDeep>)>) -> Option<(ModsFile, Option<TooDeep>)> {
    let mut parts = parts.into_iter();
    let (mut out, mut too_deep) = parts.next()?;
    let root = out.root?;
    let mut rest = Vec::with_capacity(parts.len());
    let mut base = out.element_count();
    for (part, deep) in parts {
        if part.root != Some(0) {
            return None;
        }
        too_deep = too_deep.or(deep);
        let ns: Vec<u32> = part.namespaces.iter().map(|n| tree::intern(&mut out.namespaces, n)).collect();
        let count = part.element_count();
        rest.push((part, ns, base));
        // Element `i` of the part (its root is 0) becomes `base + i - 1`; its root is `root`.
        base += count.checked_sub(1)?;
    }
    rest.par_iter_mut().for_each(|(part, ns, base)| {
        let base = *base;
        let remap = |n: Option<u32>| n.and_then(|i| ns.get(i as usize).copied());
        let id = |i: usize| if i == 0 { root } else { base + i - 1 };
        for run in &mut part.runs {
            for e in &mut run.elements {
                e.namespace = remap(e.namespace);
                for a in &mut e.attributes {
                    a.namespace = remap(a.namespace);
                }
                e.parent = e.parent.map(id);
                for c in &mut e.children {
                    *c = id(*c);
                }
            }
        }
        for c in &mut part.comments {
            c.following = c.following.map(id);
        }
    });
    for (part, _, base) in rest {
        let mut first = part.runs.into_iter().next()?; // a part is built as one run
        let part_root = first.elements.first_mut()?;
        let (children, text, end) =
            (std::mem::take(&mut part_root.children), std::mem::take(&mut part_root.text), part_root.span.end);
        let r = out.element_mut(root)?;
        r.children.extend(children);
        r.text.extend(text);
        r.span.end = end;
        first.skip = 1;
        first.start = base;
        out.runs.push(first);
        out.comments.extend(part.comments);
    }
    out.finish();
    Some((out, too_deep))
}

/// The offset just after the `>` of the start tag at `start` (quoted values may hold `>`).
fn start_tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.get(start..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// The first child element's `<` after a start tag ending at `from`: only white space,
/// comments and processing instructions may come before it.
fn first_child(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        from += bytes.get(from..)?.iter().take_while(|b| b.is_ascii_whitespace()).count();
        let rest = bytes.get(from..)?;
        let skip = |open: &[u8], close: &[u8]| {
            rest.strip_prefix(open).and_then(|r| memchr::memmem::find(r, close)).map(|i| open.len() + i + close.len())
        };
        if rest.starts_with(b"<!--") {
            from += skip(b"<!--", b"-->")?;
        } else if rest.starts_with(b"<?") {
            from += skip(b"<?", b"?>")?;
        } else if rest.first() == Some(&b'<') && rest.get(1).is_some_and(|&b| is_name_start(b)) {
            return Some(from);
        } else {
            return None;
        }
    }
}

/// Whether a byte may start an XML name (any non-ASCII byte may: roxmltree checks the rest).
fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::parse::options;

    fn whole(text: &str) -> String {
        let doc = roxmltree::Document::parse_with_options(text, options()).unwrap();
        let (tree, deep) = tree::build(FileId(0), text, &doc);
        format!("{tree:?} {:?}", deep.map(|d| d.span))
    }

    fn in_parts(text: &str, size: usize) -> Option<String> {
        let (tree, deep) = parse_plan(FileId(0), text, &Plan::new(text, size)?)?;
        // Looked up by id, across the parts' runs, each element is the one at its position.
        for (id, e) in tree.elements().enumerate() {
            assert!(tree.element(id).is_some_and(|found| std::ptr::eq(found, e)), "element {id}");
            for child in tree.children(e) {
                assert_eq!(child.parent.and_then(|p| tree.element(p)).map(|p| p.span), Some(e.span));
            }
        }
        assert!(tree.element(tree.element_count()).is_none());
        Some(format!("{tree:?} {:?}", deep.map(|d| d.span)))
    }

    const RECORD: &str = "<mods:mods ID=\"r\"><!-- c --><mods:titleInfo lang=\"en\"><mods:title>A &amp; B</mods:title>\
        </mods:titleInfo><x:extra xmlns:x=\"urn:x\" x:a=\"1\">t<![CDATA[<d>]]></x:extra></mods:mods>";

    fn collection(n: usize) -> String {
        let mut text = String::from(
            "\u{feff}<?xml version=\"1.0\"?>\n<!-- head -->\n<mods:modsCollection xmlns:mods=\"http://www.loc.gov/mods/v3\" a='>'>\n",
        );
        for i in 0..n {
            text.push_str(&RECORD.replace("ID=\"r\"", &format!("ID=\"r{i}\"")));
            text.push_str(if i % 3 == 0 { "\n  " } else { "\n" });
            if i % 7 == 0 {
                text.push_str("<!-- between -->\n");
            }
        }
        text.push_str("</mods:modsCollection>\n<!-- tail -->\n");
        text
    }

    #[test]
    fn parts_join_to_the_whole_parse() {
        let text = collection(60);
        for size in [1, 50, 200, 777, 2000, 5000] {
            let parts = in_parts(&text, size).expect("cut");
            assert_eq!(parts, whole(&text), "part size {size}");
        }
    }

    #[test]
    fn a_cut_that_does_not_parse_alone_falls_back() {
        // A record's end tag inside a comment: the part with the comment's start is unclosed.
        let text = collection(10).replace("<!-- between -->", "<!-- </mods:mods>\n<mods:mods> -->");
        let (mut joined, mut fell_back) = (0, 0);
        for size in 1..400 {
            match in_parts(&text, size) {
                Some(parts) => {
                    assert_eq!(parts, whole(&text), "part size {size}");
                    joined += 1;
                }
                None => fell_back += 1,
            }
        }
        assert!(joined > 0 && fell_back > 0, "{joined} joined, {fell_back} fell back");
        // Errors anywhere: never a tree.
        let bad = collection(10).replace("<mods:title>A", "<mods:title>A<");
        assert!((1..400).step_by(7).all(|size| in_parts(&bad, size).is_none()));
    }

    /// Pieces of a collection's body: records, comments and processing instructions (some
    /// holding a record's end tag), CDATA, entities, namespaces, other elements ...
    const GOOD: &[&str] = &[
        "<mods:mods ID=\"a\"><mods:titleInfo><mods:title>T &amp; U</mods:title></mods:titleInfo></mods:mods>\n",
        "<mods:mods><mods:name type=\"personal\">\n  <mods:namePart>X</mods:namePart>\n</mods:name></mods:mods>\n  ",
        "<mods:mods><x:e xmlns:x=\"urn:x\" x:a=\"&lt;\">t<![CDATA[</mods:mods>]]></x:e></mods:mods>\n",
        "<!-- </mods:mods> -->\n",
        "<?pi </mods:mods> ?>\n",
        "<mods:mods/>\n",
        "<other>text</other>\n",
        "\t\n",
        "<mods:mods><mods:note a=\">\">x</mods:note></mods:mods>\n",
    ];

    /// ... and broken ones: an unclosed record, a stray end tag, an unclosed comment or CDATA
    /// section, a DOCTYPE, an unknown entity.
    const BROKEN: &[&str] = &[
        "<mods:mods><mods:note>",
        "</mods:mods>\n",
        "<!-- open \n",
        "<![CDATA[ open\n",
        "<!DOCTYPE x>\n",
        "<mods:mods><mods:note>&unknown;</mods:note></mods:mods>\n",
    ];

    fn body(pieces: &[usize]) -> String {
        let mut text =
            String::from("<?xml version=\"1.0\"?>\n<mods:modsCollection xmlns:mods=\"http://www.loc.gov/mods/v3\">\n");
        text.extend(pieces.iter().filter_map(|&i| GOOD.iter().chain(BROKEN).nth(i).copied()));
        text.push_str("</mods:modsCollection>\n");
        text
    }

    proptest::proptest! {
        /// Wherever the cuts fall, a file parsed in parts is the file parsed whole; a file that
        /// does not parse whole is never parsed in parts.
        #[test]
        fn parts_parse_as_the_whole(
            pieces in proptest::collection::vec(proptest::prop_oneof![30 => 0..GOOD.len(), 1 => GOOD.len()..GOOD.len() + BROKEN.len()], 1..30),
            size in 1usize..300,
        ) {
            let text = body(&pieces);
            let parsed_whole = roxmltree::Document::parse_with_options(&text, options()).is_ok();
            if let Some(parts) = in_parts(&text, size) {
                proptest::prop_assert!(parsed_whole, "parts of a file that does not parse");
                proptest::prop_assert_eq!(parts, whole(&text));
            }
        }
    }

    #[test]
    fn plan_needs_a_root_with_children() {
        assert!(Plan::new("<a/>", 1).is_none());
        assert!(Plan::new("<a>text</a>", 1).is_none());
        assert!(Plan::new("<a><b/></a>", 1).is_none(), "no end tag to cut after");
        assert_eq!(Plan::new("<a><b></b> <b></b></a>", 1).map(|p| p.cuts), Some(vec![11]));
    }
}
