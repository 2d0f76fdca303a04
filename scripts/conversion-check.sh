#!/usr/bin/env bash
# Cross-format agreement on real data (issue 6): takes BibTeX entries from the corpus, converts
# each as the ACL Anthology does (bibutils: `bib2xml -nt`, then `xml2end`, `xml2ris`), renders its
# ACL and Markdown citation lines (FORMATS §7.4-7.5) into an export-page bundle, lints
# every set with the CL5xx rules (unmodified sets: only real conversion damage should show),
# then injects each disagreement kind into each format and checks the right rule fires.
# Method and numbers: scripts/README.md.
#
# Usage: scripts/conversion-check.sh [CORPUS_BIB_DIR] [N]
#   CORPUS_BIB_DIR  default ../shared/corpus/bib (read only; nothing from it is committed)
#   N               number of entries (default 30)
# Needs: bibutils (apt-get install bibutils), python3, a built citelint (CITELINT=path or
# target/debug/citelint). Prints a summary: recall, false positives, conversion damage kinds.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$here/../shared/corpus/bib}"
n="${2:-30}"
citelint="${CITELINT:-${CARGO_TARGET_DIR:-$here/target}/debug/citelint}"
for tool in bib2xml xml2end xml2ris python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install bibutils)" >&2; exit 2; }
done
[ -x "$citelint" ] || { echo "build citelint first (cargo build)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "no corpus at $corpus: nothing to check" >&2; exit 0; }
work="$(mktemp -d)"
[ -n "${KEEP:-}" ] && echo "keeping $work" >&2 || trap 'rm -rf "$work"' EXIT
exec python3 - "$corpus" "$n" "$citelint" "$work" <<'PY'
import json, os, re, subprocess, sys
from collections import Counter, defaultdict

corpus, n, citelint, work = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]

def entries(text):
    """(type, key, body) of each @type{key, ...} entry, by brace counting."""
    for m in re.finditer(r'@(\w+)\s*\{\s*([^,\s]+)\s*,', text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            depth += {'{': 1, '}': -1}.get(text[i], 0)
            i += 1
        if depth == 0:
            yield m.group(1).lower(), m.group(2), text[m.start():i]

def field(body, name):
    m = re.search(r'(?im)^\s*' + name + r'\s*=\s*[{"](.*?)[}"]\s*,?\s*$', body)
    return m.group(1) if m else None

def usable(kind, body):
    if kind not in ('inproceedings', 'article') or re.search(r'(?i)\bcrossref\s*=', body):
        return False
    # One field per line, values braced or quoted (no @string macros other than months).
    if re.search(r'(?im)^\s*(?!month)\w+\s*=\s*[A-Za-z]', body):
        return False
    need = ['author', 'title', 'year', 'pages', 'journal' if kind == 'article' else 'booktitle']
    if any(field(body, f) is None for f in need):
        return False
    return bool(re.fullmatch(r'\d{4}', field(body, 'year') or '')) and \
        bool(re.fullmatch(r'\d+\s*-{1,2}\s*\d+', field(body, 'pages') or '')) and \
        ' and ' in (field(body, 'author') or '') and body.count('\n') > 4

picked, per_file = [], Counter()
for name in sorted(os.listdir(corpus)):
    if not name.endswith('.bib'):
        continue
    try:
        text = open(os.path.join(corpus, name), encoding='utf-8').read()
    except (UnicodeDecodeError, OSError):
        continue
    for kind, key, body in entries(text):
        if len(picked) >= n or per_file[name] >= 2:
            break
        if usable(kind, body) and re.fullmatch(r'[\w:.-]+', key):
            picked.append((name, key, body))
            per_file[name] += 1

def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)

def lint(d):
    files = sorted(os.path.join(d, f) for f in os.listdir(d))
    out = run([citelint, '--isolated', '--select', 'CL5', '--output-format', 'json', *files]).stdout
    return json.loads(out or '[]')

FMTS = ['bib', 'xml', 'enw', 'ris', 'acl', 'md']
LABEL = {'bib': 'BibTeX', 'xml': 'MODS', 'enw': 'EndNote', 'ris': 'RIS', 'acl': 'acl-text', 'md': 'markdown'}

def decoded(body):
    """The entry's values as citelint reads them (TeX decoded), from `citelint inspect`."""
    out = run([citelint, 'inspect', '--isolated', '--stdin-filename', 'e.bib', '-'], input=body).stdout
    recs = json.loads(out or '[]')
    return recs[0] if recs else None

def person(p, last_only=False):
    if isinstance(p, str):
        return p
    last = ' '.join(x for x in (p.get('particle'), p.get('family')) if x)
    if last_only:
        return last
    return ' '.join(x for x in (p.get('given'), last, p.get('suffix')) if x)

def acl_names(names):
    n = [person(p) for p in names]
    if len(n) <= 2:
        return ' and '.join(n)
    return ', '.join(n[:-1]) + ', and ' + n[-1]

def pages_text(pages):
    if not pages or not pages.get('start'):
        return None
    return pages['start'] + ('\u2013' + pages['end'] if pages.get('end') else '')

def render_acl(kind, f):
    """FORMATS §7.4, text form (HTML tags removed)."""
    head = f"{acl_names(f['author'])}. {f['issued']['year']}. {f['title']}."
    parts, pages = [], pages_text(f.get('pages'))
    if kind == 'inproceedings':
        parent = f"In {f['container_title']}"
        if pages:
            parent += (', pages ' if '\u2013' in pages else ', page ') + pages
        if f.get('place'):
            parent += ', ' + f['place']
        if f.get('publisher'):
            parent += '. ' + f['publisher']
    else:
        parent = f['container_title']
        if f.get('volume'):
            parent += ', ' + f['volume'] + (f"({f['issue']})" if f.get('issue') else '') + (':' + pages if pages else '')
        elif pages:
            parent += ', ' + pages
    return f'{head} {parent}.'

def acronym(container):
    """A venue acronym from the container title: `(EMNLP)`, an upper-case word, or its first word."""
    m = re.findall(r'\(([A-Z][A-Za-z&-]*[A-Z])(?:[- ]?\'?\d{2,4})?\)', container)
    if m:
        return m[-1]
    m = re.findall(r'\b([A-Z][A-Z&-]*[A-Z])\b', container)
    if m:
        return m[0]
    return container.split()[0] if container.split() else 'WS'

def md_names(names):
    n = [person(p, last_only=True) for p in names]
    return n[0] if len(n) == 1 else f'{n[0]} & {n[1]}' if len(n) == 2 else f'{n[0]} et al.'

def render_md(f, names=None):
    """FORMATS §7.5; None without a URL (the Anthology's is its own page; a corpus entry may have none)."""
    if not f.get('url') or not f['url'].split():
        return None
    f = {**f, 'url': f['url'].split()[0]}  # some entries hold several URLs
    names = md_names(f['author']) if names is None else names
    return f"[{f['title']}]({f['url']}) ({names}, {acronym(f['container_title'])} {f['issued']['year']})"

def clean(text):
    return text.replace('\ufeff', '')

def write_set(d, seg):
    """The Anthology's export page (BibTeX, MODS XML, EndNote, Markdown, ACL) as one bundle
    `page.txt`, and the RIS beside it (grouped by key). Returns line ranges of the segments."""
    lines, parts, line = {}, [], 1
    def add(fmt, text, heading=None):
        nonlocal line
        if heading:
            parts.append(heading + '\n')
            line += 1
        text = text.strip('\n') + '\n'
        lines[fmt] = (line, line + text.count('\n') - 1)
        parts.append(text + '\n')
        line += text.count('\n') + 1
    add('bib', seg['bib'])
    add('xml', seg['xml'])
    add('enw', seg['enw'])
    if seg.get('md'):
        add('md', seg['md'], 'Markdown (Informal)')
    if seg.get('acl'):
        add('acl', '- ' + seg['acl'], 'ACL')
    open(os.path.join(d, 'page.txt'), 'w').write(''.join(parts))
    open(os.path.join(d, 'e.ris'), 'w').write(seg['ris'])
    return lines

def segment_of(x, lines):
    if x['file'].endswith('.ris'):
        return 'ris'
    return next((f for f, (a, b) in lines.items() if a <= (x.get('line') or 0) <= b), '?')

def lint(d, lines):
    out = run([citelint, '--isolated', '--select', 'CL5', '--output-format', 'json', 'page.txt', 'e.ris'], cwd=d).stdout
    diags = json.loads(out or '[]')
    for x in diags:
        x['seg'] = segment_of(x, lines)
    return diags

sets, no_md, unrendered = [], 0, []
for i, (src, key, body) in enumerate(picked):
    d = os.path.join(work, f'set{i:03}')
    os.makedirs(d)
    bib = os.path.join(d, 'e.bib')
    open(bib, 'w').write(body + '\n')
    xml = clean(run(['bib2xml', '-nt', bib]).stdout)
    open(os.path.join(d, 'e.xml'), 'w').write(xml)
    seg = {'bib': body, 'xml': xml,
           'enw': clean(run(['xml2end', os.path.join(d, 'e.xml')]).stdout),
           'ris': clean(run(['xml2ris', os.path.join(d, 'e.xml')]).stdout)}
    os.remove(bib)
    os.remove(os.path.join(d, 'e.xml'))
    rec = decoded(body)
    kind = rec['type'] if rec else None
    f = rec['fields'] if rec else {}
    try:
        seg['acl'] = render_acl(kind, f)
        seg['md'] = render_md(f)
    except (KeyError, TypeError) as e:
        unrendered.append(f'{src}#{key}: {e!r}')
        f = None
    no_md += seg.get('md') is None
    sets.append((d, src, key, kind, f, seg))

# 1. Unmodified sets.
baseline, damage = {}, defaultdict(list)
for d, src, key, kind, f, seg in sets:
    diags = lint(d, write_set(d, seg))
    baseline[d] = {(x['code'], x['seg'], x['message']) for x in diags}
    for x in diags:
        damage[x['code']].append(f"{src}#{key}: {LABEL[x['seg']] if x['seg'] in LABEL else x['seg']}: {x['message']}")

# 2. Injected disagreements, one at a time: every kind into every format that carries it.
def sub(text, pattern, repl, flags=re.M):
    new, k = re.subn(pattern, repl, text, count=1, flags=flags)
    return new if k else None

def bump(m):
    return m.group(1) + str(int(m.group(2)) + 1)

def inject(kind, fmt, text):
    if kind == 'year':
        pats = {'bib': r'(?im)^(\s*year\s*=\s*[{"]?)(\d{4})', 'xml': None, 'enw': r'^(%D )(\d{4})', 'ris': None}
        if fmt == 'xml':
            return re.sub(r'(<(?:dateIssued|date)>)(\d{4})', lambda m: m.group(1) + str(int(m.group(2)) - 1), text) if '<dateIssued>' in text or '<date>' in text else None
        if fmt == 'ris':
            t = re.sub(r'^((?:PY|Y1|DA)  - )(\d{4})', lambda m: m.group(1) + str(int(m.group(2)) - 1), text, flags=re.M)
            return t if t != text else None
        return sub(text, pats[fmt], lambda m: m.group(1) + str(int(m.group(2)) - 1), re.M | re.I)
    if kind == 'pages':
        pats = {'bib': r'(?im)^(\s*pages\s*=\s*[{"]\s*\d+\s*-{1,2}\s*)(\d+)', 'xml': r'(<end>)(\d+)', 'enw': r'^(%P \d+-)(\d+)', 'ris': r'^(EP  - )(\d+)'}
        return sub(text, pats[fmt], bump, re.M | re.I)
    if kind in ('title', 'container'):
        if fmt == 'xml':
            titles = list(re.finditer(r'<title>([^<]*)</title>', text))
            t = titles[0] if kind == 'title' else next((x for x in titles[1:]), None)
            return None if t is None else text[:t.end(1)] + ' Revisited' + text[t.end(1):]
        pats = {('title', 'bib'): r'(?im)^(\s*title\s*=\s*[{"].*?)([}"]\s*,?\s*)$',
                ('container', 'bib'): r'(?im)^(\s*(?:booktitle|journal)\s*=\s*[{"].*?)([}"]\s*,?\s*)$',
                ('title', 'enw'): r'^(%T .*?)()$', ('container', 'enw'): r'^(%[BJS] .*?)()$',
                ('title', 'ris'): r'^((?:TI|T1)  - .*?)()$', ('container', 'ris'): r'^((?:BT|T2|JO|JF)  - .*?)()$'}
        return sub(text, pats[(kind, fmt)], lambda m: m.group(1) + ' Revisited' + m.group(2), re.M | re.I)
    if kind == 'doi':
        pats = {'bib': r'(?im)^(\s*doi\s*=\s*[{"][^}"]*?)(\w)([}"])', 'xml': r'(<identifier type="doi">[^<]*?)(\w)(<)',
                'enw': r'^(%R .*?)(\w)()$', 'ris': r'^(DO  - .*?)(\w)()$'}
        return sub(text, pats[fmt], lambda m: m.group(1) + ('9' if m.group(2) != '9' else '8') + m.group(3), re.M | re.I)
    if kind == 'pages-drop':
        pats = {'bib': r'(?im)^\s*pages\s*=.*\n', 'xml': r'<extent unit="page">.*?</extent>\s*',
                'enw': r'^%P .*\n', 'ris': r'^(?:SP|EP)  - .*\n(?:(?:SP|EP)  - .*\n)?'}
        return sub(text, pats[fmt], '', re.M | re.S if fmt == 'xml' else re.M | re.I)
    if kind in ('author-drop', 'author-swap'):
        if fmt == 'bib':
            m = re.search(r'(?im)^(\s*author\s*=\s*[{"])(.*?)([}"]\s*,?\s*)$', text)
            if not m:
                return None
            names = re.split(r'\s+and\s+', m.group(2))
            if kind == 'author-drop':
                names = names[:-1]
            else:
                names[0], names[1] = names[1], names[0]
            return text[:m.start(2)] + ' and '.join(names) + text[m.end(2):]
        if fmt == 'xml':
            blocks = [b for b in re.finditer(r'<name type="personal">.*?</name>\n', text, re.S) if '>author<' in b.group(0)]
            if len(blocks) < 2:
                return None
            if kind == 'author-drop':
                b = blocks[-1]
                return text[:b.start()] + text[b.end():]
            a, b = blocks[0], blocks[1]
            return text[:a.start()] + b.group(0) + text[a.end():b.start()] + a.group(0) + text[b.end():]
        tag = '%A ' if fmt == 'enw' else 'AU  - '
        lines = text.split('\n')
        idx = [i for i, l in enumerate(lines) if l.startswith(tag)]
        if len(idx) < 2:
            return None
        if kind == 'author-drop':
            del lines[idx[-1]]
        else:
            lines[idx[0]], lines[idx[1]] = lines[idx[1]], lines[idx[0]]
        return '\n'.join(lines)

def inject_line(kind, fmt, rec_kind, f):
    """A disagreement in a citation line: the line re-rendered from changed values."""
    import copy
    g = copy.deepcopy(f)
    names = None
    if kind == 'year':
        g['issued']['year'] -= 1
    elif kind == 'title':
        g['title'] += ' Revisited'
    elif kind == 'container':
        g['container_title'] += ' Revisited'
    elif kind == 'pages':
        p = g.get('pages') or {}
        if not (p.get('end') or '').isdigit():
            return None
        p['end'] = str(int(p['end']) + 1)
    elif kind in ('author-swap', 'author-drop'):
        if len(g['author']) < 2:
            return None
        if kind == 'author-drop':
            g['author'] = g['author'][:-1]
        else:
            g['author'][0], g['author'][1] = g['author'][1], g['author'][0]
    elif kind == 'et-al':
        n = [person(p, last_only=True) for p in g['author']]
        names = f'{n[0]} & {n[1]}' if len(n) >= 3 else f'{n[0]} et al.'
    return render_acl(rec_kind, g) if fmt == 'acl' else render_md(g, names)

EXPECT = {'year': 'CL505', 'pages': 'CL506', 'title': 'CL501', 'container': 'CL507',
          'author-drop': 'CL502', 'author-swap': 'CL503', 'doi': 'CL509', 'pages-drop': 'CL510', 'et-al': 'CL511'}
# What each format's injections are (a citation line carries fewer fields: FORMATS §8).
KINDS = {fmt: ['year', 'pages', 'title', 'container', 'author-drop', 'author-swap', 'doi', 'pages-drop']
         for fmt in ('bib', 'xml', 'enw', 'ris')}
KINDS['acl'] = ['year', 'pages', 'title', 'container', 'author-drop', 'author-swap']
KINDS['md'] = ['year', 'title', 'et-al']
injected, found, skipped = Counter(), Counter(), Counter()
misses, other_rules = [], []
for d, src, key, rec_kind, f, seg in sets:
    for fmt in FMTS:
        for kind in KINDS[fmt]:
            if fmt in ('acl', 'md'):
                new = inject_line(kind, fmt, rec_kind, f) if f and seg.get(fmt) else None
            else:
                new = inject(kind, fmt, seg[fmt])
            if new is None or new == seg[fmt]:
                skipped[fmt] += 1
                continue
            lines = write_set(d, {**seg, fmt: new})
            injected[(fmt, kind)] += 1
            new_diags = [x for x in lint(d, lines) if (x['code'], x['seg'], x['message']) not in baseline[d]]
            other_rules += [f"{src}#{key}: {kind} in {LABEL[fmt]}: also {x['code']} in {LABEL.get(x['seg'], x['seg'])}: {x['message']}"
                            for x in new_diags if x['code'] != EXPECT[kind]]
            if any(x['code'] == EXPECT[kind] and x['seg'] == fmt for x in new_diags):
                found[(fmt, kind)] += 1
            else:
                got = ', '.join(f"{x['code']} in {LABEL.get(x['seg'], x['seg'])}" for x in new_diags) or 'nothing'
                misses.append(f'{src}#{key}: {kind} in {LABEL[fmt]}: expected {EXPECT[kind]}, got {got}')
    write_set(d, seg)

clean_sets = sum(1 for d, *_ in sets if not baseline[d])
print(f'sets: {len(sets)} (BibTeX -> bib2xml -nt -> xml2end, xml2ris; ACL and Markdown lines rendered by FORMATS §7.4-7.5;'
      f' bundle page.txt + e.ris); {no_md} without url (no Markdown line); not rendered: {len(unrendered)}')
for u in unrendered:
    print(f'  not rendered: {u}')
print(f'clean unmodified sets: {clean_sets}/{len(sets)}; mismatches on unmodified sets: {sum(len(v) for v in damage.values())}')
for code, items in sorted(damage.items()):
    print(f'  {code}: {len(items)}')
    for it in items:
        print(f'    {it}')
total_i, total_f = sum(injected.values()), sum(found.values())
print(f'recall: {total_f}/{total_i} injected disagreements found by the right rule in the right segment')
for fmt in FMTS:
    i = sum(v for (fm, _), v in injected.items() if fm == fmt)
    k = sum(v for (fm, _), v in found.items() if fm == fmt)
    detail = ', '.join(f'{kind} {found[(fmt, kind)]}/{injected[(fmt, kind)]}' for kind in KINDS[fmt] if injected[(fmt, kind)])
    print(f'  {LABEL[fmt]}: {k}/{i} ({skipped[fmt]} not injectable): {detail}')
for m in misses:
    print(f'  missed: {m}')
print(f'other rules firing on injected sets: {len(other_rules)}')
for o in other_rules:
    print(f'  {o}')
PY
