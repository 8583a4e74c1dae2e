#!/usr/bin/env bash
# `conformance serve` against nginx serving the same bytes as a static file, side by side, under wrk
# on loopback (both on this machine's cores, as wrk is). Needs Debian's wrk and nginx.
#   Sources/ConformanceBenchmarks/compare/serve-vs-nginx.sh [SECONDS] [CONNECTIONS]
# Prints requests/s and latency percentiles for: 16 connections (wrk -t2 -c16, the issue's setting),
# 1 connection (wrk -t1 -c1), and the unmatched path (a request no cassette holds).
set -euo pipefail
cd "$(dirname "$0")/../../.."
seconds=${1:-10}
connections=${2:-16}
swift build -c release --product conformance >/dev/null
work=$(mktemp -d)
trap 'kill $serve_pid 2>/dev/null || true; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT
cassette=recordings/openphone/getMessageById_v1/documented-example.json
path=/v1/messages/AC123abc
# The recorded body, byte for byte, as nginx's static file.
python3 - "$cassette" "$work/root$path" <<'PY'
import json, os, sys
cassette = json.load(open(sys.argv[1]))
body = cassette["interactions"][0]["response"]["body"]
data = json.dumps(body["json"], separators=(",", ":")).encode() if "json" in body else body.get("text", "").encode()
os.makedirs(os.path.dirname(sys.argv[2]), exist_ok=True)
open(sys.argv[2], "wb").write(data)
PY
cat > "$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  server { listen 127.0.0.1:18931; root $work/root; location / { try_files \$uri =404; } }
}
CONF
nginx -c "$work/nginx.conf"
.build/release/conformance serve --port 18932 "$cassette" > "$work/serve.out" 2> "$work/serve.err" &
serve_pid=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:18932$path" | cmp - "$work/root$path" && echo "same bytes from both servers"
# The request a conforming client sends (the key itself in Authorization, as OpenPhone documents),
# so serve answers without violations to report and log.
run() { wrk --latency -H "Authorization: test-key" "$@" | awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$4} END {printf "%10s req/s  p50 %-8s p99 %-8s non-2xx %s\n", rps, p50, p99, bad+0}'; }
echo "wrk -t2 -c$connections -d${seconds}s:"
printf '  nginx (1 worker)   '; run -t2 -c"$connections" -d"${seconds}s" "http://127.0.0.1:18931$path"
printf '  conformance serve  '; run -t2 -c"$connections" -d"${seconds}s" "http://127.0.0.1:18932$path"
echo "wrk -t1 -c1 -d${seconds}s:"
printf '  nginx (1 worker)   '; run -t1 -c1 -d"${seconds}s" "http://127.0.0.1:18931$path"
printf '  conformance serve  '; run -t1 -c1 -d"${seconds}s" "http://127.0.0.1:18932$path"
echo "unmatched request, wrk -t2 -c$connections -d${seconds}s (500 by design):"
printf '  conformance serve  '; run -t2 -c"$connections" -d"${seconds}s" "http://127.0.0.1:18932/v1/messages/ACnothing"
