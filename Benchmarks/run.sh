#!/usr/bin/env bash
# make bench: release build of Baton against a generated repository, side by side with peers.
#
#   Benchmarks/run.sh [--documents N] [--commits N] [--quick] [--docs-only]
#
# Generates Benchmarks/out/corpus (10,000 documents, 50,000 commits by default) once, then
# times, in one run: baton check; baton metrics and digest; the history pass against `git log --name-status -M`; the
# site build cold and after one change against Hugo (when installed); search sizes against
# Pagefind (when installed). Also generates Benchmarks/out/code-25000 (a code repository, see
# Benchmarks/generate_code.py) and times the cold history pass on it against git log, and
# Benchmarks/out/docs-40000-25000 (40,000 small pages in 40 language folders, 25,000 commits,
# see Benchmarks/generate_docs.py) and times the cold site build on it against Hugo without
# and with git info (Benchmarks/docs/bench.sh). --docs-only runs that last part alone; --quick
# makes every repository smaller (the documentation one 4,000 pages, 2,500 commits). Figures
# go to stdout and Benchmarks/out/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCUMENTS=10000
COMMITS=50000
RUNS=5
DOCS_PAGES=40000
DOCS_COMMITS=25000
DOCS_ONLY=false
while [ $# -gt 0 ]; do
  case "$1" in
    --documents) DOCUMENTS=$2; shift 2 ;;
    --commits) COMMITS=$2; shift 2 ;;
    --quick) DOCUMENTS=2000; COMMITS=5000; RUNS=3; DOCS_PAGES=4000; DOCS_COMMITS=2500; shift ;;
    --docs-only) DOCS_ONLY=true; shift ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done

DYNAMIC="$PWD/.build/release/baton"
OUT="$PWD/Benchmarks/out"
CORPUS="$OUT/corpus-$DOCUMENTS-$COMMITS"
RESULTS="$OUT/results.txt"
mkdir -p "$OUT"
: > "$RESULTS"
say() { echo "$@" | tee -a "$RESULTS"; }

# Seconds since a `date +%s.%N` stamp.
since() { python3 -c "import time; print(f'{time.time() - $1:.3f}')"; }
[ -x "$DYNAMIC" ] || { echo "build first: swift build -c release" >&2; exit 2; }
# Every figure is the binary users install: the release tarball's (`make dist`: the Swift
# runtime, libgit2, cmark-gfm and jemalloc linked in), not the dynamically linked build, whose
# shared Swift runtime costs seconds of CPU at 40,000 pages. Without a tarball, the dynamic
# build is timed instead, and the results say so.
TARBALL="$(ls -t dist/baton-*-linux-"$(uname -m)".tar.gz 2>/dev/null | head -n 1 || true)"
if [ -n "$TARBALL" ]; then
  rm -rf "$OUT/dist" && mkdir -p "$OUT/dist"
  tar -xzf "$TARBALL" -C "$OUT/dist" --strip-components=1
  BATON="$OUT/dist/bin/baton"
else
  echo "no dist/ tarball (make dist): timing the dynamically linked build instead" >&2
  BATON="$DYNAMIC"
fi
command -v hugo >/dev/null 2>&1 || echo "hugo is NOT INSTALLED: the site builds will have no peer (apt-get install hugo)" >&2

# The documentation repository of small pages: cold build against Hugo, in one run.
docs_bench() {
  say ""
  say "== documentation repository at scale (bars: cold build faster than Hugo without git info, no more CPU, peak under 1 GiB, under 10 KB a page, one edit under 5%)"
  Benchmarks/docs/bench.sh --baton "$BATON" --pages "$DOCS_PAGES" --commits "$DOCS_COMMITS" \
    "$OUT" | tee -a "$RESULTS"
}
if $DOCS_ONLY; then
  say "machine: $(nproc) cores, $(uname -sr); baton: $("$BATON" --version)"
  docs_bench
  say ""
  say "results in $RESULTS"
  exit 0
fi
if [ ! -d "$CORPUS/.git" ]; then
  echo "generating $DOCUMENTS documents and $COMMITS commits in $CORPUS …"
  rm -rf "$CORPUS"
  start=$(date +%s.%N)
  python3 Benchmarks/generate.py "$CORPUS" --documents "$DOCUMENTS" --commits "$COMMITS" --seed 1
  say "generate: $(since "$start") s"
fi

have() { command -v "$1" >/dev/null 2>&1; }
has_command() { "$BATON" help "$1" >/dev/null 2>&1; }

# Mean seconds of a command over runs (hyperfine when present, else a shell loop). With
# PREPARE set, that command runs before each run, untimed.
mean() {
  local name=$1; shift
  if have hyperfine; then
    local prepare=()
    [ -n "${PREPARE:-}" ] && prepare=(--prepare "$PREPARE")
    hyperfine --style none --warmup 1 --runs "$RUNS" "${prepare[@]}" \
      --export-json "$OUT/$name.json" "$*" >/dev/null 2>&1 || true
    python3 -c "import json,sys; r=json.load(open('$OUT/$name.json'))['results'][0]; print(f\"{r['mean']:.3f} ± {r['stddev']:.3f}\")"
  else
    local start end
    start=$(date +%s.%N)
    for _ in $(seq "$RUNS"); do
      [ -n "${PREPARE:-}" ] && bash -c "$PREPARE"
      bash -c "$*" >/dev/null 2>&1 || true
    done
    end=$(date +%s.%N)
    python3 -c "print(f'{($end - $start) / $RUNS:.3f}')"
  fi
}

# Peak resident memory of one run, in MiB.
peak() {
  /usr/bin/time -f "%M" bash -c "$* >/dev/null 2>&1" 2>&1 | tail -1 | awk '{printf "%.0f", $1/1024}'
}

say "machine: $(nproc) cores, $(uname -sr); corpus: $DOCUMENTS documents, $COMMITS commits"
say "baton: $("$BATON" --version)"
say ""

say "== baton check (bar: under 1 s for 10k documents)"
say "baton check:                         $(mean check "cd $CORPUS && $BATON check --format json") s, peak $(peak "cd $CORPUS && $BATON check --format json") MiB"

# The tarball's binary against the dynamically linked build, side by side in one hyperfine run.
if [ -n "$TARBALL" ] && have hyperfine; then
  say ""
  say "== static release binary ($(basename "$TARBALL")) against the dynamic build (bar: not slower)"
  hyperfine --style none --warmup 2 --runs "$RUNS" --ignore-failure --export-markdown "$OUT/static.md" \
    -n "dynamic --version" "$DYNAMIC --version" -n "static --version" "$BATON --version" \
    -n "dynamic check" "cd $CORPUS && $DYNAMIC check --format json" \
    -n "static check" "cd $CORPUS && $BATON check --format json" >/dev/null 2>&1 || true
  tee -a "$RESULTS" < "$OUT/static.md"
elif [ -z "$TARBALL" ]; then
  say ""
  say "(no dist/ tarball: the figures are the dynamically linked build's; make bench builds one)"
fi
say ""
say "== baton metrics and baton digest, history cached (bar: under 1 s each)"
(cd "$CORPUS" && "$BATON" metrics >/dev/null 2>&1) || true
say "baton metrics:                       $(mean metrics "cd $CORPUS && $BATON metrics --format json") s, peak $(peak "cd $CORPUS && $BATON metrics --format json") MiB"
say "baton digest:                        $(mean digest "cd $CORPUS && $BATON digest --format json") s, peak $(peak "cd $CORPUS && $BATON digest --format json") MiB"
say ""
say "== baton init: adopting the corpus as if it had no baton.yml (--dry-run: surveys and checks, writes nothing)"
mv "$CORPUS/baton.yml" "$OUT/baton.yml.aside"
trap 'mv "$OUT/baton.yml.aside" "$CORPUS/baton.yml" 2>/dev/null || true' EXIT
say "baton init --dry-run:                $(mean init "cd $CORPUS && $BATON init --dry-run") s, peak $(peak "cd $CORPUS && $BATON init --dry-run") MiB"
mv "$OUT/baton.yml.aside" "$CORPUS/baton.yml"
trap - EXIT

if has_command debug; then
  say ""
  say "== history pass (bar: within 2x of git log cold; warm after one commit under 10% of cold)"
  Benchmarks/history/bench.sh --baton "$BATON" --runs "$RUNS" "$CORPUS" | tee -a "$RESULTS"
fi

# A code repository: 25,000 commits mostly of source files, 50 decision records in one folder.
# Baton's cold history pass (no cache) against git log over the same history, in one run.
CODE="$OUT/code-25000"
if has_command debug && have hyperfine; then
  if [ ! -d "$CODE/.git" ]; then
    echo "generating a code repository of 25,000 commits in $CODE …"
    rm -rf "$CODE"
    python3 Benchmarks/generate_code.py "$CODE" --commits 25000 --seed 1
  fi
  say ""
  say "== history pass on a code repository, cold (bar: within 1.5x of git log --name-status -M)"
  hyperfine --style none --warmup 1 --runs "$RUNS" --export-json "$OUT/code-history.json" \
    -n "git log --name-status -M" "git -C $CODE log --name-status -M --format=%H" \
    -n "baton debug history --no-cache" "$BATON debug history --repo $CODE --no-cache" \
    >/dev/null 2>&1 || true
  python3 - "$OUT/code-history.json" <<'PY' | tee -a "$RESULTS"
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
  print(f"{r['command']:<36} {r['mean']:.3f} ± {r['stddev']:.3f} s wall, {r['user']:.3f} s user")
git, baton = results
print(f"baton / git log: {baton['mean'] / git['mean']:.2f}x wall, {baton['user'] / git['user']:.2f}x user")
PY
fi

if has_command build; then
  say ""
  say "== site build (bar: cold build with history faster than Hugo without; one change under 10%)"
  SITE="$OUT/site"
  # One timed build: wall seconds, then CPU (user + sys), the stages from --timings and what a
  # build from the kept state read.
  site_build() {
    local log="$OUT/site-build.log" start seconds state
    start=$(date +%s.%N)
    (cd "$CORPUS" && /usr/bin/time -f "cpu %U user %S sys" "$BATON" build --output "$SITE" \
      --timings >/dev/null 2>"$log")
    seconds=$(since "$start")
    state=$(grep -E '^(from the kept state|rendered from the corpus)' "$log" || true)
    echo "$seconds s  ($(grep '^cpu' "$log"); $(grep -E '(^| )load ' "$log"))${state:+; $state}"
  }
  # The live preview: `baton serve` builds in memory, then the file is saved `count` times (a
  # line appended), each once the last rebuild is done; prints the first build and the
  # rebuilds as serve reports them (from the change seen to the new site in memory) and the
  # peak memory.
  serve_rebuilds() {
    local file=$1 count=$2 log="$OUT/serve.log" port pid builds rss
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    (cd "$CORPUS" && exec "$BATON" serve --port "$port") >/dev/null 2>"$log" &
    pid=$!
    built() { grep -c '^built' "$log" || true; }
    await() { local tries=0; while [ "$(built)" -lt "$1" ] && [ $tries -lt 1200 ]; do sleep 0.1; tries=$((tries + 1)); done; }
    await 1
    for save in $(seq "$count"); do
      echo "Saved $save." >> "$CORPUS/$file"
      await $((save + 1))
      sleep 1
    done
    rss=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null || echo "?")
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    git -C "$CORPUS" checkout -q -- "$file"
    builds=$(grep '^built' "$log" | awk '{ print $(NF - 1) }')
    echo "first build $(echo "$builds" | head -1) s, rebuilds $(echo "$builds" | tail -n +2 | tr '\n' ' ')s, peak $rss MiB"
  }
  # Old outputs are moved aside, not deleted, before a cold build (and deleted at the end): on
  # ext4 without a journal, as on the benchmark machines, creating files within 30 s of deleting
  # as many makes the kernel scan past every recently freed inode for each new one, which adds
  # seconds of "sys" time that a fresh CI machine or a journaled disk never sees. Hugo's cold
  # build gets the same treatment.
  TRASH="$OUT/trash"
  mkdir -p "$TRASH"
  aside() { [ -e "$1" ] && mv "$1" "$(mktemp -d "$TRASH/old.XXXXXX")/" || true; }
  aside "$SITE"
  aside "$CORPUS/.baton"
  sleep 31  # past the window of anything deleted before (the history bench's caches)
  say "baton build, no cache (history walked): $(site_build), $(find "$SITE" -type f | wc -l) files"
  # Output per page (bar: under 10 KB): every file but the search index, over the HTML pages.
  kept_bytes=$(find "$SITE" -path "$SITE/search" -prune -o -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
  html_pages=$(find "$SITE" -path "$SITE/search" -prune -o -name '*.html' -print | wc -l)
  say "  output per page, search index aside: $((kept_bytes / html_pages)) bytes ($html_pages pages)"
  aside "$SITE"
  built=$(site_build)
  say "baton build, cold (history cached):  $built"
  cold=${built%% s *}
  first=$(cd "$CORPUS" && git ls-files 'decisions/*.md' | awk 'NR == 1')
  echo "One more line." >> "$CORPUS/$first"
  built=$(site_build)
  say "baton build, one file changed:       $built"
  say "  one change / cold:                 $(python3 -c "print(f'{100 * ${built%% s *} / $cold:.1f} %')")"
  # The same edit again and again (the document is a draft already), timed over several runs.
  if have hyperfine; then
    PREPARE="echo 'Another line.' >> $CORPUS/$first" mean one-change \
      "cd $CORPUS && $BATON build --output $SITE" >/dev/null
    say "baton build, one file changed again: $(python3 -c "import json; r=json.load(open('$OUT/one-change.json'))['results'][0]; print(f\"{r['mean']:.3f} ± {r['stddev']:.3f} s ({100 * r['mean'] / $cold:.1f} % of cold)\")")"
  fi
  git -C "$CORPUS" checkout -q -- "$first"
  if has_command serve; then
    say "baton serve, one file saved:         $(serve_rebuilds "$first" 5)"
  fi
  if have hugo; then
    HUGO="$OUT/hugo"
    aside "$HUGO"
    mkdir -p "$HUGO/content"
    cp -r "$CORPUS/decisions" "$CORPUS/updates" "$CORPUS/handbook" "$HUGO/content/" 2>/dev/null || true
    printf 'baseURL = "https://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term"]\n' > "$HUGO/hugo.toml"
    mkdir -p "$HUGO/layouts/_default"
    echo '<html><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>' > "$HUGO/layouts/_default/single.html"
    echo '<html><body>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</body></html>' > "$HUGO/layouts/_default/list.html"
    # Cold as Baton's is: into an empty folder, the last output moved aside (creating files
    # costs more than overwriting them). Hugo overwriting its last output, for reference.
    hugo_time=$(PREPARE="mv $HUGO/public \$(mktemp -d $TRASH/old.XXXXXX)/ 2>/dev/null; true" mean hugo \
      "hugo --quiet --source $HUGO --destination $HUGO/public")
    say "hugo (no git info), cold:            $hugo_time s"
    hugo_over=$(mean hugo-over "hugo --quiet --source $HUGO --destination $HUGO/public")
    say "hugo, over its last output:          $hugo_over s"
  else
    say "hugo: NOT INSTALLED, no peer for the site build (apt-get install hugo)"
  fi
fi

if has_command search; then
  say ""
  say "== search (bar: fewer bytes per query than Pagefind, under 50 ms)"
  if [ -x Benchmarks/search/bench.sh ] && [ -d "$OUT/site" ]; then
    Benchmarks/search/bench.sh "$OUT/site" | tee -a "$RESULTS"
  fi
  say "baton search (3 words, CLI):         $(mean search "cd $CORPUS && $BATON search 'deploy database migration' --format json") s"
fi

docs_bench

rm -rf "$OUT/trash"
say ""
say "results in $RESULTS"
