import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

extension ReplayServer {
    /// The recorded response for a parsed request: an unused matching interaction from the first
    /// cassette that has one; else, when the server repeats, the last matching interaction again
    /// (`X-Conformance-Replay: repeat`); else the unmatched diagnostic, built once per distinct request.
    func respond(to head: RequestHead, body: [UInt8]) -> HTTPResponse {
        let method = HTTPMethod(rawValue: head.method)
        let fallbackOrigin = "http://\(head.headers["Host"] ?? "localhost")"
        var requests: [HTTPRequest] = []
        requests.reserveCapacity(cassettes.count)
        for index in cassettes.indices {
            guard let url = URL(string: (origins[index] ?? fallbackOrigin) + head.target) else {
                count { $0.rejected += 1 }
                return Self.errorResponse(.badRequest("the request target is not a valid URL path and query"))
            }
            requests.append(HTTPRequest(method: method, url: url, headers: head.headers, body: body))
        }
        for pass in repeats ? [false, true] : [false] {
            for (index, cassette) in cassettes.enumerated() {
                guard let replayed = cassette.answer(requests[index], repeating: pass) else { continue }
                count { $0.replayed += 1 }
                var response = replayed.response
                if replayed.isRepeat { response.headers.append(name: "X-Conformance-Replay", value: "repeat") }
                for line in violations(of: requests[index], checkedBy: cassette) {
                    response.headers.append(name: "X-Conformance-Violation", value: line)
                }
                return response
            }
        }
        count { $0.unmatched += 1 }
        var response = unmatchedAnswers.answer(for: head.method + " " + head.target) {
            unmatched(requests: requests, target: head.target, method: method, fallbackOrigin: fallbackOrigin)
        }
        // Checked against the first operation whose method and path the request has: often why
        // nothing matched (an undocumented parameter, a value in the wrong form).
        for (index, cassette) in cassettes.enumerated() where cassette.checker != nil {
            let found = cassette.violations(of: requests[index])
            guard !found.contains(where: { $0.part == "method" || $0.part == "path" }) else { continue }
            for line in violations(of: requests[index], checkedBy: cassette) {
                response.headers.append(name: "X-Conformance-Violation", value: line)
            }
            break
        }
        return response
    }

    /// How the request breaks its operation's contract, one line each (at most 20, each at most
    /// 1,000 bytes, credentials by shape only), also handed to ``onViolation`` for the log.
    func violations(of request: HTTPRequest, checkedBy cassette: ReplayTransport) -> [String] {
        let lines = cassette.violations(of: request).prefix(20).map { violation -> String in
            let line = violation.description
            return line.utf8.count > 1_000 ? String(line.prefix(997)) + "…" : line
        }
        if !lines.isEmpty {
            onViolation?("\(request.method.rawValue) \(request.url.path): " + lines.joined(separator: "; "))
        }
        return lines
    }

    /// The 500 for a request no cassette answers: each cassette's nearest interaction and what
    /// differs (redacted), at most ``UnmatchedAnswers/maxDiagnosticBytes`` of them.
    private func unmatched(requests: [HTTPRequest], target: String, method: HTTPMethod, fallbackOrigin: String)
        -> HTTPResponse
    {
        var diagnostics: [String] = []
        var size = 0
        for (index, cassette) in cassettes.enumerated() {
            do {
                _ = try cassette.replay(requests[index])
            } catch {
                var text = error.description
                if text.utf8.count > UnmatchedAnswers.maxDiagnosticBytes / 4 {
                    text = String(text.prefix(UnmatchedAnswers.maxDiagnosticBytes / 4)) + "…"
                }
                size += text.utf8.count
                guard size <= UnmatchedAnswers.maxDiagnosticBytes else {
                    diagnostics.append("… and \(cassettes.count - index) more cassettes")
                    break
                }
                diagnostics.append(text)
            }
        }
        let redactor = cassettes.first?.redactor ?? .default
        var shown = target
        if let url = URL(string: fallbackOrigin + target),
            let components = URLComponents(url: redactor.redact(url), resolvingAgainstBaseURL: false)
        {
            let redacted = components.percentEncodedPath + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            shown = redacted.removingPercentEncoding ?? redacted
        }
        if shown.utf8.count > 1_024 { shown = String(shown.prefix(1_024)) + "…" }
        if cassettes.isEmpty { diagnostics.append("no cassettes are being served") }
        let json: JSONValue = [
            "error": "no recorded interaction matches", "request": .string("\(method) \(shown)"),
            "diagnostics": .array(diagnostics.map { .string($0) }),
        ]
        return HTTPResponse(
            status: 500,
            headers: ["Content-Type": "application/json", "X-Conformance-Error": "unmatched"],
            body: JSONWriter.write(json))
    }

    /// A refusal: the status, `X-Conformance-Error: <kind>` and `{"error": "<message>"}`.
    static func errorResponse(_ failure: RequestFailure) -> HTTPResponse {
        HTTPResponse(
            status: failure.status,
            headers: ["Content-Type": "application/json", "X-Conformance-Error": failure.kind],
            body: JSONWriter.write(["error": .string(failure.message)]))
    }

    /// Fields that describe one connection or one transfer, not the resource: the recorded values
    /// would be wrong on this connection (a recorded `Transfer-Encoding: chunked` with a body
    /// stored whole), so they are dropped and `Content-Length` is set to the exact body length.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade",
        "content-length",
    ]

    /// The response on the wire. A recorded `Content-Encoding` is kept only when the body still
    /// carries it (gzip magic bytes): URLSession hands recorders decoded bodies, and replaying
    /// `Content-Encoding: gzip` over plain bytes would make the client fail to decode them.
    static func serialize(_ response: HTTPResponse, headOnly: Bool, keepAlive: Bool, http10: Bool = false) -> [UInt8] {
        let status = response.status
        let bodyless = (100..<200).contains(status) || status == 204 || status == 304
        var head = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(for: status) ?? "Status \(status)")\r\n"
        for field in response.headers {
            let name = field.name.lowercased()
            if hopByHop.contains(name) { continue }
            if name == "content-encoding"
                && !(field.value.lowercased() == "gzip" && response.body.starts(with: [0x1F, 0x8B]))
            {
                continue
            }
            // Cassette loading already rejects CR and LF in fields; this keeps a hand-built
            // HTTPResponse from splitting the response too.
            if field.name.utf8.contains(where: { $0 < 0x21 })
                || field.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A })
            {
                continue
            }
            head += "\(field.name): \(field.value)\r\n"
        }
        if !bodyless { head += "Content-Length: \(response.body.count)\r\n" }
        if !keepAlive {
            head += "Connection: close\r\n"
        } else if http10 {
            head += "Connection: keep-alive\r\n"
        }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !headOnly && !bodyless { bytes += response.body }
        return bytes
    }
}

/// Unmatched answers by request, bounded in count. `@unchecked Sendable`: `answers` only under `lock`.
final class UnmatchedAnswers: @unchecked Sendable {
    /// Diagnostics beyond this many bytes are cut (a 60 KB query must not become megabytes of 500).
    static let maxDiagnosticBytes = 16_384
    static let maxEntries = 1_024
    private let lock = NSLock()
    private var answers: [String: HTTPResponse] = [:]

    func answer(for key: String, build: () -> HTTPResponse) -> HTTPResponse {
        if let cached = lock.withLock({ answers[key] }) { return cached }
        let built = build()
        lock.withLock {
            if answers.count >= Self.maxEntries { answers.removeAll(keepingCapacity: true) }
            answers[key] = built
        }
        return built
    }
}
