import HTTPTransport

/// A request's line and header block, parsed and checked (RFC 9112): what the connection needs to
/// read the body and answer.
struct RequestHead: Sendable, Equatable {
    /// The method token as sent (methods are case-sensitive on the wire).
    var method: String
    /// The path and query (`/v1/messages?page=2`), from an origin-form or absolute-form target.
    var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var headers: HTTPFields
    /// The declared body length (0 without Content-Length).
    var contentLength: Int
    /// Whether the client wants the connection kept open after the response.
    var keepAlive: Bool
    /// `Expect: 100-continue`: the client waits for an interim response before sending the body.
    var expectsContinue: Bool
}

/// A request the server refuses before replaying it: the status, the `X-Conformance-Error` kind and
/// a sentence for the JSON error body. The connection is closed after such a response.
struct RequestFailure: Error, Sendable, Equatable {
    var status: Int
    var kind: String
    var message: String

    static func badRequest(_ message: String) -> RequestFailure {
        RequestFailure(status: 400, kind: "bad-request", message: message)
    }
}

enum HeadParser {
    /// The index just past the blank line that ends the head (`\r\n\r\n`, or bare `\n\n` as RFC
    /// 9112 §2.2 allows), searching `buffer[start..<buffer.count]` from `scanFrom`; nil when the
    /// head is not complete yet.
    static func headEnd(_ buffer: [UInt8], start: Int, scanFrom: Int) -> Int? {
        var index = max(start, scanFrom)
        while index < buffer.count {
            if buffer[index] == lf {
                if index + 1 < buffer.count, buffer[index + 1] == lf { return index + 2 }
                if index + 2 < buffer.count, buffer[index + 1] == cr, buffer[index + 2] == lf { return index + 3 }
            }
            index += 1
        }
        return nil
    }

    /// Parses a complete head (request line, header lines, blank line).
    static func parse(_ head: ArraySlice<UInt8>, limits: ReplayServer.Limits) -> Result<RequestHead, RequestFailure> {
        var lines: [ArraySlice<UInt8>] = []
        for line in head.split(separator: lf, omittingEmptySubsequences: false) {
            let trimmed = line.last == cr ? line.dropLast() : line
            if trimmed.contains(cr) { return .failure(.badRequest("a bare CR in the request head")) }
            lines.append(trimmed)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        guard let requestLine = lines.first else { return .failure(.badRequest("an empty request")) }
        let parts = requestLine.split(separator: sp, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            return .failure(.badRequest("malformed request line (expected METHOD SP TARGET SP HTTP/1.1)"))
        }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
            return .failure(.badRequest("invalid method in the request line"))
        }
        let minor: Int
        switch Array(parts[2]) {
        case Array("HTTP/1.1".utf8): minor = 1
        case Array("HTTP/1.0".utf8): minor = 0
        case let version
        where version.count == 8 && version.starts(with: Array("HTTP/".utf8)) && version[6] == UInt8(ascii: ".")
            && [version[5], version[7]].allSatisfy({ (0x30...0x39).contains($0) }):
            return .failure(
                RequestFailure(
                    status: 505, kind: "version-not-supported", message: "only HTTP/1.0 and HTTP/1.1 are served"))
        default:
            return .failure(.badRequest("malformed HTTP version in the request line"))
        }
        guard let target = originForm(parts[1]) else {
            return .failure(.badRequest("invalid request target (expected /path?query or an absolute http URL)"))
        }
        var headers = HTTPFields()
        for line in lines.dropFirst() {
            if line.first == sp || line.first == ht {
                return .failure(.badRequest("obsolete header line folding is not accepted"))
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                line[line.startIndex..<colon].allSatisfy(isTokenByte)
            else {
                return .failure(.badRequest("malformed header line (expected Name: value)"))
            }
            var value = line[(colon + 1)...]
            while let first = value.first, first == sp || first == ht { value = value.dropFirst() }
            while let last = value.last, last == sp || last == ht { value = value.dropLast() }
            guard !value.contains(where: { ($0 < 0x20 && $0 != ht) || $0 == 0x7F }) else {
                return .failure(.badRequest("a control character in a header value"))
            }
            guard headers.count < limits.maxHeaderCount else {
                return .failure(
                    RequestFailure(
                        status: 431, kind: "headers-too-large",
                        message: "more than \(limits.maxHeaderCount) header fields"))
            }
            headers.append(
                name: String(decoding: line[line.startIndex..<colon], as: UTF8.self),
                value: String(decoding: value, as: UTF8.self))
        }
        return finish(method: parts[0], target: target, minor: minor, headers: headers, limits: limits)
    }

    /// Body framing, Host, persistence and expectations from the parsed fields.
    private static func finish(
        method: ArraySlice<UInt8>, target: String, minor: Int, headers: HTTPFields, limits: ReplayServer.Limits
    ) -> Result<RequestHead, RequestFailure> {
        if let coding = headers["Transfer-Encoding"] {
            if coding.lowercased().contains("chunked") {
                return .failure(
                    RequestFailure(
                        status: 411, kind: "length-required",
                        message: "chunked request bodies are not supported: send the body with Content-Length"))
            }
            // Only registered coding names are echoed: anything else a client sends may be a secret.
            let known = ["gzip", "x-gzip", "deflate", "compress", "identity", "br", "zstd"]
            let named =
                known.contains(coding.lowercased())
                ? "Transfer-Encoding \(coding.lowercased())" : "this Transfer-Encoding"
            return .failure(RequestFailure(status: 501, kind: "not-implemented", message: "\(named) is not supported"))
        }
        var length = 0
        let declared = headers.values(for: "Content-Length").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingSpaces
        }
        if let first = declared.first {
            guard declared.allSatisfy({ $0 == first }), !first.isEmpty, first.count <= 18,
                first.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(first)
            else {
                return .failure(.badRequest("invalid Content-Length (expected one non-negative integer)"))
            }
            length = value
        }
        guard length <= limits.maxBodyBytes else {
            return .failure(
                RequestFailure(
                    status: 413, kind: "body-too-large",
                    message: "the body is \(length) bytes; the limit is \(limits.maxBodyBytes)"))
        }
        let hosts = headers.values(for: "Host")
        if hosts.count > 1 || (minor == 1 && hosts.isEmpty) {
            return .failure(.badRequest(hosts.isEmpty ? "missing Host header" : "more than one Host header"))
        }
        let connection = Set(
            headers.values(for: "Connection").flatMap { $0.split(separator: ",") }.map {
                $0.trimmingSpaces.lowercased()
            })
        let keepAlive = minor == 1 ? !connection.contains("close") : connection.contains("keep-alive")
        let expectsContinue = headers["Expect"]?.lowercased() == "100-continue"
        return .success(
            RequestHead(
                method: String(decoding: method, as: UTF8.self), target: target, minorVersion: minor, headers: headers,
                contentLength: length, keepAlive: keepAlive, expectsContinue: expectsContinue))
    }

    /// `/path?query` from an origin-form target, or from an absolute-form `http://host/path?query`;
    /// nil for anything else or bytes a target cannot hold.
    static func originForm(_ bytes: ArraySlice<UInt8>) -> String? {
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("/") { return text }
        for scheme in ["http://", "https://"] where text.lowercased().hasPrefix(scheme) {
            let rest = text.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return "/" }
            let tail = String(rest[slash...])
            return tail.hasPrefix("?") ? "/" + tail : tail
        }
        return nil
    }

    /// RFC 9110 token characters: letters, digits and !#$%&'*+-.^_`|~.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let sp = UInt8(ascii: " ")
    static let ht = UInt8(ascii: "\t")
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
