#!/usr/bin/env bash
# Side-by-side comparison of citelint with its peers on the same generated BibTeX corpora
# (issue: performance). Installs what it needs (Debian: bibclean, bibtool, hyperfine, time;
# npm: bibtex-tidy; the `biblatex` crate in benches/peer-biblatex), generates 20 MB and 100 MB
# corpora with benches/gen_corpus.py (seeded), and prints for each tool the median wall time of
# RUNS runs (default 5), MB/s, the ratio to citelint, and peak RSS; plus the floors and the
# start-up time on a 1-entry file. The floors are Rust (modes of benches/peer-biblatex, one
# thread): "read + memchr count of @" reads the file into one buffer and counts `@`; "read +
# UTF-8 + brace-balanced split" also validates UTF-8 and splits the text into top-level entries.
#
# Usage: benches/compare.sh [SIZES_MB...]    (default: 20 100)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-$root/target/bench}
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20 100)
mkdir -p "$work"

need() { command -v "$1" >/dev/null || { apt-get update -qq >/dev/null; apt-get install -y -qq "$2" >/dev/null; }; }
need hyperfine hyperfine
need bibclean bibclean
need bibtool bibtool
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null; apt-get install -y -qq time >/dev/null; }
if [ ! -x "$work/node_modules/.bin/bibtex-tidy" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund bibtex-tidy >/dev/null 2>&1) || echo "note: bibtex-tidy could not be installed"
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
cargo build --release --quiet --manifest-path "$root/benches/peer-biblatex/Cargo.toml" --target-dir "$work/peer-target"
citelint="${CARGO_TARGET_DIR:-$root/target}/release/citelint"
peer="$work/peer-target/release/peer-biblatex"

measure() { # name, command...
  local name=$1; shift
  local json="$work/h.json"
  hyperfine --style none --warmup 1 --runs "$runs" --ignore-failure --export-json "$json" "$*" >/dev/null 2>&1 || { printf '%-44s failed\n' "$name"; return; }
  local median
  median=$(python3 -c "import json;print(json.load(open('$json'))['results'][0]['median'])")
  local rss
  rss=$( { /usr/bin/time -f '%M' bash -c "$* >/dev/null 2>&1" ; } 2>&1 | tail -1 || true)
  python3 - "$name" "$median" "$rss" "$bytes" "${base:-0}" <<'PY'
import sys
name, median, rss, size, base = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
median = max(median, 1e-6)
mbs = size / 1e6 / median
ratio = f"{median / base:8.1f}x" if base else "        "
print(f"{name:44s} {median*1000:10.1f} ms {mbs:9.1f} MB/s {ratio} {rss/1024:9.0f} MiB")
PY
}

for mb in "${sizes[@]}"; do
  # Peers that give up on a whole file at its first error (the biblatex crate, bibtex-tidy) are
  # measured on the clean corpus; citelint on both.
  corpus="$work/corpus-$mb.bib"
  broken="$work/corpus-$mb-errors.bib"
  [ -f "$corpus" ] || python3 "$root/benches/gen_corpus.py" "$mb" 1 clean > "$corpus"
  [ -f "$broken" ] || python3 "$root/benches/gen_corpus.py" "$mb" 1 > "$broken"
  bytes=$(stat -c %s "$corpus")
  echo "== $mb MB corpus ($(grep -c '^@' "$corpus") entries; biblatex crate reads $("$peer" full "$corpus") of them), median of $runs runs"
  printf '%-44s %13s %14s %9s %13s\n' tool time throughput ratio "peak RSS"
  base=""
  measure "citelint (2 threads)" "$citelint check --isolated --output-format json $corpus"
  base=$(python3 -c "import json;print(json.load(open('$work/h.json'))['results'][0]['median'])")
  measure "citelint (1 thread)" "$citelint check --isolated --threads 1 --output-format json $corpus"
  measure "citelint, corpus with errors" "$citelint check --isolated --output-format json $broken"
  measure "floor: read + memchr count of @" "$peer floor-count $corpus"
  measure "floor: read + UTF-8 + brace-balanced split" "$peer floor-split $corpus"
  measure "biblatex crate, raw parse" "$peer raw $corpus"
  measure "biblatex crate, full parse" "$peer full $corpus"
  measure "bibclean" "bibclean $corpus"
  measure "bibtool" "bibtool -q $corpus"
  if [ -x "$work/node_modules/.bin/bibtex-tidy" ]; then
    # bibtex-tidy reads stdin and writes stdout (with a file argument it rewrites the file).
    measure "bibtex-tidy" "$work/node_modules/.bin/bibtex-tidy < $corpus"
  fi
done

one="$work/one.bib"
printf '@misc{a, title = {T}, year = 2020}\n' > "$one"
bytes=$(stat -c %s "$one")
base=""
echo "== start-up on a 1-entry file"
measure "citelint" "$citelint check --isolated $one"
measure "bibclean" "bibclean $one"
measure "bibtool" "bibtool -q $one"
