#!/usr/bin/env bash
# Search figures for a built site, Baton and Pagefind side by side (called by Benchmarks/run.sh).
#
#   Benchmarks/search/bench.sh SITE_DIR [REPO_DIR]
#
# SITE_DIR is `baton build` output; Pagefind (python3 -m pagefind_bin, when installed) indexes
# the same pages into SITE_DIR/pagefind. With REPO_DIR (the repository the site was built from),
# it also times `baton search` and the index build in Swift.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 SITE_DIR [REPO_DIR]" >&2; exit 64; }
args=(--site "$1")
[ $# -ge 2 ] && args+=(--repo "$2")
exec python3 "$here/bench.py" "${args[@]}"
