#!/usr/bin/env python3
"""Differential check of citelint's BibTeX reading against bibtexparser v2 (and biber --tool).

    python3 scripts/differential.py [--biber] target/release/citelint ../shared/corpus/bib

For every .bib file: the multiset of entry keys, and per key (first occurrence on both
sides) the decoded title, the author family names and the year. Every disagreement is put
in a class; classes in EXPLAINED (with the reason, i.e. which side is right and why) are
reported but allowed; any other class makes the script exit 1.

bibtexparser v2 is installed on first run into target/venv-differential (pip --pre), and
the script re-runs itself with that interpreter. biber is used when on PATH and --biber is
given (it is slow: ~1 s start-up per file plus perl parsing).
"""

import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
VENV = os.path.join(HERE, "..", "target", "venv-differential")

# Disagreement classes that are understood, with the reason. Anything else fails the run.
DUMP = None  # --dump=FILE: every disagreement, one a line

EXPLAINED = {
    "title.undefined-macro": "the title is an @string macro not defined in the file (defined in "
    "another .bib, e.g. cryptobib's abbrev files): BibTeX warns and uses an empty string; citelint "
    "reports the undefined macro, bibtexparser keeps the macro's name as if it were the text",
    "author.undefined-macro": "as title.undefined-macro, for `author = SomeMacro` or "
    "`A # \" and \" # B` with undefined macros (bibtexparser keeps `#` and quotes in the names)",
    "author.bibtex-token-split": "BibTeX splits name tokens at `-` and `~` (also `\\~n` outside "
    "braces) and puts lower-case tokens in the von part: `del-Blanco, Carlos` has von `del`, "
    "last `Blanco`; `van Antwerpen-de Fluiter` last `Fluiter`. citelint follows BibTeX (what the "
    "user's document will print), bibtexparser does not split at hyphens",
    "author.empty-name": "`X and and Y`: BibTeX and citelint drop the empty name (citelint reports "
    "it); bibtexparser glues the stray `and` into the next name",
    "entry.percent-commented": "the key also occurs in a `%`-commented copy (`%@ARTICLE{k,`): BibTeX "
    "has no `%` comments outside entries and reads that copy as an entry (citelint does the "
    "same and compares its first record); bibtexparser skips `%` lines",
    "entry.escaped-brace": "the entry contains `\\{` or `\\}`: BibTeX counts these braces (it knows "
    "no escapes when matching braces), so the value runs on and the entry is broken, as citelint "
    "reads it; bibtexparser treats them as escaped",
    "author.bp-crashed": "bibtexparser's SplitNameParts raises (IndexError) on some names, e.g. a "
    "name ending with a comma or made only of a von part; citelint splits them as BibTeX does",
    # --- keys -----------------------------------------------------------------------------
    "key.bp-commented-entry": "bibtexparser v2 parses `@comment{...}` as a comment block but an entry "
    "commented out with `%` (or inside a `@comment`) differs: BibTeX ignores text outside entries "
    "and `@comment` bodies, so citelint (no entry) is right",
    "key.duplicate": "the key occurs more than once in the file: bibtexparser keeps the first and "
    "moves later ones to failed blocks, citelint keeps every record (and reports CL-duplicate): "
    "both see the same entries, only the bookkeeping differs",
    "key.bp-failed-block": "bibtexparser failed to parse the entry (syntax it rejects, e.g. a "
    "missing comma or unbalanced quotes) while citelint recovered it as BibTeX does; "
    "citelint reports the syntax problem and keeps the record",
    "key.cl-recovery": "after a syntax error both tools resynchronise at the next `@`, but at "
    "different points; the entry is malformed in the source",
    # --- titles ---------------------------------------------------------------------------
    "title.bp-drops-command": "bibtexparser's decoder (pylatexenc via LatexDecodingMiddleware "
    "defaults) drops the text of commands it does not know or of logos: `\\TeX` -> '', "
    "`\\texttt{micro-ecc}` -> '', `\\textup{The Making..}` -> ''; citelint keeps the argument "
    "text (and the logo), which is what the document prints",
    "key.empty": "`@article{,`: an entry without a key; citelint has no key (and reports it), "
    "bibtexparser the empty string; the same entry either way",
    "title.cl-drops-command": "math commands citelint drops as unknown (`$h^{\\max}$` -> 'h^'): "
    "citelint decodes for comparison, not typesetting; only the argument-less operator name is lost",
    "title.decoding": "equal after folding case, punctuation and white space: the TeX decoders "
    "differ in details (pylatexenc keeps unknown macros like `\\textsuperscript` verbatim, keeps "
    "math `$..$`, `\\&` etc.; citelint drops unknown commands and keeps their argument)",
    "title.bp-unresolved-macro": "the title uses an @string macro or `#` concatenation that "
    "bibtexparser leaves unresolved (macro defined after use, or in a different case); BibTeX "
    "macro names are case-insensitive and resolved over the whole file, as citelint does",
    "title.missing-bp": "bibtexparser has no title for an entry citelint read (a failed block)",
    # --- names ----------------------------------------------------------------------------
    "author.decoding": "equal family names after folding case and punctuation (TeX decoding)",
    "author.bp-braced-split": "bibtexparser splits names without honouring brace depth for "
    "`and` inside `{...}` or the von-part rule for a braced first letter; BibTeX's rules (which "
    "citelint follows) treat `{...}` as one token whose case is that of its first letter only "
    "when it starts with a control sequence",
    "author.others": "`and others` is the literal 'others' in bibtexparser, citelint keeps it as "
    "an 'et al.' marker (printed as family 'others' by inspect)",
    # --- years ----------------------------------------------------------------------------
    "year.bp-raw": "bibtexparser keeps the year verbatim ('2020a', '{2020}', 'in press', "
    "'2019--2020'); citelint extracts a year only when the value is a year",
    "year.date-field": "the entry has both `date` and `year`: citelint, like biblatex, prefers "
    "`date`",
}


def ensure_bibtexparser():
    try:
        import bibtexparser  # noqa: F401

        if bibtexparser.__version__.startswith("2"):
            return
    except ImportError:
        pass
    py = os.path.join(VENV, "bin", "python")
    if os.path.abspath(sys.executable) == os.path.abspath(py):
        sys.exit("bibtexparser v2 is not importable in " + VENV)
    if not os.path.exists(py):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "--pre", "bibtexparser>=2.0.0b1"], check=True)
    os.execv(py, [py] + sys.argv)


def fold(s):
    """Loose comparison key: NFKD, no accents, letters and digits only, lower case."""
    s = unicodedata.normalize("NFKD", s or "")
    return "".join(c for c in s if c.isalnum()).casefold()


def norm(s):
    s = unicodedata.normalize("NFC", s or "")
    s = s.replace("{", "").replace("}", "")
    return " ".join(s.split())


_PCT = {}


def percent_commented(key, text):
    keys = _PCT.get(id(text))
    if keys is None:
        pat = re.compile(r"^[ \t]*%[^\n]*@\s*\w+\s*[{(]\s*([^\s,]+)\s*,", re.M)
        keys = _PCT[id(text)] = {m.group(1) for m in pat.finditer(text)}
    return key in keys


def is_subsequence(short, long):
    it = iter(long)
    return all(ch in it for ch in short)


def year_of(s):
    m = re.fullmatch(r"\s*\{?\s*(-?\d{1,4})\s*\}?\s*", s or "")
    return int(m.group(1)) if m else None


# --- citelint -------------------------------------------------------------------------------


def citelint_records(binary, path):
    out = subprocess.run([binary, "inspect", "--isolated", path], capture_output=True, timeout=120)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"citelint inspect exited {out.returncode} on {path}: {out.stderr[:300]!r}")
    recs = []
    for r in json.loads(out.stdout):
        f = r.get("fields", {})
        authors = f.get("author")
        issued = f.get("issued") or {}
        recs.append(
            {
                "key": r.get("key"),
                "type": r.get("type"),
                "title": f.get("title") if isinstance(f.get("title"), str) else None,
                "invalid": {k for k, v in f.items() if isinstance(v, dict) and "invalid" in v},
                "authors": [a.get("family") for a in authors] if isinstance(authors, list) else None,
                "year": issued.get("year") if isinstance(issued, dict) else None,
                "line": r.get("line"),
            }
        )
    return recs


# --- bibtexparser ---------------------------------------------------------------------------


def bp_records(path):
    import bibtexparser
    from bibtexparser.middlewares.names import SeparateCoAuthors, SplitNameParts
    from pylatexenc.latex2text import LatexNodes2Text

    l2t = LatexNodes2Text(math_mode="text", keep_comments=False, strict_latex_spaces=False)
    with open(path, encoding="utf-8", errors="replace") as fh:
        text = fh.read()
    lib = bibtexparser.parse_string(text)
    failed = []
    for b in lib.failed_blocks:
        key = getattr(b, "key", None)
        if key is None:
            ignored = getattr(b, "ignore_error_block", None)
            key = getattr(ignored, "key", None)
        failed.append((type(b).__name__, key, getattr(b, "start_line", None), getattr(b, "raw", "") or ""))
    recs = []
    for e in lib.entries:
        fields = {f.key.lower(): f.value for f in e.fields}
        title = fields.get("title")
        dec_title = None
        if isinstance(title, str):
            try:
                dec_title = l2t.latex_to_text(title)
            except Exception:  # noqa: BLE001 - pylatexenc on odd input
                dec_title = title
        authors = None
        if isinstance(fields.get("author"), str):
            one = bibtexparser.Library([_entry_with(e, "author", fields["author"])])
            try:
                one = SeparateCoAuthors().transform(one)
                one = SplitNameParts().transform(one)
                value = one.entries[0]["author"]
            except Exception:  # noqa: BLE001 - bibtexparser's name splitter crashes on some names
                value = None
            authors = None if value is None else []
            for n in value or []:
                fam = " ".join(getattr(n, "last", []) or [])
                try:
                    fam = l2t.latex_to_text(fam)
                except Exception:  # noqa: BLE001
                    pass
                authors.append(fam)
        year = fields.get("year") if isinstance(fields.get("year"), str) else None
        recs.append(
            {
                "key": e.key,
                "type": e.entry_type.lower(),
                "title": dec_title,
                "raw_title": title,
                "authors": authors,
                "raw_authors": fields.get("author"),
                "year": year,
                "date": fields.get("date"),
                "line": e.start_line + 1 if e.start_line is not None else None,
            }
        )
    return recs, failed, text


def _entry_with(e, name, value):
    from bibtexparser.model import Entry, Field

    return Entry(e.entry_type, e.key, [Field(name, value)])


# --- biber ----------------------------------------------------------------------------------


def biber_records(path):
    """Entries as biber read them, from `biber --tool --output-format=biblatexml`."""
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "in.bib")
        shutil.copyfile(path, src)
        out = os.path.join(tmp, "out.bltxml")
        r = subprocess.run(
            ["biber", "--tool", "--quiet", "--output-format=biblatexml", "--output-file", out, src],
            capture_output=True,
            timeout=600,
            cwd=tmp,
        )
        if not os.path.exists(out):
            return None
        ns = {"bltx": "http://biblatex-biber.sourceforge.net/biblatexml"}
        try:
            root = ET.parse(out).getroot()
        except ET.ParseError:
            return None
    recs = []
    for e in root.findall("bltx:entry", ns):
        title = e.find("bltx:title", ns)
        fams = None
        names = e.find("bltx:names[@type='author']", ns)
        if names is not None:
            fams = []
            for n in names.findall("bltx:name", ns):
                fam = n.find("bltx:namepart[@type='family']", ns)
                fams.append("".join(fam.itertext()) if fam is not None else "")
            if names.get("morenames") == "1":
                fams.append("others")
        year = None
        d = e.find("bltx:date", ns)
        if d is not None:
            m = re.match(r"-?\d+", "".join(d.itertext()).strip())
            year = int(m.group(0)) if m else None
            start = d.find("bltx:start", ns)
            if start is not None:
                m = re.match(r"-?\d+", "".join(start.itertext()).strip())
                year = int(m.group(0)) if m else year
        recs.append(
            {
                "key": e.get("id"),
                "title": "".join(title.itertext()) if title is not None else None,
                "authors": fams,
                "year": year,
            }
        )
    _ = r
    return recs


# --- comparison -----------------------------------------------------------------------------


def classify_key(key, side, text, failed_keys, failed_raw):
    """Why `key` is only on one `side` ('citelint' or 'bibtexparser')."""
    if side == "citelint":
        if key in failed_keys or (failed_raw and re.search(r"[{(]\s*" + re.escape(key) + r"[\s,]", failed_raw)):
            return "key.bp-failed-block"
        return "key.cl-only"
    # bibtexparser only.
    pat = re.compile(r"@\s*\w+\s*[{(]\s*" + re.escape(key) + r"\s*,")
    for m in pat.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()]
        if "%" in before:
            return "key.bp-commented-entry"
        if re.search(r"@\s*comment\s*[{(][^@]*$", text[max(0, m.start() - 2000) : m.start()], re.I):
            return "key.bp-commented-entry"
    return "key.bp-only"


def compare_file(path, cl, bp, failed, text, counts, examples):
    def note(cls, detail):
        counts[cls] += 1
        if len(examples[cls]) < 4:
            examples[cls].append(f"{os.path.basename(path)}: {detail}")
        if DUMP is not None:
            DUMP.write(f"{cls}\t{os.path.basename(path)}\t{detail}\n")

    cl_keys = collections.Counter(r["key"] for r in cl if r["key"])
    for r in bp:
        if not r["key"]:
            note("key.empty", f"line {r['line']}")
    bp_keys = collections.Counter(r["key"] for r in bp if r["key"])
    failed_keys = collections.Counter(k for _, k, _, _ in failed if k)
    failed_raw = "\n".join(raw for _, _, _, raw in failed)
    for key in set(cl_keys) | set(bp_keys):
        c, b = cl_keys.get(key, 0), bp_keys.get(key, 0) + failed_keys.get(key, 0)
        if c == bp_keys.get(key, 0) or (c == b and c > 0):
            if c > 1:
                note("key.duplicate", key)
            continue
        if percent_commented(key, text):
            note("entry.percent-commented", key)
        elif c > 0 and bp_keys.get(key, 0) > 0:
            note("key.duplicate", f"{key} citelint {c}, bibtexparser {bp_keys[key]}+{failed_keys.get(key, 0)} failed")
        elif c > 0:
            note(classify_key(key, "citelint", text, failed_keys, failed_raw), key)
        else:
            note(classify_key(key, "bibtexparser", text, failed_keys, None), key)
    first_cl = {}
    for r in cl:
        first_cl.setdefault(r["key"], r)
    for b in bp:
        c = first_cl.get(b["key"])
        if c is None:
            continue
        counts["entries.compared"] += 1
        special = None
        if percent_commented(b["key"], text):
            special = "entry.percent-commented"
        elif b["line"] and re.search(r"\\[{}]", "".join(text.splitlines(True)[b["line"] - 1 : b["line"] + 30])):
            special = "entry.escaped-brace"
        if special:
            same = (
                (c["title"] is None and b["title"] is None or norm(c["title"] or "") == norm(b["title"] or ""))
                and [fold(x) for x in c["authors"] or []] == [fold(x) for x in b["authors"] or []]
                and c["year"] == year_of(b["year"] or "")
            )
            if not same:
                note(special, b["key"])
                continue
        # Title.
        if c["title"] is not None or b["title"] is not None:
            if b["title"] is None:
                note("title.missing-bp", b["key"])
            elif c["title"] is None and "title" in c["invalid"]:
                note("title.undefined-macro", f"{b['key']}: {b['raw_title']!r}")
            elif c["title"] is None:
                note("title.missing-cl", f"{b['key']}: {b['raw_title']!r}")
            elif norm(c["title"]) == norm(b["title"]):
                counts["title.same"] += 1
            elif fold(c["title"]) == fold(b["title"]):
                note("title.decoding", f"{b['key']}: {c['title']!r} / {b['title']!r}")
            elif re.search(r"#|^\s*[A-Za-z_]", b["raw_title"] or "") and not (b["raw_title"] or "").lstrip().startswith(("{", '"')) and fold(c["title"]) != fold(b["raw_title"]):
                note("title.bp-unresolved-macro", f"{b['key']}: {b['raw_title']!r}")
            elif is_subsequence(fold(b["title"]), fold(c["title"])) and "\\" in (b["raw_title"] or ""):
                note("title.bp-drops-command", f"{b['key']}: citelint {c['title']!r} / bibtexparser {b['title']!r} raw {b['raw_title']!r}")
            elif is_subsequence(fold(c["title"]), fold(b["title"])) and "\\" in (b["raw_title"] or ""):
                note("title.cl-drops-command", f"{b['key']}: citelint {c['title']!r} / bibtexparser {b['title']!r} raw {b['raw_title']!r}")
            else:
                note("title.differs", f"{b['key']}: citelint {c['title']!r} / bibtexparser {b['title']!r} raw {b['raw_title']!r}")
        # Authors.
        ca, ba = c["authors"], b["authors"]
        if ca is not None or ba is not None:
            if ca is None and "author" in c["invalid"]:
                note("author.undefined-macro", f"{b['key']}: {b['raw_authors']!r}")
            elif ba is None and b["raw_authors"] is not None:
                note("author.bp-crashed", f"{b['key']}: {b['raw_authors']!r}")
            elif ca is None or ba is None:
                note("author.missing-" + ("cl" if ca is None else "bp"), b["key"])
            elif [norm(x) for x in ca] == [norm(x) for x in ba]:
                counts["author.same"] += 1
            elif [fold(x) for x in ca] == [fold(x) for x in ba]:
                note("author.decoding", f"{b['key']}: {ca} / {ba}")
            elif len(ca) == len(ba) and ca[-1:] == ["others"] and [fold(x) for x in ca[:-1]] == [fold(x) for x in ba[:-1]]:
                note("author.others", b["key"])
            elif "#" in (b["raw_authors"] or ""):
                note("author.undefined-macro", f"{b['key']}: {b['raw_authors']!r}")
            elif re.search(r"\band\s+and\b|\band\s*$", b["raw_authors"] or ""):
                note("author.empty-name", f"{b['key']}: {b['raw_authors']!r}")
            elif re.search(r"[-~]", b["raw_authors"] or "") and is_subsequence(fold("".join(ca)), fold("".join(ba))):
                note("author.bibtex-token-split", f"{b['key']}: citelint {ca} / bibtexparser {ba} raw {b['raw_authors']!r}")
            elif "{" in (b["raw_authors"] or ""):
                note("author.bp-braced-split", f"{b['key']}: citelint {ca} / bibtexparser {ba} raw {b['raw_authors']!r}")
            else:
                note("author.differs", f"{b['key']}: citelint {ca} / bibtexparser {ba} raw {b['raw_authors']!r}")
        # Year.
        by = year_of(b["year"]) if b["year"] is not None else None
        if b["date"] is not None and c["year"] is not None:
            m = re.match(r"\s*\{?\s*(-?\d{4})", b["date"])
            if m and int(m.group(1)) == c["year"]:
                counts["year.same"] += 1
                if by is not None and by != c["year"]:
                    note("year.date-field", b["key"])
                continue
        if b["year"] is None and c["year"] is None:
            continue
        if by == c["year"]:
            counts["year.same"] += 1
        elif b["year"] is not None and by is None:
            note("year.bp-raw", f"{b['key']}: {b['year']!r} -> citelint {c['year']}")
        else:
            note("year.differs", f"{b['key']}: citelint {c['year']} / bibtexparser {b['year']!r}")


def compare_biber(path, cl, bb, counts, examples):
    def note(cls, detail):
        counts[cls] += 1
        if len(examples[cls]) < 4:
            examples[cls].append(f"{os.path.basename(path)}: {detail}")

    first_cl = {}
    for r in cl:
        first_cl.setdefault(r["key"], r)
    bb_keys = {r["key"] for r in bb}
    for key in set(first_cl) - bb_keys - {None}:
        note("biber.key.cl-only", key)
    for key in bb_keys - set(first_cl):
        note("biber.key.biber-only", key)
    for b in bb:
        c = first_cl.get(b["key"])
        if c is None:
            continue
        counts["biber.entries.compared"] += 1
        if c["title"] is not None and b["title"] is not None:
            if norm(c["title"]) == norm(b["title"]):
                counts["biber.title.same"] += 1
            elif fold(c["title"]) == fold(b["title"]):
                note("biber.title.decoding", f"{b['key']}: {c['title']!r} / {b['title']!r}")
            else:
                note("biber.title.differs", f"{b['key']}: {c['title']!r} / {b['title']!r}")
        if c["authors"] is not None and b["authors"] is not None:
            if [fold(x) for x in c["authors"]] == [fold(x) for x in b["authors"]]:
                counts["biber.author.same"] += 1
            else:
                note("biber.author.differs", f"{b['key']}: {c['authors']} / {b['authors']}")
        if c["year"] is not None and b["year"] is not None:
            if c["year"] == b["year"]:
                counts["biber.year.same"] += 1
            else:
                note("biber.year.differs", f"{b['key']}: {c['year']} / {b['year']}")


def main():
    ensure_bibtexparser()
    global DUMP
    for a in sys.argv:
        if a.startswith("--dump="):
            DUMP = open(a.split("=", 1)[1], "w", encoding="utf-8")
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    use_biber = "--biber" in sys.argv and shutil.which("biber")
    if len(args) != 2:
        sys.exit(__doc__)
    binary, corpus = args
    files = sorted(
        os.path.join(corpus, f) for f in os.listdir(corpus) if f.endswith(".bib")
    )
    counts = collections.Counter()
    examples = collections.defaultdict(list)
    t0 = time.time()
    for path in files:
        counts["files"] += 1
        cl = citelint_records(binary, path)
        try:
            bp, failed, text = bp_records(path)
        except Exception as err:  # noqa: BLE001 - a crash of the other tool is a finding too
            counts["bibtexparser.crashed"] += 1
            examples["bibtexparser.crashed"].append(f"{os.path.basename(path)}: {err!r:.200}")
            continue
        compare_file(path, cl, bp, failed, text, counts, examples)
        if use_biber:
            bb = biber_records(path)
            if bb is None:
                counts["biber.failed"] += 1
            else:
                compare_biber(path, cl, bb, counts, examples)
    unexplained = []
    for cls in sorted(counts):
        tag = ""
        if cls in EXPLAINED:
            tag = "  (explained)"
        elif cls.endswith(".same") or cls in ("files", "entries.compared", "biber.entries.compared"):
            tag = ""
        elif cls.startswith("biber.") or cls == "bibtexparser.crashed":
            tag = "  (informational)"
        else:
            tag = "  (UNEXPLAINED)"
            unexplained.append(cls)
        print(f"{counts[cls]:8d}  {cls}{tag}")
        for ex in examples.get(cls, []) if "-v" in sys.argv or tag.strip() in ("(UNEXPLAINED)", "(informational)") else []:
            print(f"            {ex[:300]}")
    print(f"{time.time() - t0:.1f} s, {len(files)} files")
    if unexplained:
        print("unexplained disagreement classes: " + ", ".join(unexplained))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
