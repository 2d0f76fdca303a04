//! `@string` macros, resolved lazily with cycle detection and a size cap (DESIGN §4).
//!
//! Semantics (spec/FORMATS.md §2.1): macro names are case-insensitive; definitions take effect
//! in source order, so a use refers to the latest definition *before* it (a later definition
//! overrides for the uses after it, and a macro used in an `@string` value refers to earlier
//! definitions only). Undefined macros expand to nothing (BibTeX: "string name is undefined").
//! `jan`..`dec` default to the English month names (the standard `.bst` styles' `MACRO`s) when
//! the file does not define them.
//!
//! Because a definition can only see earlier definitions, a macro cannot refer to itself
//! (`@string{a = a}` is an undefined use); the resolver still guards against cycles. It works
//! iteratively (no recursion on `@string` depth), memoizes small expansions and caps output at
//! [`MAX_OUTPUT`] bytes and work at [`MAX_STEPS`] steps per value, so a doubling bomb costs
//! neither memory nor time.

use rustc_hash::FxHashMap as HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use super::ast::{BibFile, FieldAst, Item, Part, PartKind, ValueAst};
use crate::source::Span;

/// At most this many bytes of output per resolved value.
pub const MAX_OUTPUT: usize = 1 << 20;
/// At most this many parts visited per resolved value.
pub const MAX_STEPS: usize = 1 << 20;
/// Expansions up to this size are memoized ...
const CACHE_ITEM: usize = 64 << 10;
/// ... until the memo holds this many bytes.
const CACHE_TOTAL: usize = 32 << 20;

/// The English month name for a predefined month macro (`jan`..`dec`, any case).
#[must_use]
pub fn month_macro(name: &str) -> Option<&'static str> {
    crate::model::date::month_macro(name).and_then(|m| crate::model::date::month_name(u32::from(m)))
}

/// A resolved value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolved {
    /// The concatenated text: braced/quoted parts verbatim (inner braces kept, TeX not decoded).
    pub text: String,
    /// The value's own macro parts that have no definition before them (nor a month default).
    pub undefined: Vec<Span>,
    /// Whether output or work hit the cap ([`MAX_OUTPUT`], [`MAX_STEPS`]) or a cycle was cut.
    pub truncated: bool,
}

struct Def<'a> {
    name: Span,
    field: &'a FieldAst,
}

/// The `@string` definitions of one file.
pub struct Strings<'a> {
    text: &'a str,
    defs: Vec<Def<'a>>,
    /// Lower-cased name -> indices into `defs`, in source order.
    by_name: HashMap<String, Vec<usize>>,
    memo: Vec<OnceLock<Arc<str>>>,
    memo_bytes: AtomicUsize,
}

impl std::fmt::Debug for Strings<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Strings").field("definitions", &self.defs.len()).finish_non_exhaustive()
    }
}

/// The inner span of a value that is exactly one braced, quoted or number part.
#[must_use]
pub fn single_literal(value: &ValueAst) -> Option<Span> {
    match value.parts.as_slice() {
        [p] if p.kind != PartKind::Macro => Some(p.inner),
        _ => None,
    }
}

struct Frame<'a> {
    parts: &'a [Part],
    next: usize,
    /// The definition being expanded (memoized when done), `None` for the value itself.
    def: Option<usize>,
    out_start: usize,
}

impl<'a> Strings<'a> {
    /// Collects the definitions of `file` (whose text is `text`) in source order.
    #[must_use]
    pub fn new(file: &'a BibFile, text: &'a str) -> Self {
        let mut defs = Vec::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::default();
        for item in &file.items {
            let Item::String(entry) = item else { continue };
            for field in &entry.fields {
                let name = text.get(field.name.range()).unwrap_or_default();
                by_name.entry(name.to_lowercase()).or_default().push(defs.len());
                defs.push(Def { name: field.name, field });
            }
        }
        let memo = defs.iter().map(|_| OnceLock::new()).collect();
        Self { text, defs, by_name, memo, memo_bytes: AtomicUsize::new(0) }
    }

    /// Whether `name` is defined anywhere in the file or is a month macro.
    #[must_use]
    pub fn is_defined(&self, name: &str) -> bool {
        self.is_defined_in_file(name) || month_macro(name).is_some()
    }

    /// Whether the file defines `name` (anywhere).
    #[must_use]
    pub fn is_defined_in_file(&self, name: &str) -> bool {
        self.by_name.contains_key(&name.to_lowercase())
    }

    /// The definitions in source order: the name's span and the whole `name = value` field.
    pub fn definitions(&self) -> impl Iterator<Item = (Span, &'a FieldAst)> + '_ {
        self.defs.iter().map(|d| (d.name, d.field))
    }

    /// The definition of `name` in effect at byte offset `at`: the latest one that ends before it.
    #[must_use]
    pub fn lookup(&self, name: &str, at: u32) -> Option<&'a FieldAst> {
        self.find(name, at).and_then(|i| self.defs.get(i)).map(|d| d.field)
    }

    fn find(&self, name: &str, at: u32) -> Option<usize> {
        let list = self.by_name.get(&name.to_lowercase())?;
        let n = list.partition_point(|&i| self.defs.get(i).is_some_and(|d| d.field.span.end <= at));
        n.checked_sub(1).and_then(|k| list.get(k).copied())
    }

    /// The file's text.
    #[must_use]
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Resolves a value: parts concatenated, macros expanded (see the module docs).
    #[must_use]
    pub fn resolve(&self, value: &ValueAst) -> Resolved {
        let mut out = Resolved::default();
        let mut stack = vec![Frame { parts: &value.parts, next: 0, def: None, out_start: 0 }];
        let mut steps = 0usize;
        while let Some(frame) = stack.last_mut() {
            let Some(part) = frame.parts.get(frame.next).copied() else {
                let done = stack.pop();
                if let Some(Frame { def: Some(d), out_start, .. }) = done {
                    self.remember(d, out.text.get(out_start..).unwrap_or_default(), out.truncated);
                }
                continue;
            };
            frame.next += 1;
            let top = stack.len() == 1;
            steps += 1;
            if steps > MAX_STEPS || out.text.len() >= MAX_OUTPUT {
                out.truncated = true;
                break;
            }
            match part.kind {
                PartKind::Braced | PartKind::Quoted | PartKind::Number => {
                    push_capped(&mut out, self.text.get(part.inner.range()).unwrap_or_default());
                }
                PartKind::Macro => {
                    let name = self.text.get(part.inner.range()).unwrap_or_default();
                    match self.find(name, part.span.start) {
                        Some(d) => {
                            if let Some(done) = self.memo.get(d).and_then(OnceLock::get) {
                                push_capped(&mut out, done);
                            } else if stack.iter().any(|f| f.def == Some(d)) || stack.len() > self.defs.len() + 1 {
                                // Unreachable with source-order lookup; kept as a guard.
                                out.truncated = true;
                                if top {
                                    out.undefined.push(part.span);
                                }
                            } else if let Some(def) = self.defs.get(d) {
                                stack.push(Frame {
                                    parts: &def.field.value.parts,
                                    next: 0,
                                    def: Some(d),
                                    out_start: out.text.len(),
                                });
                            }
                        }
                        None => match month_macro(name) {
                            Some(full) => push_capped(&mut out, full),
                            None => {
                                if top {
                                    out.undefined.push(part.span);
                                }
                            }
                        },
                    }
                }
            }
        }
        out
    }

    /// Memoizes a complete, small expansion of definition `d`.
    fn remember(&self, d: usize, text: &str, truncated: bool) {
        if truncated || text.len() > CACHE_ITEM {
            return;
        }
        let used = self.memo_bytes.load(Ordering::Relaxed);
        if used + text.len() > CACHE_TOTAL {
            return;
        }
        if let Some(cell) = self.memo.get(d) {
            if cell.set(Arc::from(text)).is_ok() {
                self.memo_bytes.fetch_add(text.len(), Ordering::Relaxed);
            }
        }
    }
}

/// Appends `s`, cut at [`MAX_OUTPUT`] on a char boundary.
fn push_capped(out: &mut Resolved, s: &str) {
    let room = MAX_OUTPUT.saturating_sub(out.text.len());
    if s.len() <= room {
        out.text.push_str(s);
        return;
    }
    let mut cut = room;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    out.text.push_str(s.get(..cut).unwrap_or_default());
    out.truncated = true;
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::string_slice)] // reason: tests
mod tests {
    use super::*;
    use crate::formats::bibtex::parser::parse;
    use crate::source::FileId;

    fn field_values(f: &BibFile) -> Vec<&ValueAst> {
        f.items
            .iter()
            .filter_map(|i| if let Item::Entry(e) = i { Some(e) } else { None })
            .flat_map(|e| e.fields.iter().map(|f| &f.value))
            .collect()
    }

    #[test]
    fn resolves_in_source_order() {
        let t = "@string{a = \"x\"}\n@string{B = a # {{y}}}\n@misc{k, t = b # \" \" # 12 # jul # zz}\n@string{a = \"new\"}\n@misc{l, t = a, u = B}";
        let (f, errs) = parse(FileId(0), t);
        assert!(errs.is_empty());
        let st = Strings::new(&f, t);
        let v = field_values(&f);
        let r = st.resolve(v[0]);
        assert_eq!(r.text, "x{y} 12July");
        assert_eq!(r.undefined.len(), 1);
        assert_eq!(&t[r.undefined[0].range()], "zz");
        assert!(!r.truncated);
        assert_eq!(st.resolve(v[1]).text, "new");
        assert_eq!(st.resolve(v[2]).text, "x{y}");
        assert!(st.is_defined("A") && st.is_defined("jan") && !st.is_defined("zz"));
        assert!(!st.is_defined_in_file("jan"));
        assert_eq!(st.definitions().count(), 3);
    }

    #[test]
    fn self_reference_is_undefined() {
        let t = "@string{a = a # \"x\"}\n@misc{k, t = a}";
        let (f, _) = parse(FileId(0), t);
        let st = Strings::new(&f, t);
        assert_eq!(st.resolve(field_values(&f)[0]).text, "x");
        let Item::String(e) = &f.items[0] else { panic!() };
        let r = st.resolve(&e.fields[0].value);
        assert_eq!(r.undefined.len(), 1);
    }

    #[test]
    fn month_override() {
        let t = "@string{jul = \"Jul.\"}\n@misc{k, t = jul # aug}";
        let (f, _) = parse(FileId(0), t);
        let st = Strings::new(&f, t);
        assert_eq!(st.resolve(field_values(&f)[0]).text, "Jul.August");
    }

    #[test]
    fn doubling_bomb_is_capped() {
        let mut t = String::from("@string{a0 = \"xx\"}\n@string{e0 = \"\"}\n");
        for i in 1..=60 {
            t.push_str(&format!("@string{{a{i} = a{j} # a{j}}}\n@string{{e{i} = e{j} # e{j}}}\n", j = i - 1));
        }
        t.push_str("@misc{k, t = a60, u = e60 # a0}\n");
        let (f, errs) = parse(FileId(0), &t);
        assert!(errs.is_empty());
        let st = Strings::new(&f, &t);
        let start = std::time::Instant::now();
        let v = field_values(&f);
        let r = st.resolve(v[0]);
        assert!(r.truncated);
        assert_eq!(r.text.len(), MAX_OUTPUT);
        let r = st.resolve(v[1]);
        assert_eq!(r.text, "xx");
        assert!(!r.truncated);
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
    }

    #[test]
    fn long_chain_does_not_recurse() {
        let mut t = String::from("@string{s0 = \"x\"}\n");
        for i in 1..=20_000 {
            t.push_str(&format!("@string{{s{i} = s{}}}\n", i - 1));
        }
        t.push_str("@misc{k, t = s20000}\n");
        let (f, _) = parse(FileId(0), &t);
        let st = Strings::new(&f, &t);
        assert_eq!(st.resolve(field_values(&f)[0]).text, "x");
    }

    #[test]
    fn single_literal_spans() {
        let t = "@misc{k, a = {x}, b = \"y\", c = 12, d = m, e = {x} # {y}}";
        let (f, _) = parse(FileId(0), t);
        let v = field_values(&f);
        assert_eq!(&t[single_literal(v[0]).unwrap().range()], "x");
        assert_eq!(&t[single_literal(v[1]).unwrap().range()], "y");
        assert_eq!(&t[single_literal(v[2]).unwrap().range()], "12");
        assert!(single_literal(v[3]).is_none());
        assert!(single_literal(v[4]).is_none());
    }
}
