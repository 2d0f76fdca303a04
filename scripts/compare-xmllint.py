#!/usr/bin/env python3
"""Compares citelint's MODS verdicts (CL001, CL401, CL402) with xmllint's, file by file.

Usage: scripts/compare-xmllint.py CITELINT XSD37 XSD38 FILE...   (needs xmllint: libxml2-utils)
A file is valid for xmllint when it validates against XSD37 (XSD38, the patched 3.8 schema, for
documents that say version="3.8"); MODS embedded in another
vocabulary (METS) is validated element by element (FORMATS §1.5: the embedded `mods:mods`,
not the wrapper). Also validates mutated copies of every file given with `--mutate`.
Prints one line per file and the agreement figure; exits 1 on any disagreement.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MODS = "http://www.loc.gov/mods/v3"


def xmllint_valid(xsd, path):
    ok = subprocess.run(["xmllint", "--noout", "--schema", xsd, path], capture_output=True).returncode == 0
    return ok


def oracle(xsd, path, tmp):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return False
    if root.tag.startswith("{%s}" % MODS):
        return xmllint_valid(xsd, path)
    ET.register_namespace("", MODS)
    embedded = list(root.iter("{%s}mods" % MODS))
    if not embedded:
        return xmllint_valid(xsd, path)
    for i, m in enumerate(embedded):
        part = os.path.join(tmp, "part%d.xml" % i)
        ET.ElementTree(m).write(part, encoding="utf-8", xml_declaration=True)
        if not xmllint_valid(xsd, part):
            return False
    return True


def citelint_valid(exe, path):
    out = subprocess.run(
        [exe, "--isolated", "--select", "CL001,CL401,CL402", "--output-format", "json", path],
        capture_output=True, text=True,
    ).stdout
    try:
        return len(json.loads(out or "[]")) == 0
    except json.JSONDecodeError:
        return False


MUTATIONS = [
    ("unknown-element", "<titleInfo>", "<titleInfo><bogus/>"),
    ("misplaced-element", "<titleInfo>", "<titleInfo><namePart>x</namePart>"),
    ("bad-enum", 'type="given"', 'type="first"'),
    ("bad-enum-name", 'type="personal"', 'type="person"'),
    ("wrong-namespace", 'xmlns="http://www.loc.gov/mods/v3"', 'xmlns="http://www.loc.gov/mods/"'),
    ("unknown-attribute", "<titleInfo>", '<titleInfo lang2="en">'),
    ("empty-required-child", "<originInfo>", "<originInfo><place></place>"),
    ("bad-id", 'ID="', 'ID="1'),
    ("text-in-element-only", "<titleInfo>", "<titleInfo>stray text"),
]


def main():
    args = sys.argv[1:]
    mutate = "--mutate" in args
    args = [a for a in args if a != "--mutate"]
    exe, xsd37, xsd38, files = args[0], args[1], args[2], args[3:]
    agree = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        cases = [(f, f) for f in files]
        if mutate:
            for f in files:
                text = open(f, encoding="utf-8", errors="surrogateescape").read()
                for name, old, new in MUTATIONS:
                    if old in text:
                        p = os.path.join(tmp, "%s.%s.xml" % (os.path.basename(f), name))
                        open(p, "w", encoding="utf-8", errors="surrogateescape").write(text.replace(old, new, 1))
                        cases.append((p, "%s [%s]" % (os.path.basename(f), name)))
        for path, label in cases:
            with open(path, encoding="utf-8", errors="replace") as fh:
                xsd = xsd38 if 'version="3.8"' in fh.read() else xsd37
            a = oracle(xsd, path, tmp)
            b = citelint_valid(exe, path)
            total += 1
            agree += a == b
            print("%s\txmllint=%s\tcitelint=%s\t%s" % ("AGREE" if a == b else "DIFFER", a, b, label))
    print("agreement: %d/%d" % (agree, total))
    sys.exit(0 if agree == total else 1)


if __name__ == "__main__":
    main()
