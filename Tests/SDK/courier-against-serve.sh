#!/usr/bin/env bash
# The official Courier Python SDK (from PyPI, so not part of `swift test`, which stays offline)
# against `conformance serve` over recordings/courier: its list call with the comma-joined status
# filter matches the recorded one as the contract reads it, a repeat is answered again, a
# conforming send has no violation, and one without content is told what is wrong.
#   Tests/SDK/courier-against-serve.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pip install -q trycourier
swift build --product conformance >/dev/null
port=18952
.build/debug/conformance serve --port "$port" recordings/courier >/dev/null 2>/tmp/courier-serve.err &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
sleep 1.5
python3 - "$port" <<'PY'
import sys
from courier import Courier
client = Courier(api_key="test-key-1234567890", base_url=f"http://127.0.0.1:{sys.argv[1]}", max_retries=0)
filters = dict(status=["DELIVERED", "UNDELIVERABLE"], notification="Q8ZK3V7M2N4P6R9T1W5X0Y3B8C2D")
first = client.messages.with_raw_response.list(**filters)
assert first.status_code == 200 and "%2C" in str(first.http_request.url), first.http_request.url
again = client.messages.with_raw_response.list(**filters)
assert again.status_code == 200 and again.headers.get("x-conformance-replay") == "repeat"
sent = client.send.with_raw_response.message(
    message={"to": {"email": "a@example.com"}, "content": {"title": "Hi", "body": "Hello"}})
assert sent.status_code in (200, 202) and not sent.headers.get("x-conformance-violation"), sent.headers
bad = client.send.with_raw_response.message(message={"to": {"email": "a@example.com"}})
assert 'required property "content"' in (bad.headers.get("x-conformance-violation") or ""), bad.headers
print("courier SDK against serve: list (comma-joined status), repeat, conforming send, violation reported: ok")
PY
