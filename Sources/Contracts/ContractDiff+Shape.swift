import JSON

/// A schema reduced to what a client can observe: `$ref`s followed, `allOf` merged, `nullable: true`
/// (3.0), `type: [.., "null"]` (3.1) and `anyOf`/`oneOf` with a null branch all folded into
/// ``nullable``. Every keyword remembers where it was written, for pointers in messages.
struct SchemaShape {
    /// The schema as reached (a property's schema, possibly a `$ref`).
    var at: JSONPointer
    /// Where its `$ref` chain ends.
    var resolvedAt: JSONPointer
    /// JSON types other than null; nil when any type is allowed. `integer` is dropped beside `number`.
    var types: Set<String>? = nil
    var typeAt: JSONPointer? = nil
    /// True when null is a valid instance.
    var nullable = true
    var nullableAt: JSONPointer? = nil
    var format: String? = nil
    var formatAt: JSONPointer? = nil
    var pattern: String? = nil
    var patternAt: JSONPointer? = nil
    /// The allowed non-null values (`enum`, `const`); nil when not limited.
    var enumValues: [JSONValue]? = nil
    var enumAt: JSONPointer? = nil
    var propertyOrder: [String] = []
    /// Every schema that constrains a property (several when `allOf` parts declare the same one).
    var properties: [String: [JSONPointer]] = [:]
    var required: Set<String> = []
    var items: [JSONPointer]? = nil
    var alternatives: [Alternatives] = []
    var limits: [String: Limit] = [:]
    /// `$ref`s that did not resolve (pointing at the `$ref` member).
    var unresolved: [JSONPointer] = []
    /// The schema nests deeper than the resolver follows.
    var truncated = false

    /// `anyOf`/`oneOf` with more than one non-null branch: compared branch by branch, conservatively.
    struct Alternatives {
        var keyword: String
        var at: JSONPointer
        var branches: [JSONPointer]
    }

    struct Limit {
        var value: JSONNumber
        var at: JSONPointer
    }

    static let limitKeywords = [
        "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
        "minProperties", "maxProperties",
    ]

    init(at pointer: JSONPointer) {
        at = pointer
        resolvedAt = pointer
    }

    /// True for a schema whose only instance is null (`{"type": "null"}`, `{"enum": [null]}`).
    var isNullOnly: Bool { nullable && (types == [] || enumValues?.isEmpty == true) }

    /// True when an instance of JSON type `name` may be valid.
    func allows(_ name: String) -> Bool { types.map { SchemaShape.allows($0, name) } ?? true }

    /// `string | null`, `integer`, `any`.
    var typeDescription: String {
        guard let types else { return nullable ? "any" : "any but null" }
        var names = types.sorted()
        if nullable { names.append("null") }
        return names.isEmpty ? "nothing" : names.joined(separator: " | ")
    }

    /// Both constraints at once (`allOf`).
    mutating func intersect(with other: SchemaShape) {
        types = SchemaShape.intersect(types, other.types)
        typeAt = typeAt ?? other.typeAt
        nullable = nullable && other.nullable
        nullableAt = nullableAt ?? other.nullableAt
        if format == nil { (format, formatAt) = (other.format, other.formatAt) }
        if pattern == nil { (pattern, patternAt) = (other.pattern, other.patternAt) }
        enumValues = SchemaShape.intersect(enumValues, other.enumValues)
        enumAt = enumAt ?? other.enumAt
        for name in other.propertyOrder {
            if properties[name] == nil { propertyOrder.append(name) }
            properties[name, default: []] += other.properties[name] ?? []
        }
        required.formUnion(other.required)
        if let more = other.items { items = (items ?? []) + more }
        alternatives += other.alternatives
        limits.merge(other.limits) { mine, _ in mine }
        unresolved += other.unresolved
        truncated = truncated || other.truncated
    }

    static func allows(_ types: Set<String>, _ name: String) -> Bool {
        types.contains(name) || (name == "integer" && types.contains("number"))
    }

    /// Types valid under both; nil means any.
    static func intersect(_ a: Set<String>?, _ b: Set<String>?) -> Set<String>? {
        guard let a else { return b }
        guard let b else { return a }
        return normalized(a.filter { allows(b, $0) }.union(b.filter { allows(a, $0) }))
    }

    /// True when every type of `a` is allowed by `b`.
    static func isSubset(_ a: Set<String>?, of b: Set<String>?) -> Bool {
        guard let b else { return true }
        guard let a else { return false }
        return a.allSatisfy { allows(b, $0) }
    }

    static func normalized(_ types: Set<String>) -> Set<String> {
        types.contains("number") ? types.subtracting(["integer"]) : types
    }

    static func intersect(_ a: [JSONValue]?, _ b: [JSONValue]?) -> [JSONValue]? {
        guard let a else { return b }
        guard let b else { return a }
        return a.filter { value in b.contains { $0.isEqualValue(value) } }
    }
}

/// Builds ``SchemaShape``s from one document, with the dialect's rules for `$ref` siblings and
/// `nullable`.
struct SchemaResolver {
    let document: JSONValue
    /// OpenAPI 3.0: `nullable` counts and a `$ref`'s siblings are ignored.
    let isOpenAPI30: Bool
    /// The members of `paths` and of each `components` map by name: objects look members up one by
    /// one, and large contracts have thousands of schemas.
    private let index: [String: [String: JSONValue]]

    /// `$ref` chains longer than this are not followed.
    static let maxDepth = 64
    /// `$ref`, `allOf`, `anyOf` and `oneOf` nested deeper than this within one schema are not followed.
    static let maxNesting = 128
    /// Schema objects visited per shape at most: shared `allOf` parts can make the number of paths
    /// through a document grow exponentially with its depth.
    static let visitBudget = 4_096

    init(contract: Contract) {
        document = contract.document
        isOpenAPI30 = contract.dialect == .openAPI30
        var index: [String: [String: JSONValue]] = [:]
        func add(_ key: String, _ value: JSONValue?) {
            guard case .object(let object)? = value else { return }
            index[key] = Dictionary(object.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        add("paths", document["paths"])
        for (name, map) in document["components"]?.objectValue ?? JSONObject() { add("components/" + name, map) }
        self.index = index
    }

    /// The value at `pointer`, found through the index where it can be.
    func value(at pointer: JSONPointer) -> JSONValue? {
        let tokens = pointer.tokens
        let key: String
        let depth: Int
        if tokens.count >= 3 && tokens[0] == "components" {
            (key, depth) = ("components/" + tokens[1], 2)
        } else if tokens.count >= 2 && tokens[0] == "paths" {
            (key, depth) = ("paths", 1)
        } else {
            return document[pointer]
        }
        guard let map = index[key] else { return document[pointer] }
        guard let start = map[tokens[depth]] else { return nil }
        return start[JSONPointer(tokens: Array(tokens[(depth + 1)...]))]
    }

    /// The shape of the schemas at `pointers`, all applying at once.
    func shape(of pointers: [JSONPointer]) -> SchemaShape {
        var shape = SchemaShape(at: pointers.first ?? .root)
        shape.resolvedAt = endOfReferenceChain(shape.at)
        var applied: Set<JSONPointer> = []
        var budget = SchemaResolver.visitBudget
        for pointer in pointers {
            apply(pointer, to: &shape, depth: 0, visiting: &applied, budget: &budget)
        }
        shape.types = shape.types.map(SchemaShape.normalized)
        return shape
    }

    /// The pointer a chain of `$ref`s ends at (the start when it is not a reference or does not resolve).
    func endOfReferenceChain(_ start: JSONPointer) -> JSONPointer {
        var pointer = start
        for _ in 0..<SchemaResolver.maxDepth {
            guard case .string(let ref)? = value(at: pointer)?["$ref"], let target = try? JSONPointer(uriFragment: ref),
                value(at: target) != nil
            else { break }
            pointer = target
        }
        return pointer
    }

    /// Where a chain of `$ref`s that add nothing ends: every `$ref` in 3.0 (siblings are ignored), in
    /// 3.1 those whose siblings are annotations only. The schema there means the same as at `start`.
    func canonical(_ start: JSONPointer) -> JSONPointer {
        var pointer = start
        for _ in 0..<SchemaResolver.maxDepth {
            guard case .object(let object)? = value(at: pointer), case .string(let ref)? = object["$ref"],
                let target = try? JSONPointer(uriFragment: ref), value(at: target) != nil
            else { break }
            if !isOpenAPI30 && !object.allSatisfy({ SchemaResolver.isReferenceOrAnnotation($0.key) }) { break }
            pointer = target
        }
        return pointer
    }

    private static func isReferenceOrAnnotation(_ key: String) -> Bool {
        ["$ref", "description", "title", "summary", "example", "examples", "$comment"].contains(key)
            || key.hasPrefix("x-")
    }

    private func apply(
        _ pointer: JSONPointer, to shape: inout SchemaShape, depth: Int, visiting: inout Set<JSONPointer>,
        budget: inout Int
    ) {
        guard depth < SchemaResolver.maxNesting, budget > 0 else {
            shape.truncated = true
            return
        }
        budget -= 1
        // Constraints intersect, so a schema applied once to this shape (a shared `allOf` part, a `$ref`
        // loop) adds nothing the second time.
        guard !visiting.contains(pointer), let schema = value(at: pointer) else { return }
        guard case .object(let object) = schema else {
            if schema == .bool(false) {
                shape.types = []
                shape.nullable = false
            }
            return
        }
        visiting.insert(pointer)
        if case .string(let ref)? = object["$ref"] {
            if let target = try? JSONPointer(uriFragment: ref), value(at: target) != nil {
                apply(target, to: &shape, depth: depth + 1, visiting: &visiting, budget: &budget)
            } else {
                shape.unresolved.append(pointer.appending("$ref"))
            }
            if isOpenAPI30 { return }
        }
        applyKeywords(object, at: pointer, to: &shape)
        for index in (object["allOf"]?.arrayValue ?? []).indices {
            apply(
                pointer.appending("allOf").appending(index), to: &shape, depth: depth + 1, visiting: &visiting,
                budget: &budget)
        }
        for keyword in ["anyOf", "oneOf"] {
            foldAlternatives(
                keyword, of: object, at: pointer, into: &shape, depth: depth, visiting: &visiting, budget: &budget)
        }
    }

    /// The schema object's own keywords (not its `$ref` or subschema lists).
    private func applyKeywords(_ object: JSONObject, at pointer: JSONPointer, to shape: inout SchemaShape) {
        var allowsNull = true
        if let type = object["type"] {
            let names = type.stringValue.map { [$0] } ?? (type.arrayValue ?? []).compactMap(\.stringValue)
            shape.types = SchemaShape.intersect(shape.types, Set(names.filter { $0 != "null" }))
            shape.typeAt = shape.typeAt ?? pointer
            allowsNull = names.contains("null") || (isOpenAPI30 && object["nullable"] == .bool(true))
            shape.nullableAt = shape.nullableAt ?? pointer
        }
        var listed: [JSONValue]? = object["enum"]?.arrayValue
        if let constant = object["const"], !isOpenAPI30 {
            listed = (listed ?? [constant]).filter { $0.isEqualValue(constant) }
        }
        if let listed {
            shape.enumValues = SchemaShape.intersect(shape.enumValues, listed.filter { !$0.isNull })
            shape.enumAt = shape.enumAt ?? pointer
            allowsNull = allowsNull && listed.contains(.null)
            shape.nullableAt = shape.nullableAt ?? pointer
        }
        if !allowsNull { shape.nullable = false }
        if shape.format == nil, case .string(let format)? = object["format"] {
            (shape.format, shape.formatAt) = (format, pointer)
        }
        if shape.pattern == nil, case .string(let pattern)? = object["pattern"] {
            (shape.pattern, shape.patternAt) = (pattern, pointer)
        }
        for keyword in SchemaShape.limitKeywords where shape.limits[keyword] == nil {
            if case .number(let value)? = object[keyword] { shape.limits[keyword] = .init(value: value, at: pointer) }
        }
        // OpenAPI 3.0 writes an exclusive bound as a boolean beside minimum/maximum; 3.1 as the number itself.
        for (bound, exclusive) in [("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")]
        where object[exclusive] == .bool(true) {
            if let limit = shape.limits.removeValue(forKey: bound) { shape.limits[exclusive] = limit }
        }
        if case .object(let properties)? = object["properties"] {
            for name in properties.keys {
                if shape.properties[name] == nil { shape.propertyOrder.append(name) }
                shape.properties[name, default: []].append(pointer.appending("properties").appending(name))
            }
        }
        for name in object["required"]?.arrayValue ?? [] {
            if case .string(let name) = name { shape.required.insert(name) }
        }
        if let items = object["items"], items.objectValue != nil || items.boolValue != nil {
            shape.items = (shape.items ?? []) + [pointer.appending("items")]
        }
    }

    /// `anyOf`/`oneOf`: null branches become nullability; a single remaining branch is merged as if
    /// written in place (`anyOf: [{$ref: X}, {type: null}]` is a nullable X); more stay alternatives.
    private func foldAlternatives(
        _ keyword: String, of object: JSONObject, at pointer: JSONPointer, into shape: inout SchemaShape, depth: Int,
        visiting: inout Set<JSONPointer>, budget: inout Int
    ) {
        guard let branches = object[keyword]?.arrayValue, !branches.isEmpty else { return }
        var others: [(JSONPointer, SchemaShape)] = []
        var hasNull = false
        for index in branches.indices {
            let branch = pointer.appending(keyword).appending(index)
            var sub = SchemaShape(at: branch)
            sub.resolvedAt = endOfReferenceChain(branch)
            // A branch skips what this shape already has: the result is intersected with it anyway.
            var applied = visiting
            apply(branch, to: &sub, depth: depth + 1, visiting: &applied, budget: &budget)
            shape.unresolved += sub.unresolved
            shape.truncated = shape.truncated || sub.truncated
            if sub.isNullOnly {
                hasNull = true
            } else {
                others.append((branch, sub))
            }
        }
        var folded = SchemaShape(at: pointer)
        if others.count == 1 {
            folded = others[0].1
            folded.unresolved = []
        } else if others.isEmpty {
            folded.types = []
        } else {
            shape.alternatives.append(.init(keyword: keyword, at: pointer, branches: others.map(\.0)))
            let all = others.map(\.1)
            folded.types =
                all.contains { $0.types == nil }
                ? nil : all.reduce(into: Set<String>()) { $0.formUnion($1.types ?? []) }
            folded.nullable = all.contains(where: \.nullable)
        }
        if hasNull {
            folded.nullable = true
            folded.nullableAt = pointer
        }
        shape.intersect(with: folded)
    }
}
