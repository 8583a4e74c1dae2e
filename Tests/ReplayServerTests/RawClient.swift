import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP client on 127.0.0.1 for tests that need exact bytes on one connection
/// (pipelining, keep-alive, malformed requests). Every read is bounded by a receive timeout.
final class RawClient {
    let fd: Int32
    private var buffer: [UInt8] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init(port: UInt16, receiveTimeout: Double = 5) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        var timeout = timeval()
        timeout.tv_sec = .init(receiveTimeout.rounded(.down))
        timeout.tv_usec = .init((receiveTimeout - receiveTimeout.rounded(.down)) * 1e6)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port) failed: errno \(errno)")
        }
    }

    deinit { close(fd) }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        try bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                #if canImport(Glibc)
                    let sent = Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #else
                    let sent = Darwin.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #endif
                guard sent > 0 else { throw Failure(description: "send failed: errno \(errno)") }
                offset += sent
            }
        }
    }

    /// Reads more bytes; false at end of stream (or on a receive timeout).
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(fd, &chunk, chunk.count, 0)
        guard count > 0 else { return false }
        buffer += chunk[0..<count]
        return true
    }

    /// One response: status, headers in order, and a body of exactly Content-Length bytes.
    func readResponse() throws -> RawResponse {
        let separator = Array("\r\n\r\n".utf8)
        var headEnd: Int? = nil
        while headEnd == nil {
            if let range = buffer.firstRange(of: separator) {
                headEnd = range.upperBound
            } else if !fill() {
                throw Failure(description: "the connection ended (or stalled) before a response head; got \(String(decoding: buffer, as: UTF8.self))")
            }
        }
        let end = headEnd!
        let lines = String(decoding: buffer[0..<(end - 4)], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line \(lines[0])")
        }
        let headers = lines.dropFirst().map { line -> (String, String) in
            let colon = line.firstIndex(of: ":") ?? line.endIndex
            return (String(line[..<colon]), line[colon...].dropFirst().trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        while buffer.count - end < length {
            guard fill() else { throw Failure(description: "the connection ended inside a body") }
        }
        let body = Array(buffer[end..<(end + length)])
        buffer.removeFirst(end + length)
        return RawResponse(status: status, headers: headers, body: body)
    }

    /// True when the server closes the connection (end of stream) with nothing more to read.
    func isClosedByServer() -> Bool {
        buffer.isEmpty && !fill()
    }
}

struct RawResponse {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    var headerNames: [String] { headers.map(\.0) }
}
