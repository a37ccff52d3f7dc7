#!/usr/bin/env bash
# Builds a tiny handbook N times while another process swaps one document between a regular
# file and a symbolic link to a file outside the repository, and counts the builds that
# published any byte of that file (in a page, the search index or documents.json).
#
#   Benchmarks/hostile/symlink-swap.sh [N]      (default 1000; BATON=path/to/baton)
set -euo pipefail
N=${1:-1000}
BATON=${BATON:-$(cd "$(dirname "$0")/../.." && pwd)/.build/release/baton}
WORK=$(mktemp -d)
trap 'kill $SWAPPER 2>/dev/null || true; rm -rf "$WORK"' EXIT
SECRET="$WORK/secret.txt"
echo "root:x:0:0:SECRET-OUTSIDE-BYTES:/root:/bin/bash" > "$SECRET"
REPO="$WORK/repo"
mkdir -p "$REPO/decisions"
cd "$REPO"
git init -q .
git config user.email t@example.com && git config user.name T
printf 'title: Swap\n' > baton.yml
printf '_site/\n.baton/\n' > .gitignore
for n in 1 2 3; do
  printf -- '---\nstatus: accepted\n---\n# Decision %s\n\n## Context\n\nPlain text.\n' "$n" \
    > "decisions/000$n-d.md"
done
git add -A && git commit -qm init
# The swapper: rename(2) puts a link or a file in place, as fast as it can.
python3 - "$REPO/decisions/0002-d.md" "$SECRET" <<'PY' &
import os, sys
path, target = sys.argv[1], sys.argv[2]
tmp = path + ".swap"
text = b"---\nstatus: accepted\n---\n# Decision 2\n\n## Context\n\nPlain text.\n"
flip = False
while True:
    try: os.unlink(tmp)
    except FileNotFoundError: pass
    if flip: os.symlink(target, tmp)
    else:
        with open(tmp, "wb") as f: f.write(text)
    os.rename(tmp, path)
    flip = not flip
PY
SWAPPER=$!
leaked=0; failed=0; outside=0
for i in $(seq 1 "$N"); do
  if ! "$BATON" build --quiet --no-cache > /dev/null 2> "$WORK/err"; then
    failed=$((failed + 1)); cat "$WORK/err" >&2
  fi
  if grep -rqs "SECRET-OUTSIDE-BYTES" _site; then leaked=$((leaked + 1)); fi
  if grep -qs "symlink-outside-repository\|outside the repository" _site/documents.json 2>/dev/null; then
    outside=$((outside + 1))
  fi
done
echo "builds: $N, builds that published outside bytes: $leaked, builds that failed: $failed"
