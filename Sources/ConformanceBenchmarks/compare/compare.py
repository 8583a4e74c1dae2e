"""Times Python json.loads + jsonschema-rs over the conformance-bench corpus, and writes verdicts.

Uses only already-installed modules (install jsonschema-rs yourself: `pip install jsonschema-rs`).

    swift run -c release conformance-bench --write-jsonl /tmp/op.jsonl --write-schema /tmp/op.schema.json
    python3 Sources/ConformanceBenchmarks/compare/compare.py /tmp/op.schema.json /tmp/op.jsonl /tmp/rs.verdicts
    swift build -c release --product conformance
    time .build/release/conformance validate --schema /tmp/op.schema.json --jsonl /tmp/op.jsonl > /tmp/ours.out
    cut -d' ' -f1 /tmp/ours.out | cmp - /tmp/rs.verdicts && echo identical verdicts

`validate_formats=True` because Conformance asserts `format` (date-time) as the contracts require;
jsonschema-rs treats 2020-12 `format` as an annotation unless told otherwise.
"""

import importlib.metadata
import json
import sys
import time

import jsonschema_rs


def best(runs, body):
    result = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        body()
        result = min(result, time.perf_counter() - t0)
    return result


def main():
    schema_path, jsonl_path = sys.argv[1], sys.argv[2]
    verdicts_path = sys.argv[3] if len(sys.argv) > 3 else None
    schema = json.load(open(schema_path))
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    verdicts = []

    def end_to_end():
        verdicts.clear()
        data = open(jsonl_path, "rb").read()
        for line in data.split(b"\n"):
            if not line:
                continue
            try:
                verdicts.append("valid" if validator.is_valid(json.loads(line)) else "invalid")
            except ValueError:
                verdicts.append("invalid")

    lines = [line for line in open(jsonl_path, "rb").read().split(b"\n") if line]
    parse = best(3, lambda: [json.loads(line) for line in lines])
    documents = [json.loads(line) for line in lines]
    validate = best(3, lambda: [validator.is_valid(d) for d in documents])
    total = best(3, end_to_end)
    size = sum(len(line) + 1 for line in lines)
    print(f"jsonschema-rs {importlib.metadata.version('jsonschema-rs')}, Python {sys.version.split()[0]}, {len(lines)} lines, {size} bytes")
    print(f"json.loads:      {size / parse / 1e6:7.1f} MB/s ({parse:.3f} s)")
    print(f"is_valid:        {len(lines) / validate:7.0f} validations/s ({validate / len(lines) * 1e6:.3f} µs each)")
    print(f"end to end:      {total:.3f} s (read, split, json.loads, is_valid; best of 3); {verdicts.count('valid')} valid")
    if verdicts_path:
        with open(verdicts_path, "w") as out:
            out.write("\n".join(verdicts) + "\n")


if __name__ == "__main__":
    main()
