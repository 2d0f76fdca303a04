#!/usr/bin/env bash
# Record counts of citelint against bibutils (ris2xml, end2xml) on every RIS and EndNote file
# of a corpus. Usage: scripts/compare-bibutils.sh CITELINT CORPUS_DIR
# Prints one line per differing file and the agreement figure. The known differences are
# inputs bibutils merges or drops and citelint reads and reports (CL410/CL420): a record
# without `TY`, `TY - ` with one space, an empty `TY`, `%0` lines with no blank line between.
set -uo pipefail
bin=${1:?usage: compare-bibutils.sh CITELINT CORPUS_DIR}
corpus=${2:?usage: compare-bibutils.sh CITELINT CORPUS_DIR}
command -v ris2xml >/dev/null || { apt-get update -qq >/dev/null; apt-get install -y -qq bibutils >/dev/null; }
agree=0
total=0
ours_sum=0
theirs_sum=0
while IFS= read -r -d '' f; do
  case "$f" in
    *.ris) fmt=ris; conv=ris2xml ;;
    *.enw|*.endf|*Refer*) fmt=refer; conv=end2xml ;;
    *) continue ;;
  esac
  ours=$("$bin" inspect --isolated --format "$fmt" "$f" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
  theirs=$("$conv" "$f" 2>/dev/null | grep -c '<mods ')
  total=$((total + 1))
  ours_sum=$((ours_sum + ours))
  theirs_sum=$((theirs_sum + theirs))
  if [ "$ours" -eq "$theirs" ]; then
    agree=$((agree + 1))
  else
    echo "DIFFER citelint=$ours bibutils=$theirs $f"
  fi
done < <(find "$corpus" -type f \( -name '*.ris' -o -name '*.enw' -o -name '*.endf' -o -name '*Refer*' \) -print0 | sort -z)
echo "records: citelint $ours_sum, bibutils $theirs_sum"
echo "agreement: $agree/$total files"
