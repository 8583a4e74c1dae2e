import JSON

/// One way a client's view differs from the expected one.
public struct Finding: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Where in the view (nil for the call as a whole).
    public var pointer: JSONPointer?
    public var message: String
    public var expected: String?
    public var actual: String?

    public init(pointer: JSONPointer? = nil, message: String, expected: String? = nil, actual: String? = nil) {
        self.pointer = pointer
        self.message = message
        self.expected = expected
        self.actual = actual
    }

    public var description: String {
        var text = pointer.map { "\($0.isRoot ? "/" : $0.description): " } ?? ""
        text += message
        if let expected, let actual { text += ": expected \(expected), got \(actual)" }
        return text
    }

    /// The same one line, so a list of findings prints each once (`"\(result.findings)"`).
    public var debugDescription: String { description }
}

extension Finding {
    /// `{"message", "pointer"?, "expected"?, "actual"?}`: as the JSON report and verify's workers carry it.
    public var json: JSONValue {
        var item = JSONObject([("message", .string(message))])
        if let pointer { item["pointer"] = .string(pointer.description) }
        if let expected { item["expected"] = .string(expected) }
        if let actual { item["actual"] = .string(actual) }
        return .object(item)
    }

    /// Reads ``json`` back (nil when it is not a finding).
    public init?(json: JSONValue) {
        guard case .string(let message)? = json["message"] else { return nil }
        self.init(
            pointer: json["pointer"]?.stringValue.flatMap { try? JSONPointer(parsing: $0) }, message: message,
            expected: json["expected"]?.stringValue, actual: json["actual"]?.stringValue)
    }
}

/// Compares a client's normalized view with the expected one. Objects compare by member (order
/// does not matter), numbers by value; where the contract lets a member be both absent and null,
/// the two are the same to a client. Timestamps differ with both instants shown and, where the
/// difference has a telling shape, what the client probably did.
enum ViewComparison {
    /// - Parameter nullsOmitted: the view cannot say null (it comes from `Encodable`, which leaves
    ///   a nil optional out), so an absent member stands for an expected null.
    static func differences(
        expected: JSONValue, actual: JSONValue, shape: ResponseShape?, at pointer: JSONPointer = .root,
        nullsOmitted: Bool = false
    ) -> [Finding] {
        var findings: [Finding] = []
        compare(expected, actual, shape: shape, at: pointer, nullsOmitted: nullsOmitted, into: &findings)
        return findings
    }

    private static func compare(
        _ expected: JSONValue, _ actual: JSONValue, shape: ResponseShape?, at pointer: JSONPointer,
        nullsOmitted: Bool, into findings: inout [Finding]
    ) {
        guard findings.count < 50 else { return }
        switch (expected, actual) {
        case (.object(let want), .object(let got)):
            for member in want {
                let child = shape?.property(member.key)
                let optionalNullable = shape?.allowsAbsentOrNull(member.key) ?? false
                guard let value = got[member.key] else {
                    if optionalNullable || nullsOmitted, member.value == .null { continue }
                    findings.append(
                        Finding(
                            pointer: pointer.appending(member.key), message: "missing from the client's view",
                            expected: render(member.value), actual: "absent"))
                    continue
                }
                compare(
                    member.value, value, shape: child, at: pointer.appending(member.key), nullsOmitted: nullsOmitted,
                    into: &findings)
            }
            for member in got where want[member.key] == nil {
                let child = shape?.property(member.key)
                let optionalNullable = shape?.allowsAbsentOrNull(member.key) ?? false
                if optionalNullable, member.value == .null { continue }
                // Members the contract does not document are the client's business.
                if shape?.isMap == false, child == nil, shape?.properties.isEmpty == false { continue }
                findings.append(
                    Finding(
                        pointer: pointer.appending(member.key), message: "not in the body", expected: "absent",
                        actual: render(member.value)))
            }
        case (.array(let want), .array(let got)):
            if want.count != got.count {
                findings.append(
                    Finding(
                        pointer: pointer, message: "wrong number of elements", expected: String(want.count),
                        actual: String(got.count)))
            }
            for index in 0..<min(want.count, got.count) {
                compare(
                    want[index], got[index], shape: shape?.items.first, at: pointer.appending(index),
                    nullsOmitted: nullsOmitted, into: &findings)
            }
        case (.number(let want), .number(let got)) where shape?.timestamp != nil:
            if !want.isEqualValue(got) { findings.append(timestampFinding(want, got, at: pointer)) }
        default:
            if !expected.isEqualValue(actual) {
                findings.append(
                    Finding(
                        pointer: pointer, message: "wrong value", expected: render(expected), actual: render(actual)))
            }
        }
    }

    static func render(_ value: JSONValue) -> String {
        let text = JSONWriter.string(value)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }

    private static func timestampFinding(_ want: JSONNumber, _ got: JSONNumber, at pointer: JSONPointer) -> Finding {
        guard let expected = want.int64Value, let actual = got.int64Value else {
            return Finding(pointer: pointer, message: "wrong instant", expected: want.literal, actual: got.literal)
        }
        let difference = actual - expected
        var hint = "wrong instant"
        let (scaled, overflow) = expected.multipliedReportingOverflow(by: 1000)
        if !overflow, actual == scaled {
            hint = "wrong instant (milliseconds read as seconds?)"
        } else if actual != 0, (actual - expected / 1000).magnitude <= 1 {
            hint = "wrong instant (seconds where milliseconds belong?)"
        } else if difference.magnitude < 1000, actual % 1000 == 0 {
            hint = "wrong instant (fractional seconds dropped?)"
        } else if difference % 900_000 == 0, difference.magnitude <= 86_400_000 {
            hint = "wrong instant (UTC offset ignored? off by \(difference / 60_000) minutes)"
        }
        return Finding(
            pointer: pointer, message: hint, expected: "\(Instant.rfc3339(milliseconds: expected)) (\(expected) ms)",
            actual: "\(Instant.rfc3339(milliseconds: actual)) (\(actual) ms)")
    }
}
