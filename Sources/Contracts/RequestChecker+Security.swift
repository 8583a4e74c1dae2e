import Foundation
import JSON

/// A security scheme as a request must carry it.
struct SecurityScheme: Sendable, Hashable {
    /// `apiKey`, `http`, `oauth2`, `openIdConnect`.
    var type: String
    /// `bearer`, `basic` for http.
    var scheme: String
    /// For apiKey: `header`, `query` or `cookie`, and the name.
    var location: String
    var name: String
    var schemeName: String
    var pointer: JSONPointer
}

extension RequestChecker {
    /// The security requirement alternatives (`[{apiKey: []}, {basic: []}]`) as schemes.
    static func requirements(_ value: JSONValue, document: JSONValue) -> [[SecurityScheme]] {
        (value.arrayValue ?? []).map { requirement in
            (requirement.objectValue?.map(\.key) ?? []).compactMap { name in
                let pointer = JSONPointer(tokens: ["components", "securitySchemes", name])
                guard let scheme = document[pointer] else { return nil }
                return SecurityScheme(
                    type: scheme["type"]?.stringValue ?? "", scheme: scheme["scheme"]?.stringValue?.lowercased() ?? "",
                    location: scheme["in"]?.stringValue ?? "header",
                    name: scheme["name"]?.stringValue ?? "Authorization", schemeName: name, pointer: pointer)
            }
        }
    }

    /// The credential's form: at least one alternative of the requirement satisfied. An empty
    /// alternative (`{}`) makes authentication optional.
    func checkSecurity(url: URL, headers: [(name: String, value: String)], into found: inout [RequestViolation]) {
        guard !security.isEmpty else { return }
        var firstProblems: [RequestViolation]? = nil
        for alternative in security {
            let problems = alternative.compactMap { problem(with: $0, url: url, headers: headers) }
            if problems.isEmpty { return }
            if firstProblems == nil { firstProblems = problems }
        }
        found += firstProblems ?? []
    }

    private func problem(with scheme: SecurityScheme, url: URL, headers: [(name: String, value: String)])
        -> RequestViolation?
    {
        func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
        switch (scheme.type, scheme.scheme) {
        case ("apiKey", _) where scheme.location == "query":
            let names = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.map(\.name) ?? []
            return names.contains(scheme.name)
                ? nil
                : violation(
                    "query parameter \"\(scheme.name)\"", expected: "the API key (\(scheme.schemeName))",
                    actual: "nothing",
                    at: scheme.pointer)
        case ("apiKey", _):
            let part = "header \"\(scheme.name)\""
            guard let value = header(scheme.name), !value.isEmpty else {
                return violation(
                    part, expected: "the API key itself (\(scheme.schemeName))", actual: "nothing", at: scheme.pointer)
            }
            if let word = Self.schemeWord(value) {
                return violation(
                    part, expected: "the API key itself, with no scheme word (\(scheme.schemeName): apiKey in header)",
                    actual: "\(word) <redacted>", at: scheme.pointer)
            }
            return nil
        case ("http", "bearer"):
            let value = header("Authorization") ?? ""
            let word = Self.schemeWord(value)
            guard word?.lowercased() == "bearer", value.split(separator: " ").count == 2 else {
                return violation(
                    "header \"Authorization\"", expected: "Bearer <token> (\(scheme.schemeName): http bearer)",
                    actual: Self.shape(of: value), at: scheme.pointer)
            }
            return nil
        case ("http", "basic"):
            let value = header("Authorization") ?? ""
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            let decoded =
                parts.count == 2 ? Data(base64Encoded: parts[1]).flatMap { String(data: $0, encoding: .utf8) } : nil
            let pair = decoded?.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false) ?? []
            guard parts.first?.lowercased() == "basic", pair.count == 2, !pair[0].isEmpty, !pair[1].isEmpty else {
                let detail = parts.first?.lowercased() == "basic" ? " (does not decode to user:secret)" : ""
                return violation(
                    "header \"Authorization\"",
                    expected: "Basic base64(user:secret) (\(scheme.schemeName): http basic)",
                    actual: Self.shape(of: value) + detail, at: scheme.pointer)
            }
            return nil
        default:
            return nil
        }
    }

    /// `Bearer` for `Bearer abc`: a credential that carries an authentication scheme word.
    static func schemeWord(_ value: String) -> String? {
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, ["bearer", "basic", "token", "digest", "apikey"].contains(parts[0].lowercased()) else {
            return nil
        }
        return String(parts[0])
    }

    /// A credential's shape without its value: `nothing`, `Bearer <redacted>`, `a value with no scheme word`.
    static func shape(of value: String) -> String {
        if value.isEmpty { return "nothing" }
        if let word = schemeWord(value) { return "\(word) <redacted>" }
        return "<redacted> (a value with no scheme word)"
    }
}
