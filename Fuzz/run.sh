#!/usr/bin/env bash
# Builds the fuzz targets (libFuzzer, address sanitizer, coverage over every module of Baton)
# and runs each for FUZZ_SECONDS (default 60), starting from the committed seeds in Corpus/.
# New inputs stay in a scratch folder; a crash, a hang (FUZZ_TIMEOUT seconds on one input) or a
# memory blow-up (over 2 GB) is kept in Fuzz/Findings/<target>/ and fails the run.
#   make fuzz                      # 60 s per target
#   FUZZ_SECONDS=10 Fuzz/run.sh    # the short pass CI runs
#   Fuzz/run.sh fuzz-document      # one target
set -euo pipefail
cd "$(dirname "$0")"
seconds=${FUZZ_SECONDS:-60}
timeout=${FUZZ_TIMEOUT:-10}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz-front-matter fuzz-document fuzz-configuration fuzz-people
  fuzz-search fuzz-caches)

# libFuzzer without its main (SwiftPM gives each executable one; FuzzSupport calls the driver).
swiftc=$(readlink -f "$(command -v swiftc)")
fuzzer=$(ls "$(dirname "$swiftc")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-*.a | head -1)
flags=(-c debug -Xswiftc -sanitize=address
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
  -Xswiftc -use-ld=lld -Xlinker "$fuzzer" -Xlinker -lstdc++)
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "$target" 2>&1 | grep -v 'Cannot export local symbol' |
    grep -E 'error|Compiling|Build' | tail -3
done
bin=$(swift build "${flags[@]}" --show-bin-path)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failed=0
printf '%-20s %12s %8s %s\n' target executions seconds outcome
for target in "${targets[@]}"; do
  corpus="$scratch/$target"
  findings="Findings/$target"
  mkdir -p "$corpus" "$findings"
  cp Corpus/"$target"/* "$corpus"/
  max_len=4096
  [ "$target" = fuzz-document ] && max_len=32768
  log="$scratch/$target.log"
  status=0
  "$bin/$target" "$corpus" -max_total_time="$seconds" -timeout="$timeout" -max_len="$max_len" \
    -rss_limit_mb=2048 -malloc_limit_mb=2048 -artifact_prefix="$findings/" -print_final_stats=1 \
    >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  outcome=clean
  if [ "$status" -ne 0 ]; then
    outcome="FAILED (exit $status): $(grep -m1 -E 'ERROR|Deadly|timeout|out-of-memory' "$log" || true)"
    tail -40 "$log" >"$findings/last-run.log"
    failed=1
  else
    rmdir "$findings" 2>/dev/null || true
  fi
  printf '%-20s %12s %8s %s\n' "$target" "${runs:-?}" "$seconds" "$outcome"
done
exit $failed
