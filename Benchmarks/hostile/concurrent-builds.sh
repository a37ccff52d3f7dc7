#!/usr/bin/env bash
# Runs two `baton build`s into the same output at once, N times, and counts the trials where
# both reported success but the site left behind differs from a build run alone.
#
#   Benchmarks/hostile/concurrent-builds.sh [N] [DOCUMENTS]  (default 100, 300; BATON=…)
set -euo pipefail
N=${1:-100}
DOCS=${2:-300}
BATON=${BATON:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/baton}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REPO="$WORK/repo"
mkdir -p "$REPO/decisions" "$REPO/handbook"
cd "$REPO"
git init -q .
git config user.email t@example.com && git config user.name T
printf 'title: Concurrent\n' > baton.yml
printf '_site/\n_reference/\n.baton/\n' > .gitignore
for n in $(seq 1 "$DOCS"); do
  printf -- '---\nstatus: accepted\ntags: [t%s]\n---\n# Decision %s\n\n## Context\n\nWords %s.\n' \
    $((n % 17)) "$n" "$n" > "decisions/$(printf %04d "$n")-d.md"
done
git add -A && git commit -qm init
"$BATON" build --quiet --no-cache --output _reference
listing() { (cd "$1" && find . -type f ! -name .baton-site -print0 | sort -z | xargs -0 sha1sum); }
listing _reference > "$WORK/reference"
bad=0; both_ok=0; failures=0
for i in $(seq 1 "$N"); do
  # Every third trial starts from nothing, the others over the previous site (with and without
  # the cache), as a CI job and a watcher would.
  if (( i % 3 == 0 )); then rm -rf _site .baton; fi
  extra=(); if (( i % 2 == 0 )); then extra=(--no-cache); fi
  "$BATON" build --quiet "${extra[@]}" 2> "$WORK/e1" & a=$!
  "$BATON" build --quiet "${extra[@]}" 2> "$WORK/e2" & b=$!
  sa=0; sb=0; wait $a || sa=$?; wait $b || sb=$?
  if (( sa == 0 && sb == 0 )); then
    both_ok=$((both_ok + 1))
    if ! listing _site | cmp -s - "$WORK/reference"; then bad=$((bad + 1)); fi
  else
    failures=$((failures + 1)); cat "$WORK/e1" "$WORK/e2" >&2
  fi
done
echo "trials: $N, both succeeded: $both_ok, incomplete or wrong sites reported as success: $bad, trials with a failed build: $failures"
