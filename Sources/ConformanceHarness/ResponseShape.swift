import Contracts
import JSON

/// What a response schema says about one place in a body, with `$ref`, `allOf`, `anyOf`/`oneOf`
/// and both spellings of nullability (`nullable: true` in OpenAPI 3.0, a `"null"` type in 3.1)
/// folded together. Mutations and expected views are derived from it.
public struct ResponseShape: Sendable, Hashable {
    /// JSON types the schema allows (`"integer"`, `"string"`, …); empty when it does not say.
    public var types: Set<String> = []
    /// Whether `null` is allowed here.
    public var nullable = false
    /// Documented members of an object, in schema order.
    public var properties: [Property] = []
    /// Names of the members that must be present.
    public var required: Set<String> = []
    /// True when members beyond `properties` are part of the value (a map: `additionalProperties` is a schema).
    public var isMap = false
    /// True when members beyond `properties` are forbidden (`additionalProperties: false`).
    public var closed = false
    /// The shape of array elements (zero or one entry).
    public var items: [ResponseShape] = []
    /// Documented values, when the schema lists them (`enum` or `const`).
    public var enumValues: [JSONValue]? = nil
    /// The `pattern` the value must match.
    public var pattern: String? = nil
    /// The `format` annotation.
    public var format: String? = nil
    /// How the value encodes an instant, from `x-timestamp`.
    public var timestamp: TimestampEncoding? = nil

    /// One documented member of an object.
    public struct Property: Sendable, Hashable {
        public var name: String
        public var shape: ResponseShape
    }

    public init() {}

    /// The shape of a documented member.
    public func property(_ name: String) -> ResponseShape? { properties.first { $0.name == name }?.shape }

    /// Whether the member may be both absent and null, so a client may report either.
    func allowsAbsentOrNull(_ name: String) -> Bool {
        guard let member = property(name) else { return false }
        return member.nullable && !required.contains(name)
    }

    /// Whether a non-null value of `value`'s JSON type is allowed here.
    func allowsType(of value: JSONValue) -> Bool {
        if types.isEmpty { return true }
        switch value {
        case .null: return nullable
        case .bool: return types.contains("boolean")
        case .string: return types.contains("string")
        case .array: return types.contains("array")
        case .object: return types.contains("object")
        case .number(let number):
            return types.contains("number") || (types.contains("integer") && number.isInteger)
        }
    }
}

extension ResponseShape {
    /// The shape of a response body, or nil when the response documents no schema.
    public init?(contract: Contract, response: ResponseSpec) {
        guard let pointer = response.schemaPointer else { return nil }
        var builder = ShapeBuilder(document: contract.document)
        self = builder.shape(at: pointer, depth: 0)
    }
}

extension ResponseShape {
    /// The shape of the schema at `pointer` (a request body's, say).
    init(contract: Contract, schemaAt pointer: JSONPointer) {
        var builder = ShapeBuilder(document: contract.document)
        self = builder.shape(at: pointer, depth: 0)
    }
}

/// Walks schemas through references; depth-bounded so a recursive schema ends.
private struct ShapeBuilder {
    let document: JSONValue
    var resolving: [JSONPointer] = []

    mutating func shape(at pointer: JSONPointer, depth: Int) -> ResponseShape {
        var shape = ResponseShape()
        merge(pointer, into: &shape, depth: depth)
        return shape
    }

    mutating func merge(_ pointer: JSONPointer, into shape: inout ResponseShape, depth: Int) {
        guard depth < 24, !resolving.contains(pointer), let schema = document[pointer]?.objectValue else { return }
        resolving.append(pointer)
        defer { resolving.removeLast() }
        if case .string(let ref)? = schema["$ref"], let target = try? JSONPointer(uriFragment: ref) {
            merge(target, into: &shape, depth: depth)
        }
        switch schema["type"] {
        case .string(let type)?: addTypes([type], to: &shape)
        case .array(let types)?: addTypes(types.compactMap(\.stringValue), to: &shape)
        default: break
        }
        if schema["nullable"] == .bool(true) { shape.nullable = true }
        if let values = schema["enum"]?.arrayValue {
            shape.enumValues = values.filter { $0 != .null }
            if values.contains(.null) { shape.nullable = true }
        }
        if let value = schema["const"] { shape.enumValues = [value] }
        if case .string(let pattern)? = schema["pattern"] { shape.pattern = pattern }
        if case .string(let format)? = schema["format"] { shape.format = format }
        if case .string(let annotation)? = schema["x-timestamp"] {
            shape.timestamp = TimestampEncoding(annotation: annotation)
        }
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] { shape.required.insert(name) }
        if case .object(let properties)? = schema["properties"] {
            for name in properties.keys {
                let child = pointer.appending("properties").appending(name)
                if let index = shape.properties.firstIndex(where: { $0.name == name }) {
                    merge(child, into: &shape.properties[index].shape, depth: depth + 1)
                } else {
                    shape.properties.append(.init(name: name, shape: self.shape(at: child, depth: depth + 1)))
                }
            }
        }
        switch schema["additionalProperties"] {
        case .bool(false)?: shape.closed = true
        case .object?, .bool(true)?: shape.isMap = true
        default: break
        }
        if schema["items"]?.objectValue != nil {
            let element = self.shape(at: pointer.appending("items"), depth: depth + 1)
            shape.items = [element]
        }
        for index in (schema["allOf"]?.arrayValue ?? []).indices {
            merge(pointer.appending("allOf").appending(index), into: &shape, depth: depth + 1)
        }
        for keyword in ["anyOf", "oneOf"] {
            guard let branches = schema[keyword]?.arrayValue else { continue }
            for index in branches.indices {
                let branch = pointer.appending(keyword).appending(index)
                if isNullSchema(branch) {
                    shape.nullable = true
                } else {
                    merge(branch, into: &shape, depth: depth + 1)
                }
            }
        }
    }

    private func addTypes(_ types: [String], to shape: inout ResponseShape) {
        for type in types {
            if type == "null" { shape.nullable = true } else { shape.types.insert(type) }
        }
    }

    private func isNullSchema(_ pointer: JSONPointer) -> Bool {
        guard let schema = document[pointer]?.objectValue else { return false }
        return schema["type"] == .string("null") || schema["enum"] == .array([.null]) || schema["const"] == .null
    }
}
