import Cassettes
import Foundation
import HTTPTransport
import JSON

extension ReplayServer {
    /// What an unmatched diagnostic may hold: each cassette's explanation is cut to
    /// `maxDiagnosticBytes`, at most `maxDiagnostics` cassettes are explained (the rest are counted),
    /// and the request is echoed in at most `maxRequestBytes`. A 60 KB query against 60 cassettes
    /// made a 7.3 MB body; now the body stays under about 40 KB whatever the request.
    static let maxDiagnosticBytes = 2_048
    static let maxDiagnostics = 16
    static let maxRequestBytes = 1_024

    /// Query values a diagnostic echoes: short ones whose names do not look like credentials. The
    /// cassette's redaction list names the known secrets; a live request may carry others
    /// (`session`, `otp`, a long opaque value), so the server, whose diagnostics go to whoever
    /// connects, shows a value only when it is at most `maxEchoedValueBytes` and its name contains
    /// none of `credentialWords`; any other value is shown as `<N bytes>`.
    static let maxEchoedValueBytes = 32
    static let credentialWords = [
        "key", "token", "secret", "pass", "auth", "sig", "session", "cred", "code", "otp", "nonce", "jwt", "cookie",
        "bearer", "private",
    ]

    static func mayEcho(name: String, value: String) -> Bool {
        let lowered = name.lowercased()
        return value.utf8.count <= maxEchoedValueBytes && !credentialWords.contains { lowered.contains($0) }
    }

    /// `500` with `X-Conformance-Error: unmatched`: the request as redacted and bounded, and why
    /// each cassette did not answer.
    static func unmatched(
        _ head: RequestHead, method: HTTPMethod, origin: String,
        failures: [(cassette: ReplayTransport, origin: String, error: ReplayError)]
    ) -> HTTPResponse {
        let redactor = failures.first?.cassette.redactor ?? .default
        var diagnostics: [JSONValue] = failures.prefix(maxDiagnostics).map { failure in
            let request =
                "\(method) \(failure.origin)\(shownTarget(head.target, origin: failure.origin, redactor: failure.cassette.redactor))"
            return .string(diagnostic(failure.error, cassette: failure.cassette, request: request))
        }
        if failures.count > maxDiagnostics {
            diagnostics.append(
                .string("… and \(failures.count - maxDiagnostics) more cassettes, none of which matches"))
        }
        if failures.isEmpty { diagnostics.append("no cassettes are being served") }
        let json: JSONValue = [
            "error": "no recorded interaction matches",
            "request": .string("\(method) \(shownTarget(head.target, origin: origin, redactor: redactor))"),
            "diagnostics": .array(diagnostics),
        ]
        return HTTPResponse(
            status: 500,
            headers: ["Content-Type": "application/json", "X-Conformance-Error": "unmatched"],
            body: JSONWriter.write(json))
    }

    /// The path and query as the diagnostic shows them: redacted, values masked unless echoable,
    /// bounded.
    static func shownTarget(_ target: String, origin: String, redactor: Redactor) -> String {
        let bounded = target.utf8.count > 64 * 1024 ? String(target.utf8.prefix(64 * 1024)) ?? "" : target
        guard let url = URL(string: origin + bounded),
            let components = URLComponents(url: redactor.redact(url), resolvingAgainstBaseURL: false)
        else { return target.excerpt(maxRequestBytes) }
        let path = components.percentEncodedPath.removingPercentEncoding ?? components.percentEncodedPath
        guard let items = components.queryItems, !items.isEmpty else { return path.excerpt(maxRequestBytes) }
        var query = ""
        for item in items {
            if query.utf8.count > maxRequestBytes { break }
            if !query.isEmpty { query += "&" }
            query += item.name.excerpt(64)
            guard let value = item.value else { continue }
            let redacted = value.hasPrefix("<redacted:")
            query += "=" + (redacted || mayEcho(name: item.name, value: value) ? value : "<\(value.utf8.count) bytes>")
        }
        return (path + "?" + query).excerpt(maxRequestBytes)
    }

    /// One cassette's explanation, rebuilt from the error's parts so that every live query value goes
    /// through ``mayEcho(name:value:)`` and the differences listed are bounded.
    static func diagnostic(_ error: ReplayError, cassette: ReplayTransport, request: String) -> String {
        guard let nearest = error.nearestInteraction, !error.differences.isEmpty else {
            // The message quotes the request as sent; show it as the diagnostic shows requests.
            let text = error.request.map { error.description.replacingOccurrences(of: $0, with: request) }
            return (text ?? error.description).excerpt(maxDiagnosticBytes)
        }
        let recorded = cassette.cassette.interactions[nearest].request
        var parts: [String] = []
        var size = 0
        for difference in error.differences {
            if size > maxDiagnosticBytes { break }
            var actual = difference.actual
            if difference.part.hasPrefix("query parameter \""), actual != "absent" {
                let name = String(difference.part.dropFirst("query parameter \"".count).dropLast())
                let values = actual.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
                actual =
                    "["
                    + values.map { raw in
                        let value = raw.trimmingCharacters(in: .whitespaces)
                        return value.hasPrefix("<redacted:") || mayEcho(name: name, value: value)
                            ? value : "<\(value.utf8.count) bytes>"
                    }.joined(separator: ", ") + "]"
            }
            let text =
                "\(difference.part.excerpt(128)): expected \(difference.expected.excerpt(256)), got \(actual.excerpt(256))"
            size += text.utf8.count
            parts.append(text)
        }
        if parts.count < error.differences.count { parts.append("and \(error.differences.count - parts.count) more") }
        let shown = cassette.redactor.describe(recorded).excerpt(256)
        let text =
            "\(error.file.excerpt()): no recorded interaction matches \(request); nearest is interaction \(nearest) (\(shown)): "
            + parts.joined(separator: "; ")
        return text.excerpt(maxDiagnosticBytes)
    }
}

/// The last unmatched responses, by request. An unmatched request changes nothing, so until some
/// request is replayed (the server's `replayed` count, the generation, moves) the same request gets
/// the same diagnostic: 200 clients sending the same unmatched request cost one computation.
final class UnmatchedCache: @unchecked Sendable {
    // Safety: `entries` is read and written only under `lock`.
    struct Key: Hashable {
        var method: String
        var target: String
        var headers: HTTPFields
        var body: [UInt8]
    }

    private let lock = NSLock()
    private var entries: [Key: (generation: Int, response: HTTPResponse)] = [:]
    /// Entries kept; past it the cache starts over (requests worth caching repeat).
    static let capacity = 64
    /// Larger bodies are not kept as keys.
    static let maxBodyBytes = 64 * 1024

    func response(for key: Key, generation: Int) -> HTTPResponse? {
        guard key.body.count <= Self.maxBodyBytes else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[key], entry.generation == generation else { return nil }
        return entry.response
    }

    func store(_ response: HTTPResponse, for key: Key, generation: Int) {
        guard key.body.count <= Self.maxBodyBytes else { return }
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = (generation, response)
    }
}
