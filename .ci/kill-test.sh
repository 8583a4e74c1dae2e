#!/usr/bin/env bash
# The full crash-safety run: KillDuringRecordTests with CONFORMANCE_KILL_COUNT kills (default 240) of
# `conformance record` at random moments; after each kill every cassette on disk must parse, the
# re-recorded cassette must still exist and its neighbours must be unchanged. (`swift test` alone makes
# 20 kills.)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --build-tests
CONFORMANCE_KILL_COUNT=${CONFORMANCE_KILL_COUNT:-240} swift test --skip-build --filter KillDuringRecordTests 2>&1 |
    grep -E "KillDuringRecordTests:|✔|✘|passed|failed|error" 
exit "${PIPESTATUS[0]}"
