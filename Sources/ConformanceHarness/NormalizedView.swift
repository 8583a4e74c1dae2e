import Foundation
import JSON

/// The expected normalized view of a body: what a correct client decodes, computed from the
/// recorded bytes through the contract. Documented members only (a map keeps all of its members),
/// timestamps converted by their documented encoding to integer milliseconds since the epoch.
public enum NormalizedView {
    /// The view of `body` under `shape`.
    public static func expected(from body: JSONValue, shape: ResponseShape?) -> JSONValue {
        guard let shape else { return body }
        switch body {
        case .object(let object):
            if shape.properties.isEmpty { return body }
            var members: [JSONObject.Member] = []
            for member in object {
                if let property = shape.property(member.key) {
                    members.append((member.key, expected(from: member.value, shape: property)))
                } else if shape.isMap {
                    members.append(member)
                }
            }
            return .object(JSONObject(members))
        case .array(let elements):
            guard let element = shape.items.first else { return body }
            return .array(elements.map { expected(from: $0, shape: element) })
        case .string(let text) where shape.timestamp == .dateTime:
            return Instant.milliseconds(rfc3339: text).map { .integer($0) } ?? body
        default:
            return body
        }
    }
}

extension JSONValue {
    /// An instant as the normalized view carries it: integer milliseconds since the Unix epoch
    /// (rounded to the nearest millisecond, so a `Date` decoded from `…:00.123Z` gives 123).
    public static func milliseconds(_ date: Date) -> JSONValue {
        .integer(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// `milliseconds(_:)` for an optional date: null when nil.
    public static func milliseconds(orNull date: Date?) -> JSONValue {
        date.map { .milliseconds($0) } ?? .null
    }
}
