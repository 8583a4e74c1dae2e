import Foundation

/// Any JSON value, for the fields a provider leaves free-form (Sendo `metadata`, Courier
/// `providers` entries, OpenPhone error `value`).
///
/// Numbers are `Double`: integers above 2^53 lose precision. Object member order is not kept.
public indirect enum FreeformJSON: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([FreeformJSON])
    case object([String: FreeformJSON])

    /// Decodes whatever JSON value is there. Nesting is bounded by `JSONDecoder`'s own depth limit.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([FreeformJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: FreeformJSON].self))
        }
    }

    /// Encodes the JSON value as documented.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Compact JSON text, members sorted by key: `{"customId":"123456789"}`.
    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): value ? "true" : "false"
        case .number(let value): Self.number(value)
        case .string(let value): Self.quoted(value, limit: .max)
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let members):
            "{"
                + members.sorted { $0.key < $1.key }.map {
                    Self.quoted($0.key, limit: .max) + ":" + $0.value.description
                }
                .joined(separator: ",") + "}"
        }
    }

    /// What a message says was found: `"XY12"`, `42`, `true`, `null`, `an object`, `an array`.
    package var summary: String {
        switch self {
        case .object: "an object"
        case .array: "an array"
        case .string(let value): Self.quoted(value)
        default: description
        }
    }

    /// The body parsed, or nil when it is not JSON.
    static func parse(_ body: [UInt8]) -> FreeformJSON? {
        try? JSONDecoder().decode(FreeformJSON.self, from: Data(body))
    }

    /// The value at a coding path of the body, when the body is JSON and the path leads somewhere.
    static func value(in body: [UInt8], at path: [any CodingKey]) -> FreeformJSON? {
        guard var current = parse(body) else { return nil }
        for key in path {
            switch current {
            case .array(let items):
                guard let index = key.intValue, items.indices.contains(index) else { return nil }
                current = items[index]
            case .object(let members):
                guard let member = members[key.stringValue] else { return nil }
                current = member
            default:
                return nil
            }
        }
        return current
    }

    /// `42`, `1.5`, `1e+20`: integers without a fraction part.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A JSON string literal on one line, cut at `limit` characters with `…`.
    static func quoted(_ text: String, limit: Int = 60) -> String {
        var out = "\""
        for (count, scalar) in text.unicodeScalars.enumerated() {
            if count == limit {
                out += "…"
                break
            }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x7F:
                out += String(format: "\\u%04X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
