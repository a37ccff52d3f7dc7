#!/usr/bin/env bash
# Baton at scale: a documentation repository of many small pages, cold build against Hugo.
#
#   Benchmarks/docs/bench.sh --baton BATON [--pages 40000] [--commits 25000] [--no-hugo]
#                            [--no-baton] OUT_DIR
#
# Generates OUT_DIR/docs-PAGES-COMMITS once (Benchmarks/generate_docs.py, seed 1), then times,
# in one run, one run each: the cold `baton build` (no cache: the history walked, the search
# index built), Hugo without git info and Hugo with git info (`enableGitInfo`) on the same
# Markdown with the bench's minimal theme, and `baton build` after one page is edited. Each
# line gives wall seconds, CPU seconds (user + sys) and peak resident memory; then bytes
# written per page, the search index set aside. Needs /usr/bin/time (Debian's `time`); Hugo
# is `apt-get install hugo`.
set -euo pipefail
CALLER=$PWD
cd "$(dirname "$0")/../.."

BATON="$PWD/.build/release/baton"
PAGES=40000
COMMITS=25000
RUN_BATON=true
RUN_HUGO=true
while [ $# -gt 1 ]; do
  case "$1" in
    --baton) BATON=$2; shift 2 ;;
    --pages) PAGES=$2; shift 2 ;;
    --commits) COMMITS=$2; shift 2 ;;
    --no-hugo) RUN_HUGO=false; shift ;;
    --no-baton) RUN_BATON=false; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--baton BATON] [--pages N] [--commits N] OUT_DIR" >&2; exit 64; }
# Paths given relative to where the script was started from, not to the repository.
case "$BATON" in /*) ;; *) BATON="$CALLER/$BATON" ;; esac
OUT=$(cd "$CALLER" && mkdir -p "$1" && cd "$1" && pwd)
DOCS="$OUT/docs-$PAGES-$COMMITS"
WORK="$OUT/docs-work"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 2; }

if [ ! -d "$DOCS/.git" ]; then
  echo "generating $PAGES pages and $COMMITS commits in $DOCS …" >&2
  rm -rf "$DOCS"
  python3 Benchmarks/generate_docs.py "$DOCS" --pages "$PAGES" --commits "$COMMITS" --seed 1
fi
pages=$(git -C "$DOCS" ls-files '*.md' | grep -cv '^README.md$')
echo "repository: $pages pages in $(find "$DOCS/" -mindepth 1 -maxdepth 1 -type d -name 'pages*' | wc -l) language folders, $(git -C "$DOCS" rev-list --count HEAD) commits"

# Old outputs are moved aside, never deleted, before a cold build (see Benchmarks/run.sh: on
# ext4 without a journal, creating files soon after deleting as many costs seconds of "sys").
mkdir -p "$WORK/trash"
aside() { [ -e "$1" ] && mv "$1" "$(mktemp -d "$WORK/trash/old.XXXXXX")/" || true; }

# One timed run of a command in DOCS: sets WALL, CPU, PEAK (MiB) and prints a line.
timed() {
  local label=$1 name=$2; shift 2
  if ! (cd "$DOCS" && /usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.time" "$@") \
    >"$WORK/$name.log" 2>&1; then
    echo "$label: failed, see $WORK/$name.log" >&2
    tail -5 "$WORK/$name.log" >&2
    return 1
  fi
  read -r WALL user sys kib < <(tail -1 "$WORK/$name.time")
  CPU=$(python3 -c "print(f'{$user + $sys:.2f}')")
  PEAK=$((kib / 1024))
  printf '%-44s %7.2f s wall, %7.2f s CPU (%s user + %s sys), peak %5d MiB\n' \
    "$label" "$WALL" "$CPU" "$user" "$sys" "$PEAK"
}

# Bytes of the files under a folder, and of those under a subfolder of it.
bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }

baton_wall=0 baton_cpu=0 baton_peak=0 per_page=0 edit_share=0
SITE="$WORK/site"
if $RUN_BATON; then
  aside "$SITE"
  aside "$DOCS/.baton"
  sleep 31  # past the window of anything deleted before
  timed "baton build, cold (history walked)" baton-cold "$BATON" build --output "$SITE" --timings
  baton_wall=$WALL baton_cpu=$CPU baton_peak=$PEAK
  grep -E '^(built|load) ' "$WORK/baton-cold.log" | sed 's/^/    /' || true
  total=$(bytes "$SITE")
  search=$( [ -d "$SITE/search" ] && bytes "$SITE/search" || echo 0)
  per_page=$(( (total - search) / pages ))
  echo "baton output: $(find "$SITE" -type f | wc -l) files, $((total / 1048576)) MiB," \
    "search index $((search / 1048576)) MiB; $per_page bytes per page without it"

  # One page edited: a line appended, built again from the kept state.
  page=$(git -C "$DOCS" ls-files 'pages/common/*.md' | awk 'NR == 100')
  echo "One more line." >> "$DOCS/$page"
  timed "baton build, one page edited" baton-edit "$BATON" build --output "$SITE"
  git -C "$DOCS" checkout -q -- "$page"
  edit_share=$(python3 -c "print(f'{100 * $WALL / $baton_wall:.1f}')")
  echo "  one edit / cold: $edit_share %"
fi

hugo_line() {
  local label=$1 name=$2 git=$3 conf="$WORK/hugo-$2.toml"
  cat > "$conf" <<EOF
baseURL = "https://example.org/"
title = "bench"
disableKinds = ["taxonomy", "term"]
contentDir = "."
layoutDir = "$WORK/hugo-layouts"
resourceDir = "$WORK/hugo-resources"
ignoreFiles = ["^README\\\\.md\$"]
enableGitInfo = $git
EOF
  aside "$WORK/$name"
  timed "$label" "$name" hugo --quiet --source "$DOCS" --config "$conf" --noBuildLock \
    --cacheDir "$WORK/hugo-cache" --destination "$WORK/$name"
}
if ! $RUN_HUGO; then
  :
elif command -v hugo >/dev/null 2>&1; then
  # The bench's minimal theme (as Benchmarks/run.sh gives Hugo for the 10,000 documents).
  mkdir -p "$WORK/hugo-layouts/_default"
  echo '<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>' \
    > "$WORK/hugo-layouts/_default/single.html"
  echo '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>' \
    > "$WORK/hugo-layouts/_default/list.html"
  sleep 31
  hugo_line "hugo $(hugo version | awk '{print $2}' | cut -d+ -f1), no git info" hugo-plain false
  hugo_wall=$WALL hugo_cpu=$CPU
  echo "hugo output: $(( $(bytes "$WORK/hugo-plain") / pages )) bytes per page"
  hugo_line "hugo, with git info (enableGitInfo)" hugo-git true
  if $RUN_BATON; then
    echo ""
    python3 - "$baton_wall" "$baton_cpu" "$baton_peak" "$per_page" "$edit_share" "$hugo_wall" "$hugo_cpu" <<'PY'
import sys
wall, cpu, peak, per_page, edit, hwall, hcpu = map(float, sys.argv[1:])
def bar(ok): return "met" if ok else "NOT met"
print(f"baton / hugo without git info: {wall / hwall:.2f}x wall, {cpu / hcpu:.2f}x CPU")
print(f"bars: faster than Hugo {bar(wall < hwall)}; CPU no more than Hugo's {bar(cpu <= hcpu)};"
      f" peak under 1 GiB {bar(peak < 1024)}; under 10 KB a page {bar(per_page < 10240)};"
      f" one edit under 5% {bar(edit < 5)}")
PY
  fi
else
  echo "hugo: NOT INSTALLED, no peer figures (apt-get install hugo)"
fi
rm -rf "$WORK/trash"
