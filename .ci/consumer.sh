#!/usr/bin/env bash
# Tests/Consumer as a team uses it: build, `swift test` (parallel, the default), the gate's `verify`;
# then the failures it must show: one defect in the client fails the gate, and a wrong suite path
# fails the test run (the parameterized test's arguments throw) rather than running nothing.
set -euo pipefail
cd "$(dirname "$0")/../Tests/Consumer"
start=$(date +%s)
swift build --build-tests
built=$(date +%s)
swift test --skip-build
swift run gate verify --quiet
if swift run gate verify --quiet --fault drops-fractions > /tmp/consumer-defect.txt 2>&1; then
  echo "consumer: the gate passed a client with a known defect"; exit 1
fi
grep -q "wrong instant (fractional seconds dropped?)" /tmp/consumer-defect.txt
if CONFORMANCE_ROOT=/nonexistent/conformance swift test --skip-build --filter conforms > /tmp/consumer-wrong-root.txt 2>&1; then
  echo "consumer: a wrong suite path passed"; exit 1
fi
grep -q "/nonexistent/conformance: no contracts/ or recordings/ folder here" /tmp/consumer-wrong-root.txt
echo "consumer: build $((built - start)) s, tests and gates $(( $(date +%s) - built )) s"
