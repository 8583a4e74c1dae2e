#!/usr/bin/env bash
# Runs the whole test suite N times in a row (default 20) with `swift test --parallel`, after one
# build, and fails if any run fails. Flaky tests and races show up as a run that fails; each failing
# run's output is kept in .build/parallel-runs/run-N.log. Usage: .ci/parallel-runs.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
logs=.build/parallel-runs
mkdir -p "$logs"
swift build --build-tests
failed=0
for run in $(seq 1 "$runs"); do
    start=$SECONDS
    if swift test --skip-build --parallel >"$logs/run-$run.log" 2>&1; then
        echo "run $run: passed in $((SECONDS - start)) s"
        rm -f "$logs/run-$run.log"
    else
        echo "run $run: FAILED in $((SECONDS - start)) s (output in $logs/run-$run.log)"
        grep -E "✘|error:|failed" "$logs/run-$run.log" | head -20 | sed 's/^/    /'
        failed=$((failed + 1))
    fi
done
echo "$((runs - failed)) of $runs parallel runs passed"
[[ $failed -eq 0 ]]
