#!/usr/bin/env bash
# Fuzzes every parser that reads outside input with libFuzzer (coverage + AddressSanitizer, leaks
# detected), each target for FUZZ_RUNS executions (default 1,000,000) or FUZZ_SECONDS seconds:
#
#   .ci/fuzz.sh                      # every target, 1,000,000 executions each
#   .ci/fuzz.sh json har             # some targets
#   FUZZ_SECONDS=10 .ci/fuzz.sh      # a time-boxed run (what .ci/fuzz-smoke.sh does)
#   .ci/fuzz.sh --reproduce http fuzz-artifacts/http/crash-…   # re-run one input
#
# Targets (Tests/Fuzz/<target>.swift): json (JSONDocument.parse), yaml (YAMLReader.parse), schema (SchemaSet compiler and
# Validator), cassette (Cassette(json:file:) and SecretScanner), har (HAR.read and regrouping), http
# (the replay server's request head parser and connection loop), cli (CommandSpec.parse), scan
# (SecretScanner; about a hundred times slower, so it gets FUZZ_SCAN_RUNS executions, default 100,000).
#
# The library modules are built by SwiftPM into .build-fuzz with `-sanitize=fuzzer,address`; each
# target is one Swift file linked against their objects. Seeds come from Tests/Fuzz/seeds, contracts/,
# recordings/, the test fixtures, ../shared/jsonschema-test-suite and ../shared/yaml-test-suite, generated into a temporary
# folder. Crashes, leaks and hangs (an input running past FUZZ_TIMEOUT seconds, default 10) are
# saved in fuzz-artifacts/<target>/ and fail the script; the summary prints executions and exec/s.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
all_targets=(json yaml schema cassette har http cli scan)
runs=${FUZZ_RUNS:-1000000}
seconds=${FUZZ_SECONDS:-0}
timeout=${FUZZ_TIMEOUT:-10}
scratch=${FUZZ_SCRATCH:-.build-fuzz}
jobs_flag=()
[[ -n "${FUZZ_BUILD_JOBS:-}" ]] && jobs_flag=(-j "$FUZZ_BUILD_JOBS")

reproduce=""
if [[ "${1:-}" == "--reproduce" ]]; then
    reproduce=$3
    set -- "$2"
fi
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=("${all_targets[@]}")

max_len() {
    case $1 in
        json | yaml | cassette | har) echo 65536 ;;
        schema) echo 16384 ;;
        http) echo 8192 ;;
        cli) echo 1024 ;;
        scan) echo 4096 ;;
    esac
}

echo "== building the modules with -sanitize=fuzzer,address into $scratch"
build_start=$SECONDS
swift build -c release --scratch-path "$scratch" "${jobs_flag[@]}" --target ConformanceCLI \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -g >"$scratch.log" 2>&1 || {
    tail -40 "$scratch.log"
    exit 2
}
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
objects=()
while IFS= read -r object; do objects+=("$object"); done < <(
    find "$bin" -path '*.build/*.o' ! -path '*/conformance.build/*' ! -path '*/conformance_bench.build/*' \
        ! -path '*Tests.build/*' | sort
)
mkdir -p "$scratch/fuzzers"
for target in "${targets[@]}"; do
    [[ -f "Tests/Fuzz/$target.swift" ]] || { echo "no fuzz target '$target' (known: ${all_targets[*]})"; exit 2; }
    # gold warns once per AddressSanitizer helper symbol; the warnings are harmless and drown the output.
    swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name "Fuzz_$target" -I "$bin/Modules" \
        "Tests/Fuzz/$target.swift" "${objects[@]}" -o "$scratch/fuzzers/fuzz-$target" 2>&1 |
        { grep -v "Cannot export local symbol" || true; }
    [[ ${PIPESTATUS[0]} -eq 0 ]] || exit 2
done
echo "   built in $((SECONDS - build_start)) s"

if [[ -n "$reproduce" ]]; then
    exec "$scratch/fuzzers/fuzz-${targets[0]}" -timeout="$timeout" -max_len="$(max_len "${targets[0]}")" "$reproduce"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/conformance-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 .ci/fuzz-seeds.py "$repo" "$work/seeds" | sed 's/^/   seeds: /'

failed=()
summary=()
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "fuzz-artifacts/$target" "$work/seeds/$target"
    limit=(-runs="$runs")
    [[ $target == scan ]] && limit=(-runs="${FUZZ_SCAN_RUNS:-100000}")
    [[ "$seconds" != 0 ]] && limit=(-max_total_time="$seconds")
    echo "== fuzz-$target ${limit[*]}"
    start=$SECONDS
    status=0
    "$scratch/fuzzers/fuzz-$target" "$work/corpus/$target" "$work/seeds/$target" "${limit[@]}" \
        -timeout="$timeout" -rss_limit_mb=4096 -max_len="$(max_len "$target")" -print_final_stats=1 \
        -artifact_prefix="fuzz-artifacts/$target/" >"$work/$target.log" 2>&1 || status=$?
    elapsed=$((SECONDS - start))
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/$target.log" | tail -1)
    line="$target: ${executions:-?} executions in ${elapsed} s (${speed:-?} exec/s), corpus $(ls "$work/corpus/$target" | wc -l) inputs"
    if [[ $status -ne 0 ]]; then
        line+=" — FAILED (exit $status), artifacts in fuzz-artifacts/$target/"
        failed+=("$target")
        grep -E 'ERROR|SUMMARY|Fatal error|fatal error|==[0-9]+==|artifact' "$work/$target.log" | head -20
        cp "$work/$target.log" "fuzz-artifacts/$target/last-run.log"
    fi
    echo "   $line"
    summary+=("$line")
done
echo "== summary"
printf '   %s\n' "${summary[@]}"
if [[ ${#failed[@]} -gt 0 ]]; then
    echo "fuzzing found problems in: ${failed[*]} (reproduce: .ci/fuzz.sh --reproduce TARGET fuzz-artifacts/TARGET/FILE)"
    exit 1
fi
