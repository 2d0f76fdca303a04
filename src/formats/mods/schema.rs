//! The MODS 3.8 element and attribute tables (rules/data/mods-3.8.tsv), generated from
//! spec/mods-3-8-libxml2-patched.xsd by scripts/gen-mods-tables.py. See the script for the
//! format.

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

static TABLE: &str = include_str!("../../../rules/data/mods-3.8.tsv");

/// What an element's content may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// Child elements only (white space between them).
    Elements,
    /// Text only.
    Text,
    /// Text and child elements.
    Mixed,
    /// Anything (`xs:any`: `extension`, `holdingExternal`): not checked.
    Any,
}

/// The value space of an attribute or of an element's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    AnyUri,
    Integer,
    PositiveInteger,
    Id,
    IdRef,
    Enum(Vec<&'static str>),
}

#[derive(Debug)]
pub struct ChildDef {
    pub name: &'static str,
    pub type_name: &'static str,
    /// Position in a flat `xs:sequence` (1-based), 0 when order is free.
    pub seq: u32,
    /// Maximum occurrences, 0 = unbounded.
    pub max: u32,
    /// The index of `type_name` in [`Schema::types`], resolved once the tables are loaded.
    ty: Option<usize>,
}

#[derive(Debug)]
pub struct AttrDef {
    /// `name`, or `xml:lang` / `xlink:href` for the imported namespaces.
    pub name: &'static str,
    pub required: bool,
    pub kind: Kind,
}

#[derive(Debug)]
pub struct TypeDef {
    pub name: &'static str,
    pub content: Content,
    /// The content model needs at least one child element.
    pub needs_child: bool,
    pub text: Kind,
    pub children: Vec<ChildDef>,
    pub attributes: Vec<AttrDef>,
}

impl TypeDef {
    #[must_use]
    pub fn child(&self, name: &str) -> Option<&ChildDef> {
        self.children.iter().find(|c| c.name == name)
    }

    #[must_use]
    pub fn attribute(&self, name: &str) -> Option<&AttrDef> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

#[derive(Debug, Default)]
pub struct Schema {
    pub roots: Vec<(&'static str, &'static str)>,
    /// Every global element declaration (name, type).
    pub globals: Vec<(&'static str, &'static str)>,
    pub types: Vec<TypeDef>,
    /// Each type's index in `types`, by name.
    index: HashMap<&'static str, usize>,
}

impl Schema {
    #[must_use]
    pub fn get(&self, type_name: &str) -> Option<&TypeDef> {
        self.index.get(type_name).and_then(|&i| self.types.get(i))
    }

    /// The type of a child element (no lookup by name: resolved when the tables were loaded).
    #[must_use]
    pub fn child_type(&self, child: &ChildDef) -> Option<&TypeDef> {
        child.ty.and_then(|i| self.types.get(i))
    }

    #[must_use]
    pub fn root(&self, name: &str) -> Option<&TypeDef> {
        self.roots.iter().find(|(n, _)| *n == name).and_then(|(_, t)| self.get(t))
    }

    /// The type of a global element.
    #[must_use]
    pub fn global(&self, name: &str) -> Option<&TypeDef> {
        self.globals.iter().find(|(n, _)| *n == name).and_then(|(_, t)| self.get(t))
    }

    /// Whether any MODS element has this name (to tell a misplaced element from an unknown one).
    #[must_use]
    pub fn is_known_element(&self, name: &str) -> bool {
        self.roots.iter().any(|(n, _)| *n == name) || self.types.iter().any(|t| t.child(name).is_some())
    }
}

/// A name or value as stored in the tree: borrowed from the schema tables when they hold it (the
/// element and attribute names and enumerated values of every MODS file), owned otherwise.
#[must_use]
pub fn stored(s: &str) -> std::borrow::Cow<'static, str> {
    static WORDS: LazyLock<rustc_hash::FxHashSet<&'static str>> = LazyLock::new(|| {
        // Values that converters write in nearly every record but the schema leaves open.
        const COMMON: &[&str] = &["marcrelator", "marcgt", "citekey", "w3cdtf", "iso8601", "rfc3066", "iso639-2b"];
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split(['\t', '|']))
            .chain(COMMON.iter().copied())
            .collect()
    });
    match WORDS.get(s) {
        Some(word) => std::borrow::Cow::Borrowed(word),
        None => std::borrow::Cow::Owned(s.to_owned()),
    }
}

fn kind(name: &str, values: &'static str) -> Kind {
    match name {
        "anyURI" => Kind::AnyUri,
        "integer" => Kind::Integer,
        "positiveInteger" => Kind::PositiveInteger,
        "ID" => Kind::Id,
        "IDREF" => Kind::IdRef,
        "enum" | "fixed" => Kind::Enum(values.split('|').collect()),
        _ => Kind::String,
    }
}

fn load() -> Schema {
    let mut schema = Schema::default();
    for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&'static str> = line.split('\t').collect();
        let col = |i: usize| cols.get(i).copied().unwrap_or("");
        match col(0) {
            "root" => schema.roots.push((col(1), col(2))),
            "global" => schema.globals.push((col(1), col(2))),
            "type" => {
                let content = match col(2) {
                    "text" => Content::Text,
                    "mixed" => Content::Mixed,
                    "any" => Content::Any,
                    _ => Content::Elements,
                };
                schema.index.insert(col(1), schema.types.len());
                schema.types.push(TypeDef {
                    name: col(1),
                    content,
                    needs_child: col(3) == "1",
                    text: kind(col(4), col(5)),
                    children: Vec::new(),
                    attributes: Vec::new(),
                });
            }
            "child" => {
                if let Some(t) = schema.index.get(col(1)).and_then(|&i| schema.types.get_mut(i)) {
                    t.children.push(ChildDef {
                        name: col(2),
                        type_name: col(3),
                        seq: col(4).parse().unwrap_or(0),
                        max: col(5).parse().unwrap_or(0),
                        ty: None,
                    });
                }
            }
            "attr" => {
                if let Some(t) = schema.index.get(col(1)).and_then(|&i| schema.types.get_mut(i)) {
                    t.attributes.push(AttrDef { name: col(2), required: col(3) == "1", kind: kind(col(4), col(5)) });
                }
            }
            _ => {}
        }
    }
    let index = &schema.index;
    for child in schema.types.iter_mut().flat_map(|t| &mut t.children) {
        child.ty = index.get(child.type_name).copied();
    }
    schema
}

/// The MODS 3.8 schema tables, loaded once.
pub static MODS: LazyLock<Schema> = LazyLock::new(load);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load() {
        let name = MODS.get("nameDefinition").unwrap();
        assert!(name.child("namePart").is_some());
        assert_eq!(
            name.attribute("type").unwrap().kind,
            Kind::Enum(vec!["personal", "corporate", "conference", "family"])
        );
        assert!(MODS.root("modsCollection").unwrap().child("mods").is_some());
        assert!(MODS.get("placeDefinition").unwrap().needs_child);
        assert!(MODS.is_known_element("roleTerm"));
        assert!(!MODS.is_known_element("toleTerm"));
        for child in MODS.types.iter().flat_map(|t| &t.children) {
            let by_name = MODS.get(child.type_name).map(|t| t.name);
            assert_eq!(MODS.child_type(child).map(|t| t.name), by_name, "{}", child.name);
            assert!(by_name.is_some() || child.type_name.is_empty(), "{} has type {}", child.name, child.type_name);
        }
    }
}
