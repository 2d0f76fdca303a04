#!/usr/bin/env python3
"""A seeded generator of realistic BibTeX corpora for benchmarks.

Usage: benches/gen_corpus.py SIZE_MB SEED [clean] > corpus.bib   (clean: no deliberate errors)

Entries are assembled from templates of our own making: varied entry types and fields,
`@string` tables and `#` concatenation, crossrefs to proceedings, TeX accents and braces,
long abstracts, ACL-style and Zotero-style formatting, and about one entry in 2,000 with an
error (an unclosed brace or a missing comma) so that recovery is exercised. The same size and
seed always give the same bytes.
"""
import random
import sys

FAMILY = ["Smith", "M{\\\"u}ller", "Garc{\\'\\i}a", "Nguyen", "van der Berg", "O'Neil", "Zhang", "Kowalski",
          "{\\O}stergaard", "Dubois", "de la Cruz", "Rossi", "Tanaka", "Ivanov", "Kim", "Sch{\\\"o}n", "Patel",
          "Brown", "Lef{\\`e}vre", "Silva", "Novak", "Jurafsky", "{\\v{S}}imon", "Andersson", "Okafor"]
GIVEN = ["Ann", "Bo", "Chen", "Dana", "Eve", "J.~R.", "Karl", "Li", "Maria", "N{\\'u}ria", "Omar", "P.", "Ravi",
         "Sofia", "Tom\\'a\\v{s}", "Uma", "Viviane P.", "Wei", "Xavier", "Yuki", "Zo{\\\"e}"]
WORDS = ("learning neural networks language models attention graph retrieval evaluation robust efficient "
         "transformers {BERT} multilingual parsing translation {LaTeX} corpus annotation bias fairness "
         "reasoning {GPU} training inference dialogue summarization speech vision {Bayesian} causal").split()
VENUES = [("acl", "Proceedings of the Annual Meeting of the {A}ssociation for {C}omputational {L}inguistics"),
          ("emnlp", "Proceedings of the Conference on Empirical Methods in Natural Language Processing"),
          ("neurips", "Advances in Neural Information Processing Systems"),
          ("icml", "Proceedings of the International Conference on Machine Learning")]
JOURNALS = ["Computational Linguistics", "Journal of Machine Learning Research", "Transactions of the ACL",
            "Nature Machine Intelligence", "Artificial Intelligence"]
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def title(r):
    words = [r.choice(WORDS) for _ in range(r.randint(4, 12))]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def authors(r, n=None):
    n = n or r.choice([1, 2, 2, 3, 3, 4, 5, 7, 12])
    names = [f"{r.choice(FAMILY)}, {r.choice(GIVEN)}" for _ in range(n)]
    sep = r.choice([" and ", " and\n      "])
    return sep.join(names) + (" and others" if r.random() < 0.03 else "")


def abstract(r):
    text = " ".join(r.choice(WORDS) for _ in range(r.randint(80, 220)))
    return text[:1].upper() + text[1:] + "."


def entry(r, i, crossref_keys, errors=True):
    kind = r.choices(["inproceedings", "article", "book", "incollection", "misc", "phdthesis", "techreport"],
                     [40, 30, 6, 6, 8, 5, 5])[0]
    year = r.randint(1970, 2026)
    slug = "".join(c for c in r.choice(FAMILY).split()[-1].lower() if c.isalpha())
    key = f"{slug}{year}{r.choice(WORDS).strip('{}').lower()}{i}"
    q = (lambda v: f'"{v}"') if r.random() < 0.5 else (lambda v: "{" + v + "}")
    fields = [("title", q(title(r))), ("author", q(authors(r)))]
    if kind == "inproceedings":
        venue, booktitle = r.choice(VENUES)
        if crossref_keys and r.random() < 0.1:
            fields.append(("crossref", "{" + r.choice(crossref_keys) + "}"))
        elif r.random() < 0.4:
            fields.append(("booktitle", f"{venue} # \" {year}\""))
        else:
            fields.append(("booktitle", q(booktitle)))
        fields.append(("publisher", "aclpub" if r.random() < 0.5 else q("Association for Computational Linguistics")))
    elif kind == "article":
        fields += [("journal", q(r.choice(JOURNALS))), ("volume", str(r.randint(1, 60))), ("number", str(r.randint(1, 12)))]
    elif kind in ("book", "incollection"):
        fields += [("publisher", q("Springer")), ("address", q("Berlin"))]
        if kind == "incollection":
            fields.append(("booktitle", q(title(r))))
        if r.random() < 0.5:
            fields.append(("isbn", q(r.choice(["978-3-16-148410-0", "0-306-40615-2", "979-8-89176-390-6"]))))
    elif kind == "phdthesis":
        fields.append(("school", q("University of " + r.choice(["Oslo", "Edinburgh", "Tokyo", "Lagos"]))))
    elif kind == "techreport":
        fields.append(("institution", q("Research Lab")))
    fields.append(("year", str(year) if r.random() < 0.6 else q(str(year))))
    if r.random() < 0.6:
        fields.append(("month", r.choice(MONTHS)))
    if r.random() < 0.8:
        a = r.randint(1, 19000)
        fields.append(("pages", q(f"{a}--{a + r.randint(1, 30)}")))
    if r.random() < 0.5:
        fields.append(("doi", q(f"10.{r.randint(1000, 99999)}/{key}")))
    if r.random() < 0.5:
        fields.append(("url", q(f"https://example.org/{key}/")))
    if r.random() < 0.3:
        fields.append(("abstract", q(abstract(r))))
    if r.random() < 0.2:
        fields.append(("keywords", q(", ".join(r.choice(WORDS) for _ in range(5)))))
    indent = r.choice(["  ", "    ", "\t"])
    body = ",\n".join(f"{indent}{name} = {value}" for name, value in fields)
    text = f"@{kind}{{{key},\n{body}\n}}\n\n"
    if errors and r.random() < 0.0005:
        text = text.replace("},\n", ",\n", 1)  # an unclosed brace
    elif errors and r.random() < 0.0005:
        text = text.replace(",\n", "\n", 1)  # a missing comma
    return text


def main():
    size = int(float(sys.argv[1]) * 1024 * 1024)
    r = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    errors = not (len(sys.argv) > 3 and sys.argv[3] == "clean")
    out = sys.stdout
    head = "".join(f"@string{{{v} = {{{b}}}}}\n" for v, b in VENUES)
    head += "@string{aclpub = {Association for Computational Linguistics}}\n\n"
    out.write(head)
    written = len(head)
    proceedings = []
    i = 0
    while written < size:
        if i % 500 == 0:
            pkey = f"proc{i}"
            proceedings.append(pkey)
            text = f"@proceedings{{{pkey},\n  title = {{{r.choice(VENUES)[1]}}},\n  year = {r.randint(1990, 2026)}\n}}\n\n"
        else:
            text = entry(r, i, proceedings, errors)
        out.write(text)
        written += len(text.encode())
        i += 1


if __name__ == "__main__":
    main()
