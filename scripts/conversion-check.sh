#!/usr/bin/env bash
# Cross-format agreement on real data (issue 6): takes BibTeX entries from the corpus, converts
# each as the ACL Anthology does (bibutils: `bib2xml -nt`, then `xml2end`, `xml2ris`), lints
# every set with the CL5xx rules (unmodified sets: only real conversion damage should show),
# then injects one disagreement per set into one format and checks the right rule fires.
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

FMTS = ['bib', 'xml', 'enw', 'ris']
sets = []
for i, (src, key, body) in enumerate(picked):
    d = os.path.join(work, f'set{i:02}')
    os.makedirs(d)
    bib = os.path.join(d, 'e.bib')
    open(bib, 'w').write(body + '\n')
    xml = run(['bib2xml', '-nt', bib]).stdout
    open(os.path.join(d, 'e.xml'), 'w').write(xml)
    open(os.path.join(d, 'e.enw'), 'w').write(run(['xml2end', os.path.join(d, 'e.xml')]).stdout)
    open(os.path.join(d, 'e.ris'), 'w').write(run(['xml2ris', os.path.join(d, 'e.xml')]).stdout)
    sets.append((d, src, key))

# 1. Unmodified sets.
baseline, damage = {}, defaultdict(list)
for d, src, key in sets:
    diags = lint(d)
    baseline[d] = {(x['code'], x['file'], x['message']) for x in diags}
    for x in diags:
        damage[x['code']].append(f"{src}#{key}: {os.path.basename(x['file'])}: {x['message']}")

# 2. One injected disagreement per set.
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

EXPECT = {'year': 'CL505', 'pages': 'CL506', 'title': 'CL501', 'container': 'CL507',
          'author-drop': 'CL502', 'author-swap': 'CL503', 'doi': 'CL509', 'pages-drop': 'CL510'}
KINDS = list(EXPECT)
injected, found, misses, skipped = 0, 0, [], 0
by_kind = Counter()
other_rules = []
for i, (d, src, key) in enumerate(sets):
    kind = KINDS[i % len(KINDS)]
    fmt = FMTS[(i // len(KINDS) + i) % len(FMTS)]
    path = os.path.join(d, 'e.' + fmt)
    text = open(path, encoding='utf-8-sig').read()
    new = inject(kind, fmt, text)
    if (new is None or new == text) and kind == 'doi':
        kind = 'pages-drop'  # no DOI in this set
        new = inject(kind, fmt, text)
    if new is None or new == text:
        skipped += 1
        continue
    open(path, 'w').write(new)
    injected += 1
    new_diags = [x for x in lint(d) if (x['code'], x['file'], x['message']) not in baseline[d]]
    by_kind[kind] += 1
    other_rules += [f"{src}#{key}: {kind} in {fmt}: also {x['code']}: {x['message']}" for x in new_diags if x['code'] != EXPECT[kind]]
    if any(x['code'] == EXPECT[kind] and x['file'] == path for x in new_diags):
        found += 1
    else:
        got = ', '.join(f"{x['code']} in {os.path.basename(x['file'])}" for x in new_diags) or 'nothing'
        misses.append(f'{src}#{key}: {kind} in {fmt}: expected {EXPECT[kind]}, got {got}')

clean = sum(1 for d, _, _ in sets if not baseline[d])
print(f'sets: {len(sets)} (BibTeX -> bib2xml -nt -> xml2end, xml2ris); clean unmodified sets: {clean}/{len(sets)}')
print(f'mismatches on unmodified sets: {sum(len(v) for v in damage.values())}')
for code, items in sorted(damage.items()):
    print(f'  {code}: {len(items)}')
    for it in items:
        print(f'    {it}')
print(f'recall: {found}/{injected} injected disagreements found by the right rule in the right file ({skipped} not injectable)')
print('  injected: ' + ', '.join(f'{k} ({EXPECT[k]}) {v}' for k, v in sorted(by_kind.items())))
for m in misses:
    print(f'  missed: {m}')
print(f'other rules firing on injected sets: {len(other_rules)}')
for o in other_rules:
    print(f'  {o}')
PY
