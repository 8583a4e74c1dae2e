/// A JSON value as a tree, for building, mutating, comparing and writing. Objects keep member order.
///
/// Equality is structural and literal: `1` and `1.0` differ (use ``JSONValue/isEqualValue(_:)`` for
/// JSON Schema equality), and object equality ignores member order.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// Element `index` of an array (nil when out of range or not an array).
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The value `pointer` refers to, if any.
    public subscript(pointer: JSONPointer) -> JSONValue? {
        var current = self
        for token in pointer.tokens {
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let elements):
                guard let index = JSONPointer.arrayIndex(token), index < elements.count else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }

    public var isNull: Bool { self == .null }
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The JSON type name: `null`, `boolean`, `integer` (an integer literal), `number`, `string`,
    /// `array` or `object`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let n): n.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// JSON Schema equality: numbers compare by value (`1 == 1.0`), objects ignore member order.
    public func isEqualValue(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a.isEqualValue(b)
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEqualValue($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            guard a.count > JSONObject.linearLimit else {
                return a.allSatisfy { member in b[member.key].map { member.value.isEqualValue($0) } ?? false }
            }
            let other = b.dictionary
            return a.allSatisfy { member in other[member.key].map { member.value.isEqualValue($0) } ?? false }
        default: return false
        }
    }
}

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONNumber(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

/// An object's members in document order. Keys are unique: setting an existing key replaces its
/// value in place.
public struct JSONObject: Sendable, Hashable, Sequence {
    public typealias Member = (key: String, value: JSONValue)
    private var storage: [Member]
    /// Positions by key once the object is larger than ``linearLimit``: looking up each of a
    /// hostile document's 100,000 `components/schemas` by scanning would be quadratic.
    private var positions: [String: Int]?

    /// Members in order; a later duplicate key replaces the earlier value.
    public init(_ members: [Member] = []) {
        storage = []
        storage.reserveCapacity(members.count)
        guard members.count > JSONObject.linearLimit else {
            for member in members { self[member.key] = member.value }
            return
        }
        // Large objects (a hostile document may hold a million keys) are deduplicated through a hash
        // table: setting members one by one would be quadratic.
        var positions: [String: Int] = [:]
        positions.reserveCapacity(members.count)
        for member in members {
            if let index = positions[member.key] {
                storage[index].value = member.value
            } else {
                positions[member.key] = storage.count
                storage.append(member)
            }
        }
        self.positions = positions
    }

    /// Objects up to this many members are searched linearly; larger ones are compared through a hash table.
    static let linearLimit = 16

    package init(uniqueMembers: [Member]) {
        storage = uniqueMembers
        if storage.count > JSONObject.linearLimit { indexPositions() }
    }

    private mutating func indexPositions() {
        var positions: [String: Int] = [:]
        positions.reserveCapacity(storage.count)
        for (index, member) in storage.enumerated() { positions[member.key] = index }
        self.positions = positions
    }

    private func position(of key: String) -> Int? {
        if let positions { return positions[key] }
        return storage.firstIndex { $0.key == key }
    }

    public var keys: [String] { storage.map(\.key) }
    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    public var members: [Member] { storage }

    /// Reading finds the member; writing replaces it in place, appends a new key, or removes it (nil).
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { storage[$0].value } }
        set {
            if let index = position(of: key) {
                if let newValue {
                    storage[index].value = newValue
                } else {
                    storage.remove(at: index)
                    positions = nil
                    if storage.count > JSONObject.linearLimit { indexPositions() }
                }
            } else if let newValue {
                storage.append((key: key, value: newValue))
                if positions != nil {
                    positions?[key] = storage.count - 1
                } else if storage.count > JSONObject.linearLimit {
                    indexPositions()
                }
            }
        }
    }

    public func makeIterator() -> IndexingIterator<[Member]> { storage.makeIterator() }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.count == b.count else { return false }
        guard a.count > linearLimit else { return a.storage.allSatisfy { member in b[member.key] == member.value } }
        let other = b.dictionary
        return a.storage.allSatisfy { member in other[member.key] == member.value }
    }

    /// The members by key (keys are unique), for comparisons of large objects in linear time.
    package var dictionary: [String: JSONValue] {
        Dictionary(storage.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine per-member hashes commutatively.
        var combined = 0
        for member in storage {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            combined ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
