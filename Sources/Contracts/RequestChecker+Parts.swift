import Foundation
import JSON
import JSONSchema

extension RequestChecker {
    /// Path segments aligned with the template from the end (servers may add a base path); each
    /// parameter segment must arrive percent-encoded and satisfy its schema once decoded.
    func checkPath(_ url: URL, into found: inout [RequestViolation]) {
        let raw = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        let segments = raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let template = operation.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let offset = segments.count - template.count
        let literalsMatch =
            offset >= 0
            && zip(template, segments[max(0, offset)...]).allSatisfy { pattern, segment in
                pattern.hasPrefix("{") || pattern == (segment.removingPercentEncoding ?? segment)
            }
        guard literalsMatch else {
            found.append(
                violation(
                    "path", expected: "\(operation.path) (\(template.count) segments)",
                    actual: "\(Self.excerpt(url.path)) (\(segments.count) segments; an unescaped / in a parameter?)",
                    at: operation.pointer.parent))
            return
        }
        for (index, pattern) in template.enumerated() where pattern.hasPrefix("{") && pattern.hasSuffix("}") {
            let name = String(pattern.dropFirst().dropLast())
            let segment = segments[offset + index]
            guard let spec = parameters.first(where: { $0.parameter.location == "path" && $0.parameter.name == name })
            else { continue }
            if let bad = segment.unicodeScalars.first(where: { !Self.allowedInSegment($0) }) {
                found.append(
                    violation(
                        "path parameter \"\(name)\"", expected: "a percent-encoded path segment",
                        actual: "\(Self.excerpt(segment)) (\"\(bad)\" is not escaped)", at: spec.pointer))
                continue
            }
            check(segment.removingPercentEncoding ?? segment, spec, part: "path parameter \"\(name)\"", into: &found)
        }
    }

    /// What RFC 3986 allows unescaped in a path segment (`%` for escapes).
    static func allowedInSegment(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";",
            "=", ":", "@", "%":
            return true
        default: return false
        }
    }

    /// Query parameters: documented names, required ones present, each value of the right type
    /// and in its schema, arrays in a form the contract accepts.
    func checkQuery(_ url: URL, into found: inout [RequestViolation]) {
        var values: [String: [String]] = [:]
        var order: [String] = []
        let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery ?? ""
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            if values[name] == nil { order.append(name) }
            values[name, default: []].append(value)
        }
        let documented = parameters.filter { $0.parameter.location == "query" }
        for name in order where !documented.contains(where: { $0.parameter.name == name }) {
            // A query credential is the security scheme's business, not a parameter.
            if security.contains(where: { $0.contains { $0.location == "query" && $0.name == name } }) { continue }
            found.append(
                violation(
                    "query parameter \"\(Self.excerpt(name))\"",
                    expected:
                        "one of the documented parameters (\(documented.map(\.parameter.name).joined(separator: ", ")))",
                    actual: "an undocumented parameter", at: operation.pointer.appending("parameters")))
        }
        for spec in documented {
            let parameter = spec.parameter
            let part = "query parameter \"\(parameter.name)\""
            guard let raw = values[parameter.name] else {
                if parameter.required {
                    found.append(violation(part, expected: "present (required)", actual: "nothing", at: spec.pointer))
                }
                continue
            }
            var items = raw
            if parameter.isArray {
                if raw.count > 1 && !parameter.acceptedExplode.contains(true) {
                    found.append(
                        violation(
                            part,
                            expected:
                                "one value joined by \"\(parameter.delimiter)\" (style \(parameter.style), explode false)",
                            actual: "\(raw.count) repeated \(parameter.name)= parameters", at: spec.pointer))
                }
                if raw.count == 1 && parameter.acceptedExplode.contains(false) {
                    items = raw[0].split(separator: parameter.delimiter, omittingEmptySubsequences: false).map(
                        String.init)
                } else if raw.count == 1 && raw[0].contains(parameter.delimiter)
                    && !parameter.acceptedExplode.contains(false)
                {
                    found.append(
                        violation(
                            part,
                            expected:
                                "repeated \(parameter.name)=… parameters (style \(parameter.style), explode true)",
                            actual: "one value joined by \"\(parameter.delimiter)\": \(Self.excerpt(raw[0]))",
                            at: spec.pointer))
                    continue
                }
            } else if raw.count > 1 {
                found.append(violation(part, expected: "one value", actual: "\(raw.count) values", at: spec.pointer))
            }
            for item in items { check(item, spec, part: part, into: &found) }
        }
    }

    /// One text value read as its schema's type and validated.
    func check(_ text: String, _ spec: Checked, part: String, into found: inout [RequestViolation]) {
        guard let value = Self.value(text, as: spec.valueType) else {
            found.append(
                violation(
                    part, expected: "a value of type \(spec.valueType)", actual: Self.excerpt(text), at: spec.pointer))
            return
        }
        guard let validator = spec.validator, let first = validator.validate(value).first else { return }
        found.append(violation(part, expected: first.message, actual: Self.excerpt(text), at: spec.pointer))
    }

    /// Documented header parameters.
    func checkHeaders(_ headers: [(name: String, value: String)], into found: inout [RequestViolation]) {
        for spec in parameters where spec.parameter.location == "header" {
            let name = spec.parameter.name
            let sent = headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            guard let value = sent.first else {
                if spec.parameter.required {
                    found.append(
                        violation(
                            "header \"\(name)\"", expected: "present (required)", actual: "nothing", at: spec.pointer))
                }
                continue
            }
            check(value, spec, part: "header \"\(name)\"", into: &found)
        }
    }

    static func excerpt(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(77)) + "…" : text
    }
}
