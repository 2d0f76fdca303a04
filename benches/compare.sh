#!/usr/bin/env bash
# Side-by-side comparison of citelint with its peers on the same generated corpora (issue #8:
# performance). Installs what it needs (Debian: bibclean, bibtool, hyperfine, time, bibutils,
# libxml2-utils; npm: bibtex-tidy; the `biblatex`, `memchr` and `roxmltree` crates in
# benches/peer-biblatex), generates the corpora (seeded, cached under target/bench), and prints
# for each tool the median wall time of RUNS runs (default 5), MB/s, the ratio to citelint, and
# peak RSS. Sections, in order:
#
# 1. BibTeX, for each SIZE_MB (default 20 and 100; benches/gen_corpus.py): citelint on the clean
#    corpus (2 threads, 1 thread) and on the corpus with errors; the floors; the peers. The
#    floors are Rust (modes of benches/peer-biblatex, one thread): "read + memchr count of @"
#    reads the file into one buffer and counts `@`; "read + UTF-8 + brace-balanced split" also
#    validates UTF-8 and splits the text into top-level entries by brace balance.
# 2. Other formats (skip with FORMATS=0): the clean FORMATS_MB (default 20) BibTeX corpus
#    converted by benches/gen_formats.py (bibutils' bib2xml, xml2ris, xml2end; CSL-JSON from the
#    MODS) into ~FORMATS_MB MB of MODS, RIS, EndNote Refer and CSL-JSON; citelint on each (2
#    threads, 1 thread), and for MODS `xmllint --noout --stream` and a roxmltree parse. The
#    header of each gives the records citelint reads from the file (`citelint inspect`).
# 3. Start-up: each tool on a 1-entry file.
# 4. Many small files (skip with MANY=0): MANY_FILES (default 50,000) one-entry .bib files in one
#    directory (benches/gen_many.py, cached), linted by one `citelint check DIR` call: total time,
#    MB/s, files/s, and the cost per file against the start-up on a 1-entry file.
#
# bibtool and bibtex-tidy run once on corpora over SLOW_MAX_MB (default 20) MB.
#
# Usage: [RUNS=5] [SLOW_MAX_MB=20] [FORMATS=1] [FORMATS_MB=20] [MANY=1] [MANY_FILES=50000] benches/compare.sh [SIZES_MB...]
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
if [ "${FORMATS:-1}" != 0 ]; then
  need bib2xml bibutils
  need xmllint libxml2-utils
fi
[ -x /usr/bin/time ] || { apt-get update -qq >/dev/null; apt-get install -y -qq time >/dev/null; }
if [ ! -x "$work/node_modules/.bin/bibtex-tidy" ]; then
  (cd "$work" && npm install --silent --no-audit --no-fund bibtex-tidy >/dev/null 2>&1) || echo "note: bibtex-tidy could not be installed"
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
cargo build --release --quiet --manifest-path "$root/benches/peer-biblatex/Cargo.toml" --target-dir "$work/peer-target"
citelint="${CARGO_TARGET_DIR:-$root/target}/release/citelint"
peer="$work/peer-target/release/peer-biblatex"

measure() { # name, command...; sets `last` to the median (seconds), empty if it failed
  local name=$1; shift
  last=""
  local json="$work/h.json"
  local median rss
  if [ "$runs" = 1 ]; then
    # One run: its wall time and peak RSS from GNU time.
    read -r median rss < <( { /usr/bin/time -f '%e %M' bash -c "$* >/dev/null 2>&1" ; } 2>&1 | tail -1 || true)
    [ -n "${rss:-}" ] || { printf '%-44s failed\n' "$name"; return; }
  else
    hyperfine --style none --warmup "${warmup:-1}" --runs "$runs" --ignore-failure --export-json "$json" "$*" >/dev/null 2>&1 || { printf '%-44s failed\n' "$name"; return; }
    median=$(python3 -c "import json;print(json.load(open('$json'))['results'][0]['median'])")
    rss=$( { /usr/bin/time -f '%M' bash -c "$* >/dev/null 2>&1" ; } 2>&1 | tail -1 || true)
  fi
  last=$median
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
  base=$last
  measure "citelint (1 thread)" "$citelint check --isolated --threads 1 --output-format json $corpus"
  measure "citelint, corpus with errors" "$citelint check --isolated --output-format json $broken"
  measure "floor: read + memchr count of @" "$peer floor-count $corpus"
  measure "floor: read + UTF-8 + brace-balanced split" "$peer floor-split $corpus"
  measure "biblatex crate, raw parse" "$peer raw $corpus"
  measure "biblatex crate, full parse" "$peer full $corpus"
  measure "bibclean" "bibclean $corpus"
  # bibtool (super-linear) and bibtex-tidy take minutes on large corpora: above SLOW_MAX_MB
  # (default 20) they run once, without a warm-up run.
  saved_runs=$runs
  if [ "$mb" -gt "${SLOW_MAX_MB:-20}" ]; then runs=1 warmup=0; fi
  measure "bibtool" "bibtool -q $corpus"
  if [ -x "$work/node_modules/.bin/bibtex-tidy" ]; then
    # bibtex-tidy reads stdin and writes stdout (with a file argument it rewrites the file).
    measure "bibtex-tidy" "$work/node_modules/.bin/bibtex-tidy < $corpus"
  fi
  runs=$saved_runs warmup=1
done

if [ "${FORMATS:-1}" != 0 ]; then
  fmb=${FORMATS_MB:-20}
  source_bib="$work/corpus-$fmb.bib"
  [ -f "$source_bib" ] || python3 "$root/benches/gen_corpus.py" "$fmb" 1 clean > "$source_bib"
  prefix="$work/formats-$fmb"
  if [ ! -f "$prefix.records" ]; then
    python3 "$root/benches/gen_formats.py" "$source_bib" "$prefix" "$fmb" >/dev/null
    # What citelint reads from each file (once per generated corpus: `inspect` prints much).
    for ext in xml ris enw json; do
      printf '%s %s\n' "$ext" "$("$citelint" inspect --isolated "$prefix.$ext" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')"
    done > "$prefix.records.tmp"
    mv "$prefix.records.tmp" "$prefix.records"
  fi
  for ext in xml ris enw json; do
    case $ext in xml) label=MODS ;; ris) label=RIS ;; enw) label="EndNote Refer" ;; json) label=CSL-JSON ;; esac
    file="$prefix.$ext"
    bytes=$(stat -c %s "$file")
    records=$(awk -v e="$ext" '$1 == e {print $2}' "$prefix.records")
    if [ "${records:-0}" -eq 0 ]; then
      echo "error: citelint reads no record from $file" >&2
      exit 1
    fi
    echo "== $label, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB converted from the $fmb MB corpus ($records records read by citelint), median of $runs runs"
    printf '%-44s %13s %14s %9s %13s\n' tool time throughput ratio "peak RSS"
    base=""
    measure "citelint (2 threads)" "$citelint check --isolated --threads 2 --output-format json $file"
    base=$last
    measure "citelint (1 thread)" "$citelint check --isolated --threads 1 --output-format json $file"
    if [ "$ext" = xml ]; then
      measure "xmllint --noout --stream" "xmllint --noout --stream $file"
      measure "roxmltree parse (count elements)" "$peer roxmltree $file"
    fi
  done
fi

one="$work/one.bib"
printf '@misc{a, title = {T}, year = 2020}\n' > "$one"
bytes=$(stat -c %s "$one")
base=""
echo "== start-up on a 1-entry file"
measure "citelint" "$citelint check --isolated $one"
startup=$last
measure "bibclean" "bibclean $one"
measure "bibtool" "bibtool -q $one"

if [ "${MANY:-1}" != 0 ]; then
  nfiles=${MANY_FILES:-50000}
  dir="$work/many-$nfiles"
  if [ ! -f "$dir.done" ]; then
    rm -rf "$dir"
    python3 "$root/benches/gen_many.py" "$dir" "$nfiles" 1
    touch "$dir.done"
  fi
  bytes=$(find "$dir" -name '*.bib' -printf '%s\n' | awk '{s += $1} END {print s}')
  echo "== $nfiles one-entry files in one directory ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB), one citelint call, median of $runs runs"
  printf '%-44s %13s %14s %9s %13s\n' tool time throughput ratio "peak RSS"
  base=""
  measure "citelint DIR (2 threads)" "$citelint check --isolated --threads 2 --output-format json $dir"
  base=$last
  two=$last
  measure "citelint DIR (1 thread)" "$citelint check --isolated --threads 1 --output-format json $dir"
  python3 - "$nfiles" "${two:-0}" "${last:-0}" "${startup:-0}" <<'PY'
import sys
n, two, one, startup = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
for label, t in (("2 threads", two), ("1 thread", one)):
    if t > 0:
        line = f"{label}: {n / t:,.0f} files/s, {t / n * 1e6:.1f} us per file"
        if startup > 0:
            line += f"; one process per file would take {startup * 1e3:.1f} ms each (start-up on a 1-entry file), {startup * n / t:.0f}x as long"
        print(line)
PY
fi
