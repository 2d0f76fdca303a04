#!/usr/bin/env python3
"""Writes COUNT one-entry BibTeX files into DIR, for the many-small-files benchmark.

Usage: benches/gen_many.py DIR COUNT [SEED]

The entries are gen_corpus.py's (same templates, seeded, no deliberate errors), made
self-contained: no crossref, and the `@string` macros of the corpus's head (venues, aclpub)
written out in full, so that each file lints on its own. The same arguments give the same files.
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_corpus  # noqa: E402

MACROS = dict(gen_corpus.VENUES) | {"aclpub": "Association for Computational Linguistics"}


def expand(text):
    # `acl # " 2020"` -> `{<venue> 2020}`; `aclpub` -> `{Association for Computational Linguistics}`
    text = re.sub(r'= (\w+) # " (\d+)"', lambda m: "= {" + MACROS[m.group(1)] + " " + m.group(2) + "}", text)
    return re.sub(r"= aclpub\b", "= {" + MACROS["aclpub"] + "}", text)


def main():
    out, count = sys.argv[1], int(sys.argv[2])
    r = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    os.makedirs(out, exist_ok=True)
    width = len(str(count - 1))
    for i in range(count):
        with open(os.path.join(out, f"e{i:0{width}d}.bib"), "w", encoding="utf-8", newline="\n") as f:
            f.write(expand(gen_corpus.entry(r, i, [], errors=False)))


if __name__ == "__main__":
    main()
