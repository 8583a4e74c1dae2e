import JSON

/// Which places of the old document mean the same in the new one, `$ref`s and all: the diff skips
/// them, so identical inputs compare in one pass over the documents however densely their schemas
/// recurse, and two releases are compared only where they differ.
///
/// A place is unchanged when its value is the same in both documents (ignoring descriptions, titles,
/// examples and `x-` extensions, which the diff never reads) and every `$ref` inside it points at an
/// unchanged place. The second half is a fixpoint over the reference graph: every `$ref` target
/// whose own value changed is marked, then everything that refers to a marked target, until nothing
/// more is marked.
struct UnchangedIndex {
    private let old: SchemaResolver
    private let new: SchemaResolver
    /// Every `$ref` target of the old document, with whether it changed (itself or through its refs).
    private var changedTarget: [JSONPointer: Bool] = [:]

    /// Nil when the documents are read with different rules (3.0 and 3.1): then nothing is skipped.
    init?(old: SchemaResolver, new: SchemaResolver) {
        guard old.isOpenAPI30 == new.isOpenAPI30 else { return nil }
        self.old = old
        self.new = new
        var targets: Set<JSONPointer> = []
        Self.collectReferences(in: old.document, into: &targets)
        var referrers: [JSONPointer: [JSONPointer]] = [:]
        var queue: [JSONPointer] = []
        for target in targets {
            let (before, after) = (old.value(at: target), new.value(at: target))
            // Dangling in both: the same (lint reports it); the diff only reports what is new.
            if before == nil && after == nil {
                changedTarget[target] = false
                continue
            }
            guard let before, let after, Self.sameMeaning(before, after) else {
                changedTarget[target] = true
                queue.append(target)
                continue
            }
            changedTarget[target] = false
            var inner: Set<JSONPointer> = []
            Self.collectReferences(in: before, into: &inner)
            for reference in inner { referrers[reference, default: []].append(target) }
        }
        while let target = queue.popLast() {
            for referrer in referrers[target] ?? [] where changedTarget[referrer] == false {
                changedTarget[referrer] = true
                queue.append(referrer)
            }
        }
    }

    /// True when the schema (or other object) at `pointer` means the same in both documents.
    func isUnchanged(_ pointer: JSONPointer) -> Bool {
        if let changed = changedTarget[pointer] { return !changed }
        guard let before = old.value(at: pointer), let after = new.value(at: pointer), Self.sameMeaning(before, after)
        else { return false }
        var inner: Set<JSONPointer> = []
        Self.collectReferences(in: before, into: &inner)
        return inner.allSatisfy { changedTarget[$0] == false }
    }

    /// Every local `$ref` in `value` (unparseable ones are left out: they resolve nowhere in either).
    static func collectReferences(in value: JSONValue, into targets: inout Set<JSONPointer>) {
        switch value {
        case .object(let object):
            for member in object {
                if member.key == "$ref", case .string(let ref) = member.value {
                    if let target = try? JSONPointer(uriFragment: ref) { targets.insert(target) }
                } else {
                    collectReferences(in: member.value, into: &targets)
                }
            }
        case .array(let elements):
            for element in elements { collectReferences(in: element, into: &targets) }
        default:
            break
        }
    }

    /// Members whose keys are names (of properties, components, media types), never keywords.
    private static let nameMaps: Set<String> = [
        "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependentRequired",
        "schemas", "parameters", "responses", "requestBodies", "headers", "securitySchemes", "content",
        "encoding", "links", "callbacks", "paths", "pathItems", "mapping", "scopes", "variables",
    ]

    /// Keywords no comparison reads: two values that differ only in them compare the same.
    private static func isAnnotation(_ key: String, _ a: JSONValue?, _ b: JSONValue?) -> Bool {
        switch key {
        // A property called `description` holds a schema (an object): only strings are annotations.
        case "description", "title", "summary":
            return (a == nil || a?.stringValue != nil) && (b == nil || b?.stringValue != nil)
        case "example", "examples", "externalDocs": return true
        default: return key.hasPrefix("x-")
        }
    }

    /// Equal but for annotations; `keysAreNames` for the members of a name map.
    static func sameMeaning(_ a: JSONValue, _ b: JSONValue, keysAreNames: Bool = false) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            // Member lookup is linear; name maps (a `properties` or `schemas` map) can be large.
            let large = x.count > 16 || y.count > 16
            let (xs, ys) = large ? (x.dictionary, y.dictionary) : ([:], [:])
            func lookup(_ key: String, _ object: JSONObject, _ map: [String: JSONValue]) -> JSONValue? {
                large ? map[key] : object[key]
            }
            for member in x {
                let other = lookup(member.key, y, ys)
                if !keysAreNames && isAnnotation(member.key, member.value, other) { continue }
                guard let other else { return false }
                let equal =
                    ["enum", "const", "default", "required"].contains(member.key) && !keysAreNames
                    ? member.value.isEqualValue(other)
                    : sameMeaning(member.value, other, keysAreNames: !keysAreNames && nameMaps.contains(member.key))
                if !equal { return false }
            }
            for member in y where lookup(member.key, x, xs) == nil {
                if keysAreNames || !isAnnotation(member.key, nil, member.value) { return false }
            }
            return true
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { sameMeaning($0, $1) }
        default:
            return a.isEqualValue(b)
        }
    }
}
