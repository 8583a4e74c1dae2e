import JSON

/// The first place two JSON values differ, for a mismatch message that names the member instead
/// of dumping two bodies: `body at /message/to: expected "+15550100", got "+15550111"`.
enum JSONDifference {
    /// nil when the values are equal as JSON (member order and number spelling ignored).
    static func first(expected: JSONValue, actual: JSONValue) -> RequestDifference? {
        var steps = 0
        return first(expected, actual, at: JSONPointer(tokens: []), steps: &steps)
    }

    /// Walks both values together; `steps` bounds the work on huge bodies (a difference past the
    /// bound is reported at the container where the walk stopped).
    private static func first(_ expected: JSONValue, _ actual: JSONValue, at pointer: JSONPointer, steps: inout Int)
        -> RequestDifference?
    {
        steps += 1
        if steps > 100_000 || pointer.tokens.count > 64 {
            return expected.isEqualValue(actual) ? nil : difference(pointer, show(expected), show(actual))
        }
        switch (expected, actual) {
        case (.object(let a), .object(let b)):
            for member in a {
                guard let other = b[member.key] else {
                    return difference(pointer.appending(member.key), show(member.value), "absent")
                }
                if let found = first(member.value, other, at: pointer.appending(member.key), steps: &steps) {
                    return found
                }
            }
            for member in b where a[member.key] == nil {
                return difference(pointer.appending(member.key), "absent", show(member.value))
            }
            return nil
        case (.array(let a), .array(let b)):
            for (index, pair) in zip(a, b).enumerated() {
                if let found = first(pair.0, pair.1, at: pointer.appending(index), steps: &steps) { return found }
            }
            guard a.count == b.count else {
                return difference(
                    pointer, "\(a.count) element\(a.count == 1 ? "" : "s")",
                    "\(b.count) element\(b.count == 1 ? "" : "s")")
            }
            return nil
        default:
            return expected.isEqualValue(actual) ? nil : difference(pointer, show(expected), show(actual))
        }
    }

    private static func difference(_ pointer: JSONPointer, _ expected: String, _ actual: String) -> RequestDifference {
        RequestDifference(
            part: pointer.tokens.isEmpty ? "body" : "body at \(pointer)", expected: expected, actual: actual)
    }

    /// Compact JSON, cut at 60 characters.
    static func show(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        return text.count > 60 ? String(text.prefix(59)) + "…" : text
    }
}
