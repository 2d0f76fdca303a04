//! The owned, spanned XML tree of a MODS file: elements with namespace, local name, name span,
//! attributes (name and value spans), text pieces and children, plus comments. Built from a
//! roxmltree document without recursion; nothing borrows the input.

use std::borrow::Cow;

use super::schema::stored;
use crate::source::{FileId, Span};

/// The MODS namespace, shared by MODS 3.0 to 3.8 (FORMATS §1.3).
pub const MODS_NS: &str = "http://www.loc.gov/mods/v3";

/// Deeper nesting than this is reported (CL001) and not read (DESIGN §4: no recursion on input
/// depth). Real MODS, even inside METS, is less than 30 levels deep.
pub const MAX_DEPTH: u32 = 1000;

/// Index of an element in [`ModsFile::elements`] (document order).
pub type ElementId = usize;

/// The MODS syntax tree (owned, spanned).
#[derive(Default)]
pub struct ModsFile {
    /// Every element, in document order (a parent comes before its children), in one run, or
    /// one per part of a file parsed in parts: each part's elements stay where they were built.
    pub(super) runs: Vec<Run>,
    pub comments: Vec<Comment>,
    /// Namespace URIs, indexed by [`Element::namespace`] and [`Attribute::namespace`].
    pub namespaces: Vec<String>,
    /// The document element.
    pub root: Option<ElementId>,
    /// The `mods` elements (in the MODS namespace), each one record, in document order.
    pub records: Vec<ElementId>,
    /// The index of [`MODS_NS`] in `namespaces`.
    mods_ns: Option<u32>,
}

/// Elements `start..` of the tree: `elements[skip..]` (a part's copy of the root is skipped).
#[derive(Default)]
pub(super) struct Run {
    pub elements: Vec<Element>,
    pub skip: usize,
    pub start: ElementId,
}

impl Run {
    fn live(&self) -> &[Element] {
        self.elements.get(self.skip..).unwrap_or(&[])
    }
}

/// The tree's elements as one list, whatever its runs.
impl std::fmt::Debug for ModsFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModsFile")
            .field("elements", &self.elements().collect::<Vec<_>>())
            .field("comments", &self.comments)
            .field("namespaces", &self.namespaces)
            .field("root", &self.root)
            .field("records", &self.records)
            .field("mods_ns", &self.mods_ns)
            .finish()
    }
}

/// One element.
#[derive(Debug, Clone)]
pub struct Element {
    pub namespace: Option<u32>,
    /// The local name (`titleInfo`), borrowed from the schema tables when MODS has it.
    pub name: Cow<'static, str>,
    /// The whole element, start tag to end tag.
    pub span: Span,
    /// The qualified name in the start tag (`mods:titleInfo`).
    pub name_span: Span,
    pub attributes: Vec<Attribute>,
    /// Text (and CDATA) children, decoded, in order.
    pub text: Vec<Text>,
    pub children: Vec<ElementId>,
    pub parent: Option<ElementId>,
    pub depth: u32,
}

/// One attribute (namespace declarations are not attributes).
#[derive(Debug, Clone)]
pub struct Attribute {
    pub namespace: Option<u32>,
    pub name: Cow<'static, str>,
    pub name_span: Span,
    /// Decoded value (borrowed from the schema tables when it is one of their values).
    pub value: Cow<'static, str>,
    /// The value between the quotes (empty at the closing quote when the value is empty).
    pub value_span: Span,
}

/// A text node: decoded value and the span of its raw text.
#[derive(Debug, Clone)]
pub struct Text {
    /// Borrowed when it is a line's indentation (most text pieces of a pretty-printed file).
    pub value: Cow<'static, str>,
    pub span: Span,
}

/// A comment, with the element it directly precedes (only white space and comments between).
#[derive(Debug, Clone)]
pub struct Comment {
    pub text: String,
    pub span: Span,
    pub following: Option<ElementId>,
}

impl ModsFile {
    #[must_use]
    pub fn element(&self, id: ElementId) -> Option<&Element> {
        let run = self.run_of(id)?;
        run.elements.get(id - run.start + run.skip)
    }

    pub(super) fn element_mut(&mut self, id: ElementId) -> Option<&mut Element> {
        let k = self.run_index(id)?;
        let run = self.runs.get_mut(k)?;
        run.elements.get_mut(id - run.start + run.skip)
    }

    fn run_of(&self, id: ElementId) -> Option<&Run> {
        match self.runs.as_slice() {
            [one] => Some(one),
            runs => runs.get(self.run_index(id)?),
        }
    }

    /// The run holding element `id`: the last that starts at or before it.
    fn run_index(&self, id: ElementId) -> Option<usize> {
        self.runs.partition_point(|r| r.start <= id).checked_sub(1)
    }

    /// Every element, in document order (an element's id is its position).
    pub fn elements(&self) -> impl Iterator<Item = &Element> + Clone {
        self.runs.iter().flat_map(Run::live)
    }

    /// The number of elements.
    #[must_use]
    pub fn element_count(&self) -> usize {
        self.runs.iter().map(|r| r.live().len()).sum()
    }

    /// The namespace URI of an element or attribute.
    #[must_use]
    pub fn namespace(&self, ns: Option<u32>) -> Option<&str> {
        ns.and_then(|i| self.namespaces.get(i as usize)).map(String::as_str)
    }

    /// Whether an element is in the MODS namespace.
    #[must_use]
    pub fn is_mods(&self, e: &Element) -> bool {
        e.namespace.is_some() && e.namespace == self.mods_ns
    }

    /// The element children of `e`, in order.
    pub fn children<'a>(&'a self, e: &'a Element) -> impl Iterator<Item = &'a Element> + 'a {
        e.children.iter().filter_map(|&c| self.element(c))
    }

    /// The MODS children of `e` with local name `name`.
    pub fn mods_children<'a>(&'a self, e: &'a Element, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children(e).filter(move |c| c.name == name && self.is_mods(c))
    }

    /// The first MODS child of `e` named `name`.
    #[must_use]
    pub fn child<'a>(&'a self, e: &'a Element, name: &'a str) -> Option<&'a Element> {
        self.mods_children(e, name).next()
    }
}

impl Element {
    /// The value of an attribute without namespace.
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.namespace.is_none() && a.name == name)
    }

    #[must_use]
    pub fn attr_value(&self, name: &str) -> Option<&str> {
        self.attr(name).map(|a| a.value.as_ref())
    }

    /// The element's direct text, concatenated (borrowed when there is one piece, the rule).
    #[must_use]
    pub fn text_value(&self) -> Cow<'_, str> {
        match self.text.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(&one.value),
            pieces => Cow::Owned(pieces.iter().map(|t| t.value.as_ref()).collect()),
        }
    }

    /// Whether the element has text other than white space.
    #[must_use]
    pub fn has_text(&self) -> bool {
        self.text.iter().any(|t| !is_blank(&t.value))
    }

    /// The span of the element's text (first to last text piece, trimmed of white space when
    /// there is one piece); the element's span when it has none.
    #[must_use]
    pub fn text_span(&self) -> Span {
        match (self.text.first(), self.text.last()) {
            (Some(first), Some(last)) if self.text.len() == 1 => trim_span(first, last.span),
            (Some(first), Some(last)) => first.span.cover(last.span),
            _ => self.span,
        }
    }
}

/// Whether text is all white space (most text pieces are indentation: ASCII first).
#[must_use]
pub fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b' ' | b'\n' | b'\t' | b'\r')) || text.trim().is_empty()
}

/// A single text piece's span without leading and trailing white space, when its raw text and
/// decoded value agree in length (no entity references); the raw span otherwise.
fn trim_span(t: &Text, raw: Span) -> Span {
    if raw.len() != t.value.len() {
        return raw;
    }
    let lead = t.value.len() - t.value.trim_start().len();
    let trail = t.value.len() - t.value.trim_end().len();
    if lead + trail >= t.value.len() {
        return raw;
    }
    raw.within(lead..t.value.len() - trail)
}

const NONE: u32 = u32::MAX;
const SKIP: u32 = u32::MAX - 1;

/// What building the tree found wrong besides well-formedness.
pub(super) struct TooDeep {
    pub span: Span,
}

/// Converts a roxmltree document to the owned tree. Iterative: `descendants()` walks the
/// document without recursion.
pub(super) fn build(file: FileId, text: &str, doc: &roxmltree::Document) -> (ModsFile, Option<TooDeep>) {
    let (mut out, too_deep) = build_part(file, text, doc, 0);
    out.finish();
    (out, too_deep)
}

/// [`build`] for a part of the file parsed on its own (`super::parts`): `shift` is added to
/// every position, and the MODS namespace and records are left to the join's
/// [`ModsFile::finish`].
pub(super) fn build_part(
    file: FileId,
    text: &str,
    doc: &roxmltree::Document,
    shift: isize,
) -> (ModsFile, Option<TooDeep>) {
    let mut out = ModsFile::default();
    // Sized up front: the tree lives for the whole run, and doubling would leave a third unused.
    let (nodes, count) =
        doc.root().descendants().fold((0usize, 0usize), |(n, e), node| (n + 1, e + usize::from(node.is_element())));
    let mut elements: Vec<Element> = Vec::with_capacity(count);
    let mut ids: Vec<u32> = Vec::with_capacity(nodes + 1);
    let mut too_deep = None;
    let at = |p: usize| p.saturating_add_signed(shift);
    let span = |r: std::ops::Range<usize>| Span::new(file, at(r.start), at(r.end));
    let mut pending_comments: Vec<(usize, roxmltree::NodeId)> = Vec::new();
    let mut last_ns = LastNamespace::default();
    for node in doc.root().descendants() {
        let index = node.id().get_usize();
        if ids.len() <= index {
            ids.resize(index + 1, NONE);
        }
        let parent_slot = node.parent().map_or(NONE, |p| ids.get(p.id().get_usize()).copied().unwrap_or(NONE));
        if parent_slot == SKIP {
            set(&mut ids, index, SKIP);
            continue;
        }
        let parent = (parent_slot != NONE).then_some(parent_slot as usize);
        match node.node_type() {
            roxmltree::NodeType::Element => {
                let depth = parent.and_then(|p| elements.get(p)).map_or(0, |p| p.depth + 1);
                let r = node.range();
                let name_span = qname_span(text, r.start).map_or_else(|| span(r.clone()), span);
                if depth > MAX_DEPTH {
                    set(&mut ids, index, SKIP);
                    if too_deep.is_none() {
                        too_deep = Some(TooDeep { span: name_span });
                    }
                    continue;
                }
                let tag = node.tag_name();
                let namespace = tag.namespace().map(|ns| last_ns.intern(&mut out.namespaces, ns));
                // Sized exactly: `collect` on this iterator would reserve room for four.
                let attrs = node.attributes();
                let mut attributes = Vec::with_capacity(attrs.len());
                attributes.extend(attrs.map(|a| Attribute {
                    namespace: a.namespace().map(|ns| intern(&mut out.namespaces, ns)),
                    name: stored(a.name()),
                    name_span: span(a.range_qname()),
                    value: stored(a.value()),
                    value_span: span(a.range_value()),
                }));
                // Both sized exactly: a pretty-printed element has a text piece before each child.
                let (kids, texts) = node.children().fold((0, 0), |(k, t), c| match c.node_type() {
                    roxmltree::NodeType::Element => (k + 1, t),
                    roxmltree::NodeType::Text => (k, t + 1),
                    _ => (k, t),
                });
                let id = elements.len();
                elements.push(Element {
                    namespace,
                    name: stored(tag.name()),
                    span: span(r),
                    name_span,
                    attributes,
                    text: Vec::with_capacity(texts),
                    children: Vec::with_capacity(kids),
                    parent,
                    depth,
                });
                if let Some(p) = parent.and_then(|p| elements.get_mut(p)) {
                    p.children.push(id);
                } else if out.root.is_none() {
                    out.root = Some(id);
                }
                set(&mut ids, index, u32::try_from(id).unwrap_or(NONE));
            }
            roxmltree::NodeType::Text => {
                if let Some(p) = parent.and_then(|p| elements.get_mut(p)) {
                    let value = node.text().unwrap_or("");
                    let value = indentation(value).map_or_else(|| Cow::Owned(value.to_owned()), Cow::Borrowed);
                    p.text.push(Text { value, span: span(node.range()) });
                }
            }
            roxmltree::NodeType::Comment => {
                out.comments.push(Comment {
                    text: node.text().unwrap_or("").to_owned(),
                    span: span(node.range()),
                    following: None,
                });
                pending_comments.push((out.comments.len() - 1, node.id()));
            }
            _ => {}
        }
    }
    for (ci, node_id) in pending_comments {
        let Some(node) = doc.get_node(node_id) else { continue };
        let next = node
            .next_siblings()
            .skip(1)
            .find(|n| !(n.is_comment() || n.is_pi() || (n.is_text() && is_blank(n.text().unwrap_or("")))));
        let following = next
            .filter(roxmltree::Node::is_element)
            .and_then(|n| ids.get(n.id().get_usize()).copied())
            .filter(|&i| i < SKIP)
            .map(|i| i as usize);
        if let Some(c) = out.comments.get_mut(ci) {
            c.following = following;
        }
    }
    out.runs = vec![Run { elements, skip: 0, start: 0 }];
    (out, too_deep)
}

impl ModsFile {
    /// Finds the MODS namespace and the records, once the elements are all in.
    pub(super) fn finish(&mut self) {
        self.mods_ns = self.namespaces.iter().position(|n| n == MODS_NS).and_then(|i| u32::try_from(i).ok());
        self.records = match self.mods_ns {
            Some(_) => self
                .elements()
                .enumerate()
                .filter(|(_, e)| e.namespace == self.mods_ns && e.name == "mods")
                .map(|(i, _)| i)
                .collect(),
            None => Vec::new(),
        };
    }
}

/// `text` from a static table when it is a line break and spaces or tabs, or only spaces.
fn indentation(text: &str) -> Option<&'static str> {
    const SPACES: &str = concat!(
        "\n",
        "                                                                ",
        "                                                                "
    );
    const TABS: &str = "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    let rest = text.strip_prefix('\n').unwrap_or(text);
    let table = if rest.starts_with('\t') { TABS } else { SPACES };
    let start = usize::from(rest.len() == text.len());
    let found = table.get(start..start + text.len())?;
    (found == text).then_some(found)
}

fn set(ids: &mut [u32], index: usize, value: u32) {
    if let Some(slot) = ids.get_mut(index) {
        *slot = value;
    }
}

/// [`intern`], remembering the last namespace: roxmltree hands out one `&str` per namespace of
/// a document, so a repeat is told by its address, without comparing the URI.
#[derive(Default)]
struct LastNamespace<'a>(Option<(&'a str, u32)>);

impl<'a> LastNamespace<'a> {
    fn intern(&mut self, namespaces: &mut Vec<String>, ns: &'a str) -> u32 {
        match self.0 {
            Some((last, i)) if std::ptr::eq(last, ns) => i,
            _ => {
                let i = intern(namespaces, ns);
                self.0 = Some((ns, i));
                i
            }
        }
    }
}

pub(super) fn intern(namespaces: &mut Vec<String>, ns: &str) -> u32 {
    let i = namespaces.iter().position(|n| n == ns).unwrap_or_else(|| {
        namespaces.push(ns.to_owned());
        namespaces.len() - 1
    });
    u32::try_from(i).unwrap_or(0)
}

/// The qualified name after `<` at `start`.
fn qname_span(text: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let len = super::qname_at(text, start)?.len();
    Some(start + 1..start + 1 + len)
}

#[cfg(test)]
mod tests {
    use super::indentation;

    #[test]
    fn indentation_is_borrowed_only_when_equal() {
        for text in ["", "\n", "\n    ", "  ", "\n\t\t", &format!("\n{}", " ".repeat(128))] {
            assert_eq!(indentation(text), Some(text), "{text:?}");
        }
        for text in ["\n\n", " \n", "\t ", "\n \t", "\r\n", "x", &format!("\n{}", " ".repeat(129)), &"\t".repeat(17)] {
            assert_eq!(indentation(text), None, "{text:?}");
        }
    }
}
