import Foundation

/// A response body that does not have the documented shape: the status, the JSON Pointer of the
/// offending value and what was wrong with it.
///
/// `response 200: /data/id: expected an ID starting with "AC", got "XY12"`. Built from Foundation's
/// `DecodingError` by ``init(status:body:error:)``; any body (empty, not JSON, deeply nested, the
/// wrong type at any depth) gives one of these, never a crash.
public struct ResponseDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status of the response whose body failed to decode.
    public var status: Int
    /// The JSON Pointer (RFC 6901) of the offending value, `/data/to/1`; `""` for the whole body.
    /// For a missing field it points at where the field should be.
    public var pointer: String
    /// What was wrong, in one line: `missing required field`, `expected a string, got 42`.
    public var message: String

    /// An error at `pointer` of a response with `status`.
    public init(status: Int, pointer: String, message: String) {
        self.status = status
        self.pointer = pointer
        self.message = message
    }

    /// The error for `error`, thrown while decoding `body`: a `DecodingError` gives the pointer of its
    /// coding path; `body` is looked at to say what was found instead.
    public init(status: Int, body: [UInt8], error: any Error) {
        self.status = status
        guard let decodingError = error as? DecodingError else {
            pointer = ""
            message = Self.oneLine(String(describing: error))
            return
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            pointer = Self.pointer(context.codingPath + [key])
            message = "missing required field"
        case .typeMismatch(let type, let context):
            pointer = Self.pointer(context.codingPath)
            let found = FreeformJSON.value(in: body, at: context.codingPath).map { ", got \($0.summary)" } ?? ""
            message = "expected \(Self.describe(type))\(found)"
        case .valueNotFound(let type, let context):
            pointer = Self.pointer(context.codingPath)
            message = "expected \(Self.describe(type)), got null"
        case .dataCorrupted(let context):
            pointer = Self.pointer(context.codingPath)
            if context.codingPath.isEmpty, FreeformJSON.parse(body) == nil {
                message = Self.notJSON(body)
            } else {
                message = Self.oneLine(context.debugDescription)
            }
        @unknown default:
            pointer = ""
            message = Self.oneLine(String(describing: decodingError))
        }
    }

    /// `response 404: /error: expected a string, got 7`; the whole body reads `(root)`.
    public var description: String {
        "response \(status): \(pointer.isEmpty ? "(root)" : pointer): \(message)"
    }

    /// RFC 6901 pointer of a coding path: array positions as numbers, `~` and `/` escaped.
    public static func pointer(_ path: [any CodingKey]) -> String {
        path.map { key in
            let token: String
            if let index = key.intValue, key.stringValue == "Index \(index)" {
                token = String(index)
            } else {
                token = key.stringValue
            }
            return "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }.joined()
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type, is Substring.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is Int16.Type, is Int8.Type, is UInt.Type, is UInt64.Type,
            is UInt32.Type, is UInt16.Type, is UInt8.Type:
            return "an integer"
        case is Double.Type, is Float.Type, is Decimal.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Dictionary") || name.contains("KeyedDecodingContainer") { return "an object" }
            if name.hasPrefix("Array") || name.contains("UnkeyedDecodingContainer") { return "an array" }
            return name
        }
    }

    static func notJSON(_ body: [UInt8]) -> String {
        let trimmed = body.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        guard !trimmed.isEmpty else { return body.isEmpty ? "empty body, expected JSON" : "blank body, expected JSON" }
        let start = String(decoding: trimmed.prefix(24), as: UTF8.self)
        return "not valid JSON (\(body.count) bytes, starting \(FreeformJSON.quoted(start)))"
    }

    /// Keeps a message on one line whatever Foundation put in it.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// A response whose status the provider does not document for the operation: the status and the
/// body exactly as received.
public struct UnexpectedStatusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The body bytes as received.
    public var body: [UInt8]

    /// An error for an undocumented `status` with `body`.
    public init(status: Int, body: [UInt8]) {
        self.status = status
        self.body = body
    }

    /// `undocumented status 418 (12 bytes: "I'm a teapot")`.
    public var description: String {
        let preview = String(decoding: body.prefix(80), as: UTF8.self)
        let shown = body.isEmpty ? "empty body" : "\(body.count) bytes: \(FreeformJSON.quoted(preview))"
        return "undocumented status \(status) (\(shown))"
    }
}

/// An argument a client refused before sending anything (an id without its documented prefix, an
/// empty path parameter).
public struct InvalidArgumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The argument's name as the method spells it (`id`).
    public var argument: String
    /// What was wrong with it.
    public var message: String

    /// An error for `argument`.
    public init(argument: String, message: String) {
        self.argument = argument
        self.message = message
    }

    /// `invalid id: expected an ID starting with "AC", got "XY12"`.
    public var description: String { "invalid \(argument): \(message)" }
}
