#!/usr/bin/env python3
"""Converts a generated BibTeX corpus into MODS, RIS, EndNote Refer and CSL-JSON corpora.

Usage: benches/gen_formats.py CORPUS.bib OUT_PREFIX SIZE_MB

Writes OUT_PREFIX.xml (MODS), .ris, .enw (Refer) and .json (CSL-JSON), each cut at a record
boundary once it reaches SIZE_MB MiB (or holding every record, if the corpus gives fewer bytes).
MODS comes from bibutils (`bib2xml -nt`, kept as OUT_PREFIX.full.xml), RIS and Refer from the
full MODS (`xml2ris`, `xml2end`), and CSL-JSON from the full MODS by the converter below (id,
type, title, author, issued, container-title, page, volume, DOI, ISBN, publisher). Everything is
deterministic: the same corpus gives the same bytes.
"""
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.loc.gov/mods/v3}"
MODS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<modsCollection xmlns="http://www.loc.gov/mods/v3">\n'
MODS_TAIL = "</modsCollection>\n"


def run(tool, src, dst):
    """`tool src > dst` (bibutils write their warnings to stderr: dropped)."""
    with open(dst + ".tmp", "wb") as out:
        subprocess.run([tool, *([] if tool != "bib2xml" else ["-nt"]), src], stdout=out,
                       stderr=subprocess.DEVNULL, check=True)
    os.replace(dst + ".tmp", dst)


def take(records, limit, head="", tail="", sep=""):
    """head + as many records as reach `limit` bytes (at least one) + tail."""
    out, size = [], len(head.encode()) + len(tail.encode())
    for rec in records:
        if size >= limit:
            break
        out.append(rec)
        size += len(rec.encode()) + len(sep.encode())
    return head + sep.join(out) + tail, len(out)


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def split(text, pattern):
    """Records of a bibutils output: `pattern` (a regex) matches the start of each."""
    text = text.lstrip("\ufeff")
    starts = [m.start() for m in re.finditer(pattern, text, re.M)]
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def csl_type(own, host):
    if "journal article" in own:
        return "article-journal"
    if "thesis" in own:
        return "thesis"
    if "technical report" in own:
        return "report"
    if "book" in own:
        return "book"
    if "collection" in host:
        return "chapter"
    if "conference publication" in own or "conference publication" in host:
        return "paper-conference" if host else "book"
    return "document"


def date_parts(text):
    parts = [int(p) for p in re.findall(r"\d+", text or "")[:3]]
    return {"date-parts": [parts]} if parts else None


def csl_record(mods):
    """One MODS record (an ElementTree element) as a CSL-JSON item."""
    def first(elem, path):
        found = elem.find(path) if elem is not None else None
        return found.text.strip() if found is not None and found.text else None

    host = mods.find(f"{NS}relatedItem[@type='host']")
    own_genres = [g.text or "" for g in mods.findall(f"{NS}genre")]
    host_genres = [g.text or "" for g in host.findall(f"{NS}genre")] if host is not None else []
    item = {"id": mods.get("ID"), "type": csl_type(own_genres, host_genres)}
    title = first(mods, f"{NS}titleInfo/{NS}title")
    if title:
        item["title"] = title
    authors = []
    for name in mods.findall(f"{NS}name[@type='personal']"):
        family = first(name, f"{NS}namePart[@type='family']")
        given = first(name, f"{NS}namePart[@type='given']")
        if family:
            authors.append({"family": family, "given": given} if given else {"family": family})
    if authors:
        item["author"] = authors
    issued = date_parts(first(mods, f"{NS}originInfo/{NS}dateIssued") or first(mods, f"{NS}part/{NS}date")
                        or first(host, f"{NS}originInfo/{NS}dateIssued"))
    if issued:
        item["issued"] = issued
    container = first(host, f"{NS}titleInfo/{NS}title")
    if container:
        item["container-title"] = container
    start, end = first(mods, f"{NS}part/{NS}extent/{NS}start"), first(mods, f"{NS}part/{NS}extent/{NS}end")
    if start:
        item["page"] = f"{start}-{end}" if end else start
    volume = first(mods, f"{NS}part/{NS}detail[@type='volume']/{NS}number")
    if volume:
        item["volume"] = volume
    doi = first(mods, f"{NS}identifier[@type='doi']")
    if doi:
        item["DOI"] = doi
    isbn = first(mods, f"{NS}identifier[@type='isbn']") or first(host, f"{NS}identifier[@type='isbn']")
    if isbn:
        item["ISBN"] = isbn
    publisher = first(mods, f"{NS}originInfo/{NS}publisher") or first(host, f"{NS}originInfo/{NS}publisher")
    if publisher:
        item["publisher"] = publisher
    return item


def csl_items(path):
    """The records of a MODS collection as CSL-JSON text, one item at a time."""
    depth = 0
    for event, elem in ET.iterparse(path, events=("start", "end")):
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 1 and elem.tag == f"{NS}mods":
            yield "  " + json.dumps(csl_record(elem), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            elem.clear()


def main():
    corpus, prefix, size_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
    limit = int(size_mb * 1024 * 1024)
    full = prefix + ".full.xml"
    if not os.path.exists(full):
        run("bib2xml", corpus, full)
    with open(full, encoding="utf-8-sig") as f:
        mods_records = split(f.read(), r"^<mods[ >]")
    # The last record holds the collection's closing tag: drop it from the record.
    if mods_records:
        mods_records[-1] = mods_records[-1].replace(MODS_TAIL, "")
    text, n = take(mods_records, limit, MODS_HEAD, MODS_TAIL)
    write(prefix + ".xml", text)
    counts = {"mods": n}
    for tool, ext, pattern in (("xml2ris", ".ris", r"^TY  - "), ("xml2end", ".enw", r"^%0 ")):
        raw = prefix + ".full" + ext
        if not os.path.exists(raw):
            run(tool, full, raw)
        with open(raw, encoding="utf-8-sig") as f:
            text, n = take(split(f.read(), pattern), limit)
        write(prefix + ext, text)
        counts[ext[1:]] = n
    text, n = take(csl_items(full), limit, "[\n", "\n]\n", ",\n")
    write(prefix + ".json", text)
    counts["csl-json"] = n
    print(" ".join(f"{k}={v}" for k, v in counts.items()))


if __name__ == "__main__":
    main()
