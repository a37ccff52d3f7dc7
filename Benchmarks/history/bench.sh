#!/usr/bin/env bash
# Times Baton's history pass against git log over the same history.
#
# usage: Benchmarks/history/bench.sh [--baton BIN] [--runs N] REPO
#        (make a test repository with Benchmarks/generate.py)
#
# Works on a local clone of REPO (hard-linked objects, same packs), so REPO is never changed.
# Measures, each the best of N runs (wall seconds, peak RSS from /usr/bin/time):
#   git log --name-status -M --format=%H      the bar: Baton cold within 2x of it
#   git log --name-only --format=%H           the DESIGN.md bar
#   baton cold                                with an empty history cache
#   baton warm                                cache up to date, nothing to walk
#   baton after one commit                    one new commit on top of the cache; bar: < 10% of cold
# Baton runs as `BIN debug history --repo CLONE --cache DIR` (a hidden command
# that calls Repository.history and exits 0). Default BIN: .build/release/baton, then PATH.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
baton=""
runs=3


while [[ $# -gt 1 ]]; do
  case $1 in
    --baton) baton=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[[ $# -eq 1 ]] || { echo "usage: $0 [--baton BIN] [--runs N] REPO" >&2; exit 64; }
repo=$(cd "$1" && pwd)
if [[ -z $baton ]]; then
  if [[ -x $root/.build/release/baton ]]; then baton=$root/.build/release/baton
  else baton=$(command -v baton || true); fi
fi
[[ -n $baton && -x $baton ]] || { echo "no baton binary: build with 'swift build -c release' or pass --baton" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/baton-history-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
git clone --quiet --local "$repo" "$work/repo"
clone=$work/repo
cache=$work/cache

# Runs a command N times; prints "best-wall-seconds peak-rss-kB" (RSS of the best run).
measure() {
  local best="" rss="" line
  for _ in $(seq "$runs"); do
    [[ -n ${BEFORE_EACH:-} ]] && eval "$BEFORE_EACH"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
      echo "failed: $*" >&2; cat "$work/err" >&2; exit 2; }
    read -r wall kb < "$work/time"
    if [[ -z $best ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$wall; rss=$kb
    fi
  done
  echo "$best $rss"
}

history=("$baton" debug history --repo "$clone" --cache "$cache")

commits=$(git -C "$clone" rev-list --count HEAD)
echo "repository: $repo ($commits commits), $runs runs each, best wall time"
read -r git_status git_status_rss < <(measure git -C "$clone" log --name-status -M --format=%H)
read -r git_names git_names_rss < <(measure git -C "$clone" log --name-only --format=%H)
read -r cold cold_rss < <(BEFORE_EACH='rm -rf "$cache"' measure "${history[@]}")
read -r warm warm_rss < <(measure "${history[@]}")
# One new commit on top of the cache before each run: an edit of the first tracked document.
page=$(git -C "$clone" ls-files '*.md' | awk 'NR == 1')
[[ -n $page ]] || { echo "no Markdown file in $repo" >&2; exit 2; }
next_commit='echo "bench edit $RANDOM" >> "$clone/$page" &&
  git -C "$clone" -c user.name=Bench -c user.email=bench@example.com commit --quiet -am "bench edit"'
read -r one one_rss < <(BEFORE_EACH="$next_commit" measure "${history[@]}")

row() { printf "%-44s %8s s %10s kB\n" "$1" "$2" "$3"; }
row "git log --name-status -M --format=%H" "$git_status" "$git_status_rss"
row "git log --name-only --format=%H" "$git_names" "$git_names_rss"
row "baton history, cold (no cache)" "$cold" "$cold_rss"
row "baton history, warm (cache current)" "$warm" "$warm_rss"
row "baton history, after one new commit" "$one" "$one_rss"
awk -v c="$cold" -v g="$git_status" -v o="$one" -v r="$cold_rss" 'BEGIN {
  printf "cold / git log -M:        %.2fx   (bar: <= 2x)\n", c / g
  printf "one commit / cold:        %.1f%%   (bar: < 10%%)\n", 100 * o / c
  printf "peak RSS, cold:           %.0f MB  (bar: < 1024 MB)\n", r / 1024
}'
