import Foundation
import HTTPTransport
import JSON

/// One way a live request differs from a recorded one.
public struct RequestDifference: Sendable, Hashable, CustomStringConvertible {
    /// `method`, `path`, `query parameter "status"`, `header "Accept"`, `body`, or a custom rule's name.
    public var part: String
    public var expected: String
    public var actual: String
    public var description: String { "\(part): expected \(expected), got \(actual)" }
}

/// A rule deciding whether a request matches a recorded request; nil means it matches.
public struct MatchRule: Sendable {
    public let name: String
    let compare:
        @Sendable (_ request: HTTPRequest, _ recorded: HTTPRequest, _ redactor: Redactor) -> [RequestDifference]
    /// A yes/no check on pre-parsed requests for the replay hot path; nil falls back to `compare`.
    let fastMatch: (@Sendable (_ request: PreparedRequest, _ recorded: PreparedRequest) -> Bool)?
    /// `compare` on pre-parsed requests, for explaining a mismatch without parsing a long query
    /// again for every interaction; nil falls back to `compare`.
    var preparedDifferences: (@Sendable (PreparedRequest, PreparedRequest, Redactor) -> [RequestDifference])? = nil

    public init(
        name: String,
        compare: @escaping @Sendable (_ request: HTTPRequest, _ recorded: HTTPRequest) -> RequestDifference?
    ) {
        self.name = name
        self.compare = { request, recorded, _ in compare(request, recorded).map { [$0] } ?? [] }
        fastMatch = nil
    }

    init(
        name: String, fastMatch: (@Sendable (PreparedRequest, PreparedRequest) -> Bool)? = nil,
        differences: @escaping @Sendable (HTTPRequest, HTTPRequest, Redactor) -> [RequestDifference]
    ) {
        self.name = name
        self.fastMatch = fastMatch
        compare = differences
    }

    /// Same method.
    public static let method = MatchRule(name: "method", fastMatch: { $0.request.method == $1.request.method }) {
        request, recorded, _ in
        request.method == recorded.method
            ? []
            : [RequestDifference(part: "method", expected: recorded.method.rawValue, actual: request.method.rawValue)]
    }

    /// Same path. A recorded segment that is a placeholder (`/users/<redacted:bandwidth_user_id>/…`,
    /// a credential recorded by value) matches any one segment.
    public static let path = MatchRule(name: "path", fastMatch: { pathsMatch($0.path, $1.path) }) {
        request, recorded, _ in
        let a = request.url.path
        let b = recorded.url.path
        return pathsMatch(a, b) ? [] : [RequestDifference(part: "path", expected: b, actual: a)]
    }

    static func pathsMatch(_ live: String, _ recorded: String) -> Bool {
        if live == recorded { return true }
        guard recorded.utf8.contains(UInt8(ascii: "<")) else { return false }
        return sameSegments(
            live.split(separator: "/", omittingEmptySubsequences: false).map(String.init),
            recorded.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
    }

    /// Same query parameters, in any order (repeated parameters compared as multisets).
    public static let query = query(ignoring: [])

    /// Same query parameters except `ignored` ones (cache busters, timestamps, nonces that change on
    /// every run), in any order. Use it in place of ``query``:
    /// `Matcher(rules: [.method, .path, .query(ignoring: ["_ts"])])`.
    public static func query(ignoring ignored: Set<String>) -> MatchRule {
        var rule = MatchRule(
            name: "query",
            fastMatch: { live, stored in
                ignored.isEmpty
                    ? live.query == stored.query
                    : live.query.filter { !ignored.contains($0.key) }
                        == stored.query.filter { !ignored.contains($0.key) }
            }
        ) { request, recorded, redactor in
            queryDifferences(request, recorded, redactor, ignoring: ignored)
        }
        rule.preparedDifferences = { live, stored, redactor in
            queryDifferences(live: live.query, stored: stored.query, redactor, ignoring: ignored)
        }
        return rule
    }

    static func queryDifferences(
        _ request: HTTPRequest, _ recorded: HTTPRequest, _ redactor: Redactor, ignoring ignored: Set<String>
    ) -> [RequestDifference] {
        queryDifferences(
            live: queryMultimap(request.url).mapValues { $0.sorted() },
            stored: queryMultimap(recorded.url).mapValues { $0.sorted() },
            redactor, ignoring: ignored)
    }

    /// Differences between query multimaps whose value lists are sorted; only the names that differ
    /// are sorted (two long queries that differ in a few names cost no sort of every name).
    static func queryDifferences(
        live: [String: [String]], stored: [String: [String]], _ redactor: Redactor, ignoring ignored: Set<String>
    ) -> [RequestDifference] {
        var differing: [String] = []
        for (name, values) in live where !ignored.contains(name) && stored[name] != values { differing.append(name) }
        for name in stored.keys where live[name] == nil && !ignored.contains(name) { differing.append(name) }
        var differences: [RequestDifference] = []
        for name in differing.sorted() {
            let a = live[name] ?? []
            let b = stored[name] ?? []
            let secret = redactor.isSensitive(query: name)
            func show(_ values: [String]) -> String {
                values.isEmpty
                    ? "absent"
                    : "[" + (secret ? values.map { _ in Redactor.placeholder(name) } : values).joined(separator: ", ")
                        + "]"
            }
            differences.append(
                RequestDifference(part: "query parameter \"\(name)\"", expected: show(b), actual: show(a)))
        }
        return differences
    }

    /// Same values of these headers, in order. Requests are redacted before matching, so a sensitive
    /// header (`Authorization`) matches on presence only and its value is never shown.
    public static func headers(_ names: [String]) -> MatchRule {
        MatchRule(name: "headers") { request, recorded, redactor in
            names.compactMap { name in
                let a = request.headers.values(for: name)
                let b = recorded.headers.values(for: name)
                guard a != b else { return nil }
                let secret = redactor.isSensitive(header: name)
                func show(_ values: [String]) -> String {
                    values.isEmpty ? "absent" : secret ? Redactor.placeholder(name) : values.joined(separator: ", ")
                }
                return RequestDifference(part: "header \"\(name)\"", expected: show(b), actual: show(a))
            }
        }
    }

    /// Bodies equal as JSON values (member order and whitespace ignored), or byte for byte when not
    /// JSON. A difference names the first member that differs (`body at /to: expected …, got …`).
    public static let jsonBody = MatchRule(name: "body") { request, recorded, _ in
        if request.body == recorded.body { return [] }
        if let a = try? JSONDocument.parse(request.body).value(), let b = try? JSONDocument.parse(recorded.body).value()
        {
            return JSONDifference.first(expected: b, actual: a).map { [$0] } ?? []
        }
        return [RequestDifference(part: "body", expected: summary(recorded.body), actual: summary(request.body))]
    }

    /// Bodies equal byte for byte.
    public static let exactBody = MatchRule(name: "body") { request, recorded, _ in
        request.body == recorded.body
            ? [] : [RequestDifference(part: "body", expected: summary(recorded.body), actual: summary(request.body))]
    }

    /// Query parameters by name, percent-decoded as URLComponents decodes them (`+` stays `+`).
    static func queryMultimap(_ url: URL) -> [String: [String]] { QueryString.parameters(of: url) }

    static func summary(_ body: [UInt8]) -> String {
        if body.isEmpty { return "an empty body" }
        let text = String(decoding: body.prefix(80), as: UTF8.self)
        return "\(body.count) bytes (\(text)\(body.count > 80 ? "…" : ""))"
    }
}

/// The rules a request must pass to replay a recorded interaction.
public struct Matcher: Sendable {
    public var rules: [MatchRule]

    public init(rules: [MatchRule]) { self.rules = rules }

    /// Method, path, and query parameters regardless of order.
    public static let `default` = Matcher(rules: [.method, .path, .query])

    /// This matcher plus `rule`.
    public func adding(_ rule: MatchRule) -> Matcher { Matcher(rules: rules + [rule]) }

    func differences(_ request: HTTPRequest, _ recorded: HTTPRequest, redactor: Redactor) -> [RequestDifference] {
        rules.flatMap { $0.compare(request, recorded, redactor) }
    }

    /// ``differences(_:_:redactor:)`` on pre-parsed requests.
    func differences(_ request: PreparedRequest, _ recorded: PreparedRequest, redactor: Redactor) -> [RequestDifference]
    {
        rules.flatMap { rule in
            rule.preparedDifferences?(request, recorded, redactor)
                ?? rule.compare(request.request, recorded.request, redactor)
        }
    }

    /// True when every rule passes (no messages built).
    func matches(_ request: PreparedRequest, _ recorded: PreparedRequest, redactor: Redactor) -> Bool {
        rules.allSatisfy { rule in
            rule.fastMatch?(request, recorded) ?? rule.compare(request.request, recorded.request, redactor).isEmpty
        }
    }
}

/// A request with the parts the built-in rules compare, parsed once.
struct PreparedRequest: Sendable {
    let request: HTTPRequest
    let path: String
    /// Query values by name, each list sorted (parameters compare as multisets).
    let query: [String: [String]]

    init(_ request: HTTPRequest) {
        self.request = request
        path = request.url.path
        query = QueryString.parameters(of: request.url).mapValues { $0.sorted() }
    }
}
