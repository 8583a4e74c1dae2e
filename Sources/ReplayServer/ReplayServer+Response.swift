import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

extension ReplayServer {
    /// The recorded response for a parsed request: an unused matching interaction from the first
    /// cassette that has one; else, when the server repeats, the last matching interaction again
    /// (`X-Conformance-Replay: repeat`); else the unmatched diagnostic (bounded, and computed once
    /// while nothing is replayed: see ``UnmatchedCache``). Either way, a request that breaks its
    /// operation's contract gets one `X-Conformance-Violation` per violation.
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
        let key = UnmatchedCache.Key(method: head.method, target: head.target, headers: head.headers, body: body)
        let generation = statistics.replayed
        if let cached = unmatchedCache.response(for: key, generation: generation) {
            count { $0.unmatched += 1 }
            return addingViolations(to: cached, requests: requests)
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
        var failures: [(cassette: ReplayTransport, origin: String, error: ReplayError)] = []
        for (index, cassette) in cassettes.enumerated() {
            do {
                // Nothing matches (the passes above said so): this builds the nearest-interaction diagnostic.
                _ = try cassette.replay(requests[index])
            } catch {
                failures.append((cassette, origins[index] ?? fallbackOrigin, error))
            }
        }
        count { $0.unmatched += 1 }
        let response = Self.unmatched(head, method: method, origin: fallbackOrigin, failures: failures)
        unmatchedCache.store(response, for: key, generation: generation)
        return addingViolations(to: response, requests: requests)
    }

    /// An unmatched answer with the violations of the first operation whose method and path the
    /// request has: often why nothing matched (an undocumented parameter, a value in the wrong form).
    private func addingViolations(to response: HTTPResponse, requests: [HTTPRequest]) -> HTTPResponse {
        var response = response
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
