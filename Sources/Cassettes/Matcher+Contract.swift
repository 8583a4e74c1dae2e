import Contracts
import Foundation
import HTTPTransport

/// Matching by what the contract says a request means rather than how it is spelled: path
/// parameters segment by segment after percent-decoding, and query parameters as the contract
/// deserializes them (`style`/`explode`), so `status=A&status=B` and `status=A%2CB` are the same
/// request exactly when the operation accepts both forms (`x-accepted-explode`), and a difference
/// names the parameter and what the contract expects.
extension Matcher {
    /// Method, path and query compared as `operation` reads them.
    public static func contract(_ operation: Contracts.Operation) -> Matcher {
        let arrays = Dictionary(
            operation.parameters.filter { $0.location == "query" && $0.isArray }.map { ($0.name, ArrayForm($0)) },
            uniquingKeysWith: { _, last in last })
        return Matcher(rules: [.method, .path(template: operation.path), .query(arrays: arrays)])
    }

    /// The contract's matcher when `contract` has the cassette's operation; otherwise exact matching.
    public static func forCassette(_ cassette: Cassette, contract: Contract?) -> Matcher {
        guard let operation = contract?.operation(id: cassette.operationId) else { return .default }
        return .contract(operation)
    }
}

/// How an array query parameter may travel.
struct ArrayForm: Sendable, Hashable {
    /// Repeated `name=a&name=b` is accepted.
    var repeated: Bool
    /// One delimited value `name=a,b` is accepted (with this delimiter).
    var joined: Character?
    /// The documented form, for messages.
    var documented: String

    init(repeated: Bool, joined: Character?, documented: String) {
        self.repeated = repeated
        self.joined = joined
        self.documented = documented
    }

    init(_ parameter: Parameter) {
        repeated = parameter.acceptedExplode.contains(true)
        joined = parameter.acceptedExplode.contains(false) ? parameter.delimiter : nil
        let example =
            parameter.explode
            ? "\(parameter.name)=a&\(parameter.name)=b" : "\(parameter.name)=a\(parameter.delimiter)b"
        documented =
            parameter.acceptedExplode.count > 1
            ? "\(example), or the other form, which the provider also accepts" : example
    }
}

extension MatchRule {
    /// Same path, segment by segment after percent-decoding (`%2F` inside a segment stays inside
    /// it); a difference in a templated segment names the path parameter.
    static func path(template: String) -> MatchRule {
        let names = template.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
        return MatchRule(name: "path", fastMatch: { sameSegments(segments($0.request.url), segments($1.request.url)) }) {
            request, recorded, _ in
            let live = segments(request.url)
            let stored = segments(recorded.url)
            guard !sameSegments(live, stored) else { return [] }
            guard live.count == stored.count else {
                return [RequestDifference(part: "path", expected: recorded.url.path, actual: request.url.path)]
            }
            // Servers may add a base path: align the template with the end of the path.
            let offset = stored.count - names.count
            return zip(live, stored).enumerated().compactMap { index, pair in
                guard !sameSegment(pair.0, pair.1) else { return nil }
                let name = index - offset >= 0 && index - offset < names.count ? names[index - offset] : nil
                return RequestDifference(
                    part: name.map { "path parameter \"\($0)\"" } ?? "path segment \(index + 1)", expected: pair.1,
                    actual: pair.0)
            }
        }
    }

    /// Equal segments, where a recorded placeholder (`<redacted:bandwidth_user_id>`, a credential
    /// recorded by value) stands for any one non-empty segment.
    static func sameSegments(_ live: [String], _ recorded: [String]) -> Bool {
        live.count == recorded.count && zip(live, recorded).allSatisfy { sameSegment($0, $1) }
    }

    static func sameSegment(_ live: String, _ recorded: String) -> Bool {
        live == recorded || (recorded.hasPrefix("<redacted:") && recorded.hasSuffix(">") && !live.isEmpty)
    }

    static func segments(_ url: URL) -> [String] {
        let path = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? url.path
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map {
            QueryString.decode($0)
        }
    }

    /// Query parameters by meaning: array parameters read in every form the contract accepts, other
    /// parameters as decoded values; all compared as multisets, in any order.
    static func query(arrays: [String: ArrayForm]) -> MatchRule {
        MatchRule(
            name: "query",
            fastMatch: { live, stored in
                meaning(live.query, arrays: arrays).values == meaning(stored.query, arrays: arrays).values
            }
        ) { request, recorded, redactor in
            let live = meaning(QueryString.parameters(of: request.url), arrays: arrays)
            let stored = meaning(QueryString.parameters(of: recorded.url), arrays: arrays)
            var differences: [RequestDifference] = []
            for name in Set(live.values.keys).union(stored.values.keys).sorted() {
                let a = live.values[name] ?? []
                let b = stored.values[name] ?? []
                let secret = redactor.isSensitive(query: name)
                func show(_ values: [String]) -> String {
                    values.isEmpty
                        ? "absent"
                        : "["
                            + (secret ? values.map { _ in Redactor.placeholder(name) } : values).joined(separator: ", ")
                            + "]"
                }
                if a != b {
                    var expected = show(b)
                    if let form = arrays[name] { expected += " (sent as \(form.documented))" }
                    differences.append(
                        RequestDifference(part: "query parameter \"\(name)\"", expected: expected, actual: show(a)))
                } else if let problem = live.misformed[name] {
                    differences.append(
                        RequestDifference(
                            part: "query parameter \"\(name)\"", expected: problem.expected, actual: problem.actual))
                }
            }
            return differences
        }
    }

    /// Values by name after reading each array parameter as the contract allows, and the array
    /// parameters sent in a form the contract does not accept.
    static func meaning(_ query: [String: [String]], arrays: [String: ArrayForm]) -> (
        values: [String: [String]], misformed: [String: (expected: String, actual: String)]
    ) {
        var values: [String: [String]] = [:]
        var misformed: [String: (expected: String, actual: String)] = [:]
        for (name, raw) in query {
            guard let form = arrays[name] else {
                values[name] = raw.sorted()
                continue
            }
            if raw.count > 1, !form.repeated {
                misformed[name] = (form.documented, "repeated \(name)=… parameters")
            }
            if let delimiter = form.joined {
                values[name] = raw.flatMap {
                    $0.split(separator: delimiter, omittingEmptySubsequences: false).map(String.init)
                }
                .sorted()
            } else {
                values[name] = raw.sorted()
            }
        }
        return (values, misformed)
    }
}
