#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into OUT/<target>/ (a temporary folder; nothing here
is committed): the hand-made seeds in Tests/Fuzz/seeds/, plus what the repository already holds —
contracts, their component schemas, recordings, test fixtures, and the JSON-Schema-Test-Suite when
../shared/jsonschema-test-suite is beside the clone. Usage: fuzz-seeds.py REPO OUT"""
import hashlib, json, os, sys

repo, out = sys.argv[1], sys.argv[2]
DIALECTS = {"openapi-3.0": 0, "openapi-3.1": 1, "draft4": 2, "draft2020-12": 3}


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)


def files(*roots, suffixes=(".json", ".jsonl", ".har")):
    for root in roots:
        root = os.path.join(repo, root)
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".build")]
            for name in sorted(names):
                if name.endswith(suffixes):
                    yield os.path.join(folder, name)


def read(path):
    with open(path, "rb") as f:
        return f.read()


# Hand-made seeds, one folder per target.
seeds = os.path.join(repo, "Tests", "Fuzz", "seeds")
for target in sorted(os.listdir(seeds)):
    for name in sorted(os.listdir(os.path.join(seeds, target))):
        put(target, read(os.path.join(seeds, target, name)))

# JSON: every JSON file the repository holds.
for path in files("contracts", "recordings", "Tests"):
    if "/Fuzz/" not in path:
        put("json", read(path))

# Cassettes and HAR files.
for path in files("recordings", "Tests/CassettesTests/recordings", suffixes=(".json",)):
    put("cassette", read(path))
    put("scan", read(path))
for path in files("Tests", suffixes=(".har",)):
    put("har", read(path))


def rewrite(value, old, new):
    if isinstance(value, dict):
        return {k: (v.replace(old, new, 1) if k == "$ref" and isinstance(v, str) else rewrite(v, old, new)) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite(v, old, new) for v in value]
    return value


# Schemas: each contract's component schemas, made self-contained, in the contract's dialect.
for path in files("contracts", suffixes=(".openapi.json",)):
    try:
        contract = json.loads(read(path))
    except ValueError:
        continue
    dialect = "openapi-3.0" if str(contract.get("openapi", "")).startswith("3.0") else "openapi-3.1"
    holder = "definitions" if dialect == "openapi-3.0" else "$defs"
    components = rewrite(contract.get("components", {}).get("schemas", {}), "#/components/schemas/", "#/%s/" % holder)
    for name, schema in components.items():
        if not isinstance(schema, dict):
            continue
        document = dict(schema)
        document[holder] = components
        put("schema", bytes([DIALECTS[dialect]]) + json.dumps(document).encode())

# The official JSON-Schema-Test-Suite, when present (CONFORMANCE_JSON_SCHEMA_SUITE names it, as for
# `swift test`; else ../shared/jsonschema-test-suite): [schema, instances...] per group.
suite = os.path.join(
    os.environ.get("CONFORMANCE_JSON_SCHEMA_SUITE") or os.path.join(repo, "..", "shared", "jsonschema-test-suite"), "tests")
for folder, dialect in (("draft2020-12", "draft2020-12"), ("draft4", "draft4")):
    directory = os.path.join(suite, folder)
    if not os.path.isdir(directory):
        continue
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        try:
            groups = json.loads(read(os.path.join(directory, name)))
        except ValueError:
            continue
        for group in groups:
            document = [group["schema"]] + [test["data"] for test in group.get("tests", [])]
            put("schema", bytes([DIALECTS[dialect]]) + json.dumps(document).encode())

# YAML: the contracts (JSON is YAML) and, when present, every input of the official YAML test suite
# (CONFORMANCE_YAML_SUITE names it, as for `swift test`; else ../shared/yaml-test-suite).
for path in files("contracts", suffixes=(".openapi.json", ".openapi.yaml", ".openapi.yml")):
    put("yaml", read(path))
yaml_suite = os.environ.get("CONFORMANCE_YAML_SUITE") or os.path.join(repo, "..", "shared", "yaml-test-suite")
for folder, dirs, names in os.walk(yaml_suite):
    if "in.yaml" in names:
        put("yaml", read(os.path.join(folder, "in.yaml")))

for target in sorted(os.listdir(out)):
    print("%s: %d seeds" % (target, len(os.listdir(os.path.join(out, target)))))
