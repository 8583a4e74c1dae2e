#!/usr/bin/env bash
# CI's short fuzz run: every target of .ci/fuzz.sh for FUZZ_SECONDS seconds (default 10, so about a
# minute of fuzzing after the sanitized build). The long runs (1,000,000 executions per target) are
# `.ci/fuzz.sh` with no arguments.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-10} exec .ci/fuzz.sh "$@"
