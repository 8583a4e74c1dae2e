import Cassettes
import Foundation
import HTTPTransport
import JSON

extension ReplayServer {
    /// The recorded response for a parsed request, or the unmatched diagnostic (bounded, and
    /// computed once while nothing is replayed: see ``UnmatchedCache``).
    func respond(to head: RequestHead, body: [UInt8]) -> HTTPResponse {
        let method = HTTPMethod(rawValue: head.method)
        let fallbackOrigin = "http://\(head.headers["Host"] ?? "localhost")"
        let key = UnmatchedCache.Key(method: head.method, target: head.target, headers: head.headers, body: body)
        let generation = statistics.replayed
        if let cached = unmatchedCache.response(for: key, generation: generation) {
            count { $0.unmatched += 1 }
            return cached
        }
        var failures: [(cassette: ReplayTransport, origin: String, error: ReplayError)] = []
        for (index, cassette) in cassettes.enumerated() {
            guard let url = URL(string: (origins[index] ?? fallbackOrigin) + head.target) else {
                count { $0.rejected += 1 }
                return Self.errorResponse(.badRequest("the request target is not a valid URL path and query"))
            }
            do {
                let response = try cassette.replay(
                    HTTPRequest(method: method, url: url, headers: head.headers, body: body))
                count { $0.replayed += 1 }
                return response
            } catch {
                failures.append((cassette, origins[index] ?? fallbackOrigin, error))
            }
        }
        count { $0.unmatched += 1 }
        let response = Self.unmatched(head, method: method, origin: fallbackOrigin, failures: failures)
        unmatchedCache.store(response, for: key, generation: generation)
        return response
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
