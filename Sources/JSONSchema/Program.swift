import ECMARegex
import JSON

/// A compiled schema set: nodes refer to each other by index, so recursion is a cycle of indices.
/// Immutable once built.
final class Program: Sendable {
    let nodes: [SchemaNode]
    /// Per resource index: its `$dynamicAnchor` names and the nodes they mark.
    let dynamicAnchors: [[String: Int]]
    let options: SchemaOptions
    /// Some node uses `$dynamicRef`, so evaluation tracks the resources it enters.
    let usesDynamicScope: Bool

    init(nodes: [SchemaNode], dynamicAnchors: [[String: Int]], options: SchemaOptions) {
        var nodes = nodes
        for n in nodes.indices { nodes[n].fast = nodes[n].checks.map(FastCheck.init) }
        self.nodes = nodes
        usesDynamicScope = nodes.contains { node in
            node.checks.contains { if case .dynamicRef = $0 { true } else { false } }
        }
        self.dynamicAnchors = dynamicAnchors
        self.options = options
    }
}

/// One compiled (sub)schema.
struct SchemaNode: Sendable {
    /// `#/…` place of this subschema (prefixed by its document URI outside the root document).
    var location: String
    /// Index of the schema resource (base URI) this node belongs to, for `$dynamicRef` scoping.
    var resource: Int
    var checks: [Check] = []
    /// `checks` as the evaluation loop dispatches them (filled when the program is built).
    var fast: [FastCheck] = []
    /// `false` schema (or one that can never pass).
    var alwaysFails = false
    /// True when `unevaluatedProperties`/`unevaluatedItems` apply here.
    var needsAnnotations = false
}

/// The hottest checks without reference-counted payloads, so the evaluation loop switches on them
/// without copying a ``Check``; everything else is `.general` and goes through ``Check``.
enum FastCheck: Sendable {
    case type(TypeMask)
    case ref(Int)
    case general

    init(_ check: Check) {
        switch check {
        case .type(let mask): self = .type(mask)
        case .ref(let target, _): self = .ref(target)
        default: self = .general
        }
    }
}

/// JSON types as bits.
struct TypeMask: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = TypeMask(rawValue: 1)
    static let boolean = TypeMask(rawValue: 2)
    static let object = TypeMask(rawValue: 4)
    static let array = TypeMask(rawValue: 8)
    static let number = TypeMask(rawValue: 16)
    static let string = TypeMask(rawValue: 32)
    static let integer = TypeMask(rawValue: 64)

    static func named(_ name: String) -> TypeMask? {
        switch name {
        case "null": .null
        case "boolean": .boolean
        case "object": .object
        case "array": .array
        case "number": .number
        case "string": .string
        case "integer": .integer
        default: nil
        }
    }

    var names: [String] {
        var result: [String] = []
        if contains(.null) { result.append("null") }
        if contains(.boolean) { result.append("boolean") }
        if contains(.object) { result.append("object") }
        if contains(.array) { result.append("array") }
        if contains(.number) { result.append("number") }
        if contains(.string) { result.append("string") }
        if contains(.integer) { result.append("integer") }
        return result
    }
}

/// A numeric bound kept exactly and as a double.
struct NumberBound: Sendable {
    let literal: String
    let decimal: DecimalLiteral
    let double: Double
    /// The double is the exact value (few digits, moderate exponent).
    let exact: Bool

    init(_ number: JSONNumber) {
        literal = number.literal
        decimal = DecimalLiteral(number.literal)
        double = number.doubleValue
        exact = decimal.digits.count <= 15 && abs(decimal.exponent) < 290
    }
}

/// Properties, patternProperties, additionalProperties and required, checked in one pass.
struct ObjectShape: Sendable {
    struct Entry: Sendable {
        var name: [UInt8]
        var display: String
        var node: Int?  // properties[name]
        var requiredOrdinal: Int  // -1 when not required
    }
    var entries: [Entry] = []
    /// Open-addressed table of entry index + 1, by FNV-1a of the name (used when there are many entries).
    var table: [Int32] = []
    var requiredCount = 0
    var patterns: [(regex: Pattern, node: Int, source: String)] = []
    var additional: Int?
    var hasProperties = false
    var hasAdditionalKeyword = false
}

/// `enum` values; `strings` holds their UTF-8 when every value is a string.
struct EnumValues: Sendable {
    var values: [JSONValue]
    var strings: [[UInt8]]?
}

struct ArrayShape: Sendable {
    /// Schemas of the first elements (2020-12 `prefixItems`, draft 4 array `items`).
    var prefix: [Int] = []
    /// Schema of the elements after the prefix (2020-12 `items`, draft 4 `additionalItems` or object `items`).
    var rest: Int?
    var restKeyword = "items"
}

/// An immutable value behind one reference, so that matching a ``Check`` retains once instead of
/// once per array inside the value.
final class Shared<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// One compiled keyword (or a group of keywords evaluated together).
enum Check: Sendable {
    case type(TypeMask)
    case object(Shared<ObjectShape>)
    case propertyNames(Int)
    case propertyCount(min: Int?, max: Int?)
    case dependentRequired([(trigger: [UInt8], triggerName: String, names: [String], keyword: String)])
    case dependentSchemas([(trigger: [UInt8], triggerName: String, node: Int, keyword: String)])
    case array(Shared<ArrayShape>)
    case itemCount(min: Int?, max: Int?)
    case uniqueItems
    case contains(node: Int, min: Int, max: Int?, keyword: String)
    case length(min: Int?, max: Int?)
    case pattern(Pattern)
    case format(Format)
    case minimum(NumberBound, exclusive: Bool, keyword: String)
    case maximum(NumberBound, exclusive: Bool, keyword: String)
    case multipleOf(NumberBound)
    case enumeration(Shared<EnumValues>)
    case constant(JSONValue)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    /// OpenAPI 3.0 `nullable: true` read as "allows null": null passes, anything else must pass the node.
    case unlessNull(Int)
    case ifThenElse(condition: Int, then: Int?, else: Int?)
    case ref(Int, keyword: String)
    case dynamicRef(staticTarget: Int, anchor: String?)
    case unevaluatedProperties(Int)
    case unevaluatedItems(Int)
}
