import JSON

/// How a contract encodes an instant (its `x-timestamp` annotation).
public struct TimestampEncoding: Sendable, Hashable, CustomStringConvertible {
    /// The annotation's value.
    public let name: String
    /// An integer count of milliseconds since the Unix epoch (`"x-timestamp": "epoch-ms"`).
    public static let epochMilliseconds = TimestampEncoding(name: "epoch-ms")
    /// An RFC 3339 date-time string (`"x-timestamp": "date-time"`).
    public static let dateTime = TimestampEncoding(name: "date-time")

    public init?(annotation: String) {
        guard annotation == "epoch-ms" || annotation == "date-time" else { return nil }
        name = annotation
    }

    private init(name: String) { self.name = name }
    public var description: String { name }
}

/// A field of a response body that holds an instant.
public struct TimestampField: Sendable, Hashable, CustomStringConvertible {
    /// Tokens from the body's root; `*` stands for every element of an array.
    public let path: [String]
    public let encoding: TimestampEncoding

    /// `/data/createdAt`, `/results/*/sent`.
    public var description: String { path.map { "/" + JSONPointer.escape($0) }.joined() }

    /// True when `pointer` (a concrete place in a body) is this field.
    public func matches(_ pointer: JSONPointer) -> Bool {
        pointer.tokens.count == path.count
            && zip(pointer.tokens, path).allSatisfy { token, pattern in
                pattern == "*" ? JSONPointer.arrayIndex(token) != nil : token == pattern
            }
    }
}

extension Contract {
    /// The timestamp fields of a response body, found by walking its schema (through `$ref`,
    /// `allOf`/`anyOf`/`oneOf`, properties and items), in document order.
    public func timestampFields(of response: ResponseSpec) -> [TimestampField] {
        guard let pointer = response.schemaPointer else { return [] }
        var found: [TimestampField] = []
        var visiting: Set<JSONPointer> = []
        collectTimestamps(at: pointer, path: [], into: &found, visiting: &visiting)
        var unique: [TimestampField] = []
        for field in found where !unique.contains(field) { unique.append(field) }
        return unique
    }

    private func collectTimestamps(at pointer: JSONPointer, path: [String], into found: inout [TimestampField], visiting: inout Set<JSONPointer>) {
        guard path.count < 64, let schema = document[pointer], !visiting.contains(pointer) else { return }
        visiting.insert(pointer)
        defer { visiting.remove(pointer) }
        if case .string(let annotation)? = schema["x-timestamp"], let encoding = TimestampEncoding(annotation: annotation) {
            found.append(TimestampField(path: path, encoding: encoding))
        }
        if case .string(let ref)? = schema["$ref"], let target = try? JSONPointer(uriFragment: ref) {
            collectTimestamps(at: target, path: path, into: &found, visiting: &visiting)
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for index in (schema[keyword]?.arrayValue ?? []).indices {
                collectTimestamps(at: pointer.appending(keyword).appending(index), path: path, into: &found, visiting: &visiting)
            }
        }
        if case .object(let properties)? = schema["properties"] {
            for name in properties.keys {
                collectTimestamps(at: pointer.appending("properties").appending(name), path: path + [name], into: &found, visiting: &visiting)
            }
        }
        if schema["items"]?.objectValue != nil {
            collectTimestamps(at: pointer.appending("items"), path: path + ["*"], into: &found, visiting: &visiting)
        }
    }
}
