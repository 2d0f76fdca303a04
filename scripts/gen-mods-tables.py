#!/usr/bin/env python3
"""Derives the MODS element and attribute tables from the MODS XSD (DESIGN §4, FORMATS §1.5).

Usage: scripts/gen-mods-tables.py [XSD] > rules/data/mods-3.8.tsv
Default XSD: ../shared/spec/mods-3-8-libxml2-patched.xsd (its xml.xsd and xlink.xsd imports are
read from the same folder). The output is a tab-separated table that CL401 embeds:

  root   NAME  TYPE                               a global element allowed as a document root
  global NAME  TYPE                               every global element (checked inside xs:any)
  type   TYPE  CONTENT  MINCHILD  TEXTKIND  VALUES
         CONTENT: elements | text | mixed | any (xs:any, contents not checked)
         MINCHILD: 1 when the content model needs at least one child element
         TEXTKIND: string | anyURI | integer | positiveInteger | enum (VALUES: `|`-separated)
  child  TYPE  NAME  CHILDTYPE  SEQPOS  MAX     SEQPOS > 0: position in a flat xs:sequence
                                                  MAX: maximum occurrences (0 = unbounded)
  attr   TYPE  NAME  REQUIRED  KIND  VALUES       NAME is `xml:lang`, `xlink:href` for the
                                                  imported namespaces; KIND as TEXTKIND plus
                                                  ID | IDREF | fixed
Anonymous types are named `parent/element`. Builtin simple element types are types of their own
(`xs:anyURI`). Run it again after changing the XSD; the output is deterministic.
"""

import os
import sys
import xml.etree.ElementTree as ET

XS = "{http://www.w3.org/2001/XMLSchema}"
BUILTIN = {"string", "anyURI", "integer", "positiveInteger", "ID", "IDREF", "NCName", "language", "token"}


def local(qname):
    return qname.split(":")[-1] if qname else qname


class Schema:
    def __init__(self, path):
        self.root = ET.parse(path).getroot()
        folder = os.path.dirname(path)
        self.ctypes = {}
        self.stypes = {}
        self.groups = {}
        self.agroups = {}
        self.elements = {}
        self.foreign_attrs = {}
        self.foreign_agroups = {}
        for child in self.root:
            name = child.get("name")
            if child.tag == XS + "complexType":
                self.ctypes[name] = child
            elif child.tag == XS + "simpleType":
                self.stypes[name] = child
            elif child.tag == XS + "group":
                self.groups[name] = child
            elif child.tag == XS + "attributeGroup":
                self.agroups[name] = child
            elif child.tag == XS + "element":
                self.elements[name] = child
            elif child.tag == XS + "import":
                self.load_import(os.path.join(folder, child.get("schemaLocation")), child.get("namespace"))
        self.types = {}  # id -> dict

    def load_import(self, path, namespace):
        prefix = {"http://www.w3.org/XML/1998/namespace": "xml", "http://www.w3.org/1999/xlink": "xlink"}[namespace]
        root = ET.parse(path).getroot()
        for child in root:
            tag = child.tag.split("}")[-1]
            if tag == "attribute":
                self.foreign_attrs[prefix + ":" + child.get("name")] = child
            elif tag == "attributeGroup":
                self.foreign_agroups[prefix + ":" + child.get("name")] = (prefix, child)

    # ---- simple types -------------------------------------------------------------------
    def simple(self, type_name, node=None):
        """(kind, values) of a simple type given by name or inline node."""
        if node is None:
            if type_name is None:
                return ("string", [])
            name = local(type_name)
            if ":" in type_name and type_name.split(":")[0] in ("xs", "xsd") or name in BUILTIN and name not in self.stypes:
                return (name if name in BUILTIN else "string", [])
            node = self.stypes.get(name)
            if node is None:
                return ("string", [])
        restriction = node.find(XS + "restriction") if node.tag.endswith("simpleType") else None
        if restriction is None:
            return ("string", [])
        values = [e.get("value") for e in restriction.findall(XS + "enumeration")]
        if values:
            return ("enum", values)
        return self.simple(restriction.get("base"))

    # ---- attributes ---------------------------------------------------------------------
    def attr_spec(self, node, prefix=None):
        ref = node.get("ref")
        if ref:
            if ref in self.foreign_attrs:
                target = self.foreign_attrs[ref]
                kind = self.attr_kind(target)
                name = ref
            else:
                target = self.root.find(XS + "attribute[@name='%s']" % local(ref))
                kind = self.attr_kind(target)
                name = local(ref)
        else:
            name = node.get("name")
            if prefix and node.get("form") == "qualified":
                name = prefix + ":" + name
            kind = self.attr_kind(node)
        if node.get("fixed") is not None:
            kind = ("fixed", [node.get("fixed")])
        return name, (node.get("use") == "required"), kind

    def attr_kind(self, node):
        if node is None:
            return ("string", [])
        inline = node.find(XS + "simpleType")
        if inline is None:
            inline = node.find("{http://www.w3.org/2001/XMLSchema}simpleType")
        if inline is not None:
            return self.simple(None, inline)
        t = node.get("type")
        if t and ":" not in t and t in BUILTIN and t not in self.stypes:
            return (t, [])
        return self.simple(t)

    def attributes(self, node, out, prefix=None):
        for child in node:
            tag = child.tag.split("}")[-1]
            if tag == "attribute":
                name, req, kind = self.attr_spec(child, prefix)
                out[name] = (req, kind)
            elif tag == "attributeGroup":
                ref = child.get("ref")
                if ref in self.foreign_agroups:
                    p, group = self.foreign_agroups[ref]
                    self.attributes(group, out, p)
                else:
                    self.attributes(self.agroups[local(ref)], out, prefix)

    # ---- content models -----------------------------------------------------------------
    def particle(self, node, owner, children, depth_max):
        """Adds the elements of a particle; returns its minimum number of child elements."""
        tag = node.tag.split("}")[-1]
        mn = int(node.get("minOccurs", "1"))
        mx = node.get("maxOccurs", "1")
        mx = 0 if mx == "unbounded" else int(mx)
        factor = 0 if (mx == 0 or depth_max == 0) else mx * depth_max
        if tag == "element":
            name, tid = self.element_type(node, owner)
            prev = children.get(name)
            children[name] = (tid, factor if prev is None else 0)
            return mn
        if tag == "any":
            children["#any"] = ("", 0)
            return mn
        if tag == "group":
            inner = self.groups[local(node.get("ref"))]
            total = 0
            for p in inner:
                if p.tag.split("}")[-1] in ("choice", "sequence", "all"):
                    total += self.particle(p, owner, children, factor)
            return mn * total
        if tag in ("choice", "sequence", "all"):
            mins = [self.particle(p, owner, children, factor) for p in node if p.tag.split("}")[-1] in ("element", "choice", "sequence", "group", "any")]
            if not mins:
                return 0
            inner = min(mins) if tag == "choice" else sum(mins)
            return mn * inner
        return 0

    def element_type(self, el, owner):
        ref = el.get("ref")
        if ref:
            decl = self.elements[local(ref)]
            return local(ref), self.decl_type(decl, None)
        return el.get("name"), self.decl_type(el, owner)

    def decl_type(self, decl, owner):
        name = decl.get("name")
        t = decl.get("type")
        if t:
            if t.startswith("xs:"):
                tid = t
                if tid not in self.types:
                    self.types[tid] = {"content": "text", "min": 0, "text": self.simple(t), "children": {}, "attrs": {}, "seq": []}
                return tid
            self.complex(t)
            return t
        tid = name if owner is None else owner + "/" + name
        inline = decl.find(XS + "complexType")
        if inline is not None:
            self.complex(tid, inline)
            return tid
        inline = decl.find(XS + "simpleType")
        if tid not in self.types:
            self.types[tid] = {"content": "text", "min": 0, "text": self.simple(None, inline) if inline is not None else ("string", []), "children": {}, "attrs": {}, "seq": []}
        return tid

    def complex(self, tid, node=None):
        if tid in self.types:
            return self.types[tid]
        if node is None:
            if tid in self.stypes:
                self.types[tid] = {"content": "text", "min": 0, "text": self.simple(tid), "children": {}, "attrs": {}, "seq": []}
                return self.types[tid]
            node = self.ctypes[tid]
        info = {"content": "elements", "min": 0, "text": ("string", []), "children": {}, "attrs": {}, "seq": []}
        self.types[tid] = info
        mixed = node.get("mixed") == "true"
        body = node
        for child in node:
            tag = child.tag.split("}")[-1]
            if tag == "simpleContent":
                ext = child[0] if len(child) else None
                ext = next(c for c in child if c.tag.split("}")[-1] in ("extension", "restriction"))
                base = ext.get("base")
                if base.startswith("xs:"):
                    info["text"] = self.simple(base)
                else:
                    b = self.complex(base)
                    info["text"] = b["text"]
                    info["attrs"].update(b["attrs"])
                info["content"] = "text"
                body = ext
            elif tag == "complexContent":
                ext = next(c for c in child if c.tag.split("}")[-1] in ("extension", "restriction"))
                b = self.complex(ext.get("base"))
                info["children"].update(b["children"])
                info["attrs"].update(b["attrs"])
                info["min"] = b["min"]
                info["seq"] = list(b["seq"])
                if b["content"] in ("mixed", "any"):
                    info["content"] = b["content"]
                if child.get("mixed") == "true":
                    mixed = True
                body = ext
        for child in body:
            tag = child.tag.split("}")[-1]
            if tag in ("sequence", "choice", "group", "all"):
                children = {}
                info["min"] += self.particle(child, tid, children, 1)
                info["children"].update(children)
                if tag == "sequence" and all(p.tag.split("}")[-1] == "element" for p in child):
                    info["seq"] = [self.element_type(p, tid)[0] for p in child]
        self.attributes(body, info["attrs"])
        if "#any" in info["children"]:
            del info["children"]["#any"]
            info["content"] = "any"
        elif mixed and info["content"] == "elements":
            info["content"] = "mixed"
        return info


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default = os.path.join(here, "..", "..", "shared", "spec", "mods-3-8-libxml2-patched.xsd")
    path = sys.argv[1] if len(sys.argv) > 1 else default
    s = Schema(path)
    roots = ["mods", "modsCollection"]
    for r in roots:
        s.decl_type(s.elements[r], None)
    out = ["# MODS element and attribute tables, generated by scripts/gen-mods-tables.py from",
           "# %s. Do not edit: run the script again." % os.path.basename(path)]
    for r in roots:
        out.append("root\t%s\t%s" % (r, s.decl_type(s.elements[r], None)))
    # Every global element: what xs:any processContents="lax" (extension) validates when it meets one.
    for g in sorted(s.elements):
        out.append("global\t%s\t%s" % (g, s.decl_type(s.elements[g], None)))
    for tid in sorted(s.types):
        t = s.types[tid]
        kind, values = t["text"]
        out.append("type\t%s\t%s\t%d\t%s\t%s" % (tid, t["content"], 1 if t["min"] > 0 else 0, kind, "|".join(values)))
        for name in sorted(t["children"]):
            ctid, mx = t["children"][name]
            pos = t["seq"].index(name) + 1 if name in t["seq"] else 0
            out.append("child\t%s\t%s\t%s\t%d\t%d" % (tid, name, ctid, pos, mx))
        for name in sorted(t["attrs"]):
            req, (kind, values) = t["attrs"][name]
            out.append("attr\t%s\t%s\t%d\t%s\t%s" % (tid, name, 1 if req else 0, kind, "|".join(values)))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
