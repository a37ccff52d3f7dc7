#!/usr/bin/env bash
# Times `baton check` on each document of the hostile regression corpus
# (Tests/Fixtures/hostile-markdown) and on the YAML alias bombs, one repository per document,
# against the bar of one second per 100 KB. Prints seconds, size, peak memory and the outcome;
# exits 1 when a document misses the bar.
#   BATON=.build/release/baton Benchmarks/hostile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BATON=$(realpath "${BATON:-.build/release/baton}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
missed=0
printf '%8s %9s %9s  %-8s %s\n' seconds bytes peak-KB outcome document
for file in Tests/Fixtures/hostile-markdown/*.md Tests/Fixtures/hostile-yaml/front-matter-bomb.md; do
  repo="$work/$(basename "$file" .md)"
  mkdir -p "$repo/decisions"
  cp "$file" "$repo/decisions/0001-hostile.md"
  git -C "$repo" init -q
  bytes=$(wc -c <"$file")
  start=$(date +%s.%N)
  /usr/bin/time -f '%M' -o "$work/peak" "$BATON" check "$repo" >"$work/out" 2>&1 || true
  seconds=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
  outcome=parsed
  grep -q 'markdown-too-complex' "$work/out" && outcome=refused
  grep -q 'front-matter-syntax' "$work/out" && outcome=refused
  # The bar: one second per 100 KB, and at least one second for a small document.
  if awk -v s="$seconds" -v b="$bytes" 'BEGIN { exit !(s > (b < 100000 ? 1 : b / 100000)) }'; then
    outcome="$outcome SLOW"
    missed=1
  fi
  printf '%8.3f %9d %9d  %-8s %s\n' "$seconds" "$bytes" "$(tail -1 "$work/peak")" "$outcome" "$file"
done
exit $missed
