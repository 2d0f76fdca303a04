//! CL401 mods-schema. Docs and cases: rules/CL401-mods-schema/
//!
//! Checks what the MODS 3.8 XSD (spec/mods-3-8-libxml2-patched.xsd, FORMATS §1.5) rejects, from
//! the generated tables in rules/data/mods-3.8.tsv: elements and attributes, where they may
//! occur, enumerated values, required children, sequence order, namespaces. IDs are CL402's.
use std::borrow::Cow;

use rayon::prelude::*;

use super::{Context, FixAvailability, Rule, RuleMeta};
use crate::diagnostic::Severity;
use crate::formats::mods::schema::{Content, Kind, TypeDef, MODS};
use crate::formats::mods::tree::is_blank;
use crate::formats::mods::{Element, ModsFile, MODS_NS};
use crate::formats::ParsedFile;

pub(crate) struct ModsSchema;

static META: RuleMeta = RuleMeta {
    code: "CL401",
    name: "mods-schema",
    severity: Severity::Error,
    fix: FixAvailability::Never,
    opt_in: false,
    doc: include_str!("../../rules/CL401-mods-schema/README.md"),
};

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";

impl Rule for ModsSchema {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_file(&self, file: &ParsedFile, cx: &mut Context) {
        let Some(tree) = file.mods() else { return };
        let stack = islands(tree, cx);
        walk(tree, stack, cx, true);
    }
}

/// The MODS islands, MODS elements whose parent is not MODS (the root, or inside METS), with
/// their types; a root that cannot start MODS is reported.
fn islands(tree: &ModsFile, cx: &mut Context) -> Vec<(usize, &'static TypeDef)> {
    let mut stack: Vec<(usize, &TypeDef)> = Vec::new();
    for (id, e) in tree.elements().enumerate() {
        let parent_is_mods = e.parent.and_then(|p| tree.element(p)).is_some_and(|p| tree.is_mods(p));
        if parent_is_mods {
            continue;
        }
        if !tree.is_mods(e) {
            if e.parent.is_none() && matches!(e.name.as_ref(), "mods" | "modsCollection") {
                let ns = tree.namespace(e.namespace).unwrap_or("no namespace");
                cx.report(
                    e.name_span,
                    format!("element `{}` is in {}, not in the MODS namespace `{MODS_NS}`", e.name, quote_ns(ns)),
                );
            }
            continue;
        }
        match MODS.root(&e.name) {
            Some(t) => stack.push((id, t)),
            None => {
                cx.report(
                    e.name_span,
                    format!("a MODS document or part starts with `mods` or `modsCollection`, not `{}`", e.name),
                );
            }
        }
    }
    stack
}

/// From this many pending subtrees on (a collection's records), they are checked in parallel.
const PARALLEL_SUBTREES: usize = 512;

/// Pending subtrees checked by one task.
const CHUNK_SUBTREES: usize = 128;

/// Checks the subtrees on `stack` and all they hold, depth first. With `split`, once the walk
/// has reached many subtrees (a collection's records), they are checked in parallel, each chunk
/// with its own context (diagnostics are sorted later); the chunks do not split again.
fn walk(tree: &ModsFile, mut stack: Vec<(usize, &'static TypeDef)>, cx: &mut Context, split: bool) {
    while let Some((id, t)) = stack.pop() {
        let Some(e) = tree.element(id) else { continue };
        check_element(tree, e, t, cx, &mut stack);
        if split && stack.len() >= PARALLEL_SUBTREES {
            let parts: Vec<Context> = stack
                .par_chunks(CHUNK_SUBTREES)
                .map(|chunk| {
                    let mut part = cx.fork();
                    walk(tree, chunk.to_vec(), &mut part, false);
                    part
                })
                .collect();
            parts.into_iter().for_each(|part| cx.absorb(part));
            return;
        }
    }
}

fn quote_ns(ns: &str) -> String {
    if ns == "no namespace" {
        ns.to_owned()
    } else {
        format!("namespace `{ns}`")
    }
}

fn list(names: impl Iterator<Item = &'static str>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{n}`")).collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

fn check_element<'a>(
    tree: &'a ModsFile,
    e: &'a Element,
    t: &'static TypeDef,
    cx: &mut Context,
    stack: &mut Vec<(usize, &'static TypeDef)>,
) {
    check_attributes(tree, e, t, cx);
    if t.content == Content::Any {
        lax(tree, e, stack);
        return;
    }
    // Text.
    match t.content {
        Content::Elements if e.has_text() => {
            let span = e.text.iter().find(|x| !is_blank(&x.value)).map_or(e.span, |x| x.span);
            cx.report(span, format!("text is not allowed directly in `{}`: it holds elements only", e.name));
        }
        // Most text is a string, which any text is: no need to join its pieces.
        Content::Text if !matches!(t.text, Kind::String | Kind::AnyUri | Kind::Id) => {
            check_value(cx, &t.text, &e.text_value(), e.text_span(), format_args!("element `{}`", e.name));
        }
        _ => {}
    }
    // Children.
    let mut counts: smallvec::SmallVec<[(&str, u32); 8]> = smallvec::SmallVec::new();
    let mut last_seq = 0u32;
    let mut last_name = "";
    let mut any_child = false;
    for &cid in &e.children {
        let Some(c) = tree.element(cid) else { continue };
        any_child = true;
        if t.content == Content::Text {
            cx.report(c.name_span, format!("`{}` holds text only; element `{}` is not allowed in it", e.name, c.name));
            continue;
        }
        if !tree.is_mods(c) {
            let ns = tree.namespace(c.namespace).unwrap_or("no namespace");
            cx.report(
                c.name_span,
                format!("element `{}` is in {}; `{}` allows only MODS elements here", c.name, quote_ns(ns), e.name),
            );
            continue;
        }
        let Some(def) = t.child(&c.name) else {
            let what = if MODS.is_known_element(&c.name) {
                "is not allowed in"
            } else {
                "is not a MODS element; not allowed in"
            };
            cx.report(
                c.name_span,
                format!(
                    "element `{}` {what} `{}`; allowed: {}",
                    c.name,
                    e.name,
                    list(t.children.iter().map(|d| d.name))
                ),
            );
            continue;
        };
        let count = match counts.iter_mut().find(|(n, _)| *n == c.name) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                counts.push((def.name, 1));
                1
            }
        };
        if def.max > 0 && count > def.max {
            let times = if def.max == 1 { "once".to_owned() } else { format!("{} times", def.max) };
            cx.report(c.name_span, format!("`{}` may occur at most {times} in `{}`", c.name, e.name));
        }
        if def.seq > 0 {
            if def.seq < last_seq {
                cx.report(c.name_span, format!("`{}` must come before `{last_name}` in `{}`", c.name, e.name));
            } else {
                last_seq = def.seq;
                last_name = def.name;
            }
        }
        if let Some(ct) = MODS.child_type(def) {
            stack.push((cid, ct));
        }
    }
    if t.needs_child && !any_child {
        let allowed = if t.children.len() > 6 {
            "a child element such as `titleInfo`".to_owned()
        } else {
            format!("at least one of: {}", list(t.children.iter().map(|d| d.name)))
        };
        cx.report(e.name_span, format!("`{}` is empty; it needs {allowed}", e.name));
    }
}

/// `xs:any processContents="lax"`: descendants that have a global MODS declaration are
/// validated against it; others are passed through (XML Schema 1.0, §3.10.1).
fn lax(tree: &ModsFile, e: &Element, stack: &mut Vec<(usize, &'static TypeDef)>) {
    let mut pending: Vec<usize> = e.children.clone();
    while let Some(id) = pending.pop() {
        let Some(c) = tree.element(id) else { continue };
        match MODS.global(&c.name).filter(|_| tree.is_mods(c)) {
            Some(t) => stack.push((id, t)),
            None => pending.extend(c.children.iter().copied()),
        }
    }
}

fn check_attributes(tree: &ModsFile, e: &Element, t: &'static TypeDef, cx: &mut Context) {
    for a in &e.attributes {
        let name = match tree.namespace(a.namespace) {
            None => Cow::Borrowed(a.name.as_ref()),
            Some(XML_NS) => Cow::Owned(format!("xml:{}", a.name)),
            Some(XLINK_NS) => Cow::Owned(format!("xlink:{}", a.name)),
            Some(XSI_NS) => {
                // xsi:schemaLocation and friends are always allowed; xsi:type must name the
                // declared type (the MODS types derive from no declared element type).
                let local = a.value.rsplit(':').next().unwrap_or("");
                if a.name == "type" && local != t.name {
                    cx.report(
                        a.value_span,
                        format!("xsi:type `{}` is not the type of `{}` ({})", a.value, e.name, t.name),
                    );
                }
                continue;
            }
            Some(ns) => Cow::Owned(format!("{{{ns}}}{}", a.name)),
        };
        let Some(def) = t.attribute(&name) else {
            let allowed: Vec<&str> = t.attributes.iter().map(|d| d.name).filter(|n| !n.contains(':')).collect();
            cx.report(
                a.name_span,
                format!("attribute `{name}` is not allowed on `{}`; allowed: {}", e.name, list(allowed.into_iter())),
            );
            continue;
        };
        if matches!(def.kind, Kind::Id) {
            continue; // CL402
        }
        check_value(cx, &def.kind, &a.value, a.value_span, format_args!("attribute `{name}` of `{}`", e.name));
    }
    for def in t.attributes.iter().filter(|d| d.required) {
        let named = |a: &str| def.name == a || def.name.strip_suffix(a).is_some_and(|prefix| prefix.ends_with(':'));
        if !e.attributes.iter().any(|a| named(&a.name)) {
            cx.report(e.name_span, format!("`{}` needs the attribute `{}`", e.name, def.name));
        }
    }
}

/// XML Schema values: enumerations compare exactly (xs:string keeps white space);
/// integers and IDREFs collapse white space first.
/// `what` names the value in a message; it is formatted only when one is reported.
fn check_value(cx: &mut Context, kind: &Kind, value: &str, span: crate::source::Span, what: std::fmt::Arguments<'_>) {
    let collapsed = || value.split_whitespace().collect::<Vec<_>>().join(" ");
    let ok = match kind {
        Kind::String | Kind::AnyUri | Kind::Id => return,
        Kind::Enum(values) => values.contains(&value),
        Kind::Integer => {
            let collapsed = collapsed();
            let digits = collapsed.strip_prefix(['-', '+']).unwrap_or(&collapsed);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
        }
        Kind::PositiveInteger => {
            let collapsed = collapsed();
            let digits = collapsed.strip_prefix('+').unwrap_or(&collapsed);
            !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits.bytes().any(|b| b != b'0')
        }
        Kind::IdRef => is_ncname(&collapsed()),
    };
    if ok {
        return;
    }
    if let Kind::Enum(values) = kind {
        let trimmed = value.trim();
        if trimmed != value && values.contains(&trimmed) {
            cx.report(
                span,
                format!("{what} has white space around `{trimmed}`; the schema compares its values exactly"),
            );
            return;
        }
    }
    let value = if value.contains(['\n', '\t', '\r']) { Cow::Owned(collapsed()) } else { Cow::Borrowed(value) };
    let expected = match kind {
        Kind::Enum(values) => format!("one of {}", list(values.iter().copied())),
        Kind::Integer => "an integer".to_owned(),
        Kind::PositiveInteger => "a positive integer".to_owned(),
        _ => "an XML name".to_owned(),
    };
    cx.report(span, format!("{what} is `{value}`; expected {expected}"));
}

/// An XML NCName (Namespaces in XML 1.0): a letter or `_` first, then letters, digits, `.`,
/// `-`, `_`, combining marks; no `:`.
#[must_use]
pub(crate) fn is_ncname(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else { return false };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| {
            c.is_alphanumeric()
                || matches!(c, '.' | '-' | '_' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
        })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // reason: tests may panic
    use std::fmt::Write as _;

    use super::{islands, walk, ModsSchema, CHUNK_SUBTREES, PARALLEL_SUBTREES};
    use crate::config::Settings;
    use crate::model::Format;
    use crate::rules::{Context, Rule};
    use crate::source::{Encoding, SourceDb, SourceFile};

    /// A collection of `n` records, with a finding in most (an unknown element, a value not in
    /// the enumeration, a misplaced child, an attribute MODS does not have).
    fn collection(n: usize) -> String {
        let mut out = String::from("<modsCollection xmlns=\"http://www.loc.gov/mods/v3\">\n");
        for i in 0..n {
            let extra = match i % 5 {
                0 => "<colour>red</colour>",
                1 => "<name type=\"band\"><namePart>x</namePart></name>",
                2 => "<titleInfo><namePart>x</namePart></titleInfo>",
                3 => "<genre shade=\"dark\">article</genre>",
                _ => "",
            };
            writeln!(out, "<mods ID=\"r{i}\"><titleInfo><title>T {i}</title></titleInfo>{extra}</mods>").unwrap();
        }
        out.push_str("</modsCollection>\n");
        out
    }

    /// The sorted (span, message) pairs of one walk of `text`'s tree.
    fn findings(text: &str, split: bool) -> Vec<(u32, u32, String)> {
        let mut db = SourceDb::new();
        let id = db.add(SourceFile::from_text("c.xml".into(), None, text.to_owned(), Encoding::Utf8 { bom: false }));
        let settings = Settings::default();
        let file = crate::formats::parse(&db, id, Format::Mods, &settings);
        let tree = file.mods().unwrap();
        let mut cx = Context::new(&db, &settings, ModsSchema.meta());
        let stack = islands(tree, &mut cx);
        walk(tree, stack, &mut cx, split);
        let mut out: Vec<_> =
            cx.into_diagnostics().into_iter().map(|d| (d.span.start, d.span.end, d.message)).collect();
        out.sort();
        out
    }

    #[test]
    fn records_checked_in_parallel_give_what_one_walk_gives() {
        let n = PARALLEL_SUBTREES + 3 * CHUNK_SUBTREES + 7;
        let text = collection(n);
        let parallel = findings(&text, true);
        assert!(parallel.len() >= n * 4 / 5, "{} findings for {n} records", parallel.len());
        assert_eq!(parallel, findings(&text, false));
    }
}
