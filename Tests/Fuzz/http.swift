// libFuzzer target for the replay server's HTTP/1.1 request handling, built and run by
// `.ci/fuzz.sh http`. The input is what a client sends on one connection: it is parsed by
// `HeadParser` directly, then served for real over a socket pair by the same loop a connection thread
// runs (heads, bodies, pipelining, `Expect`, refusals, replay, the unmatched diagnostic). The input
// ends with the client's half-close, so nothing waits on a timer.
import Cassettes
import Foundation
import HTTPTransport

@testable import ReplayServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func fuzzCassettes() -> [ReplayTransport] {
    let interactions = [
        Cassette.Interaction(
            request: HTTPRequest(url: URL(string: "https://api.example.com/v1/messages/AC1?page=2&api_key=k")!),
            response: HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"id":"AC1"}"#.utf8))),
        Cassette.Interaction(
            request: HTTPRequest(
                method: .post, url: URL(string: "https://api.example.com/v1/messages")!, body: Array("hi".utf8)),
            response: HTTPResponse(status: 204, headers: ["Set-Cookie": "a=b"])),
    ]
    return [
        ReplayTransport(
            cassette: Cassette(
                operationId: "fuzz", provenance: .init(kind: .documented, source: "fuzz"), interactions: interactions),
            file: "fuzz.json")
    ]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = ReplayServer.Limits(
        maxHeaderBytes: 1_024, maxHeaderCount: 16, maxBodyBytes: 2_048, requestTimeout: 1, idleTimeout: 0.05)
    if let end = HeadParser.headEnd(bytes, start: 0, scanFrom: 0) {
        switch HeadParser.parse(bytes[0..<end], limits: limits) {
        case .success(let head): _ = head.target
        case .failure(let failure): _ = failure.message
        }
    }
    var pair: [Int32] = [-1, -1]
    #if canImport(Glibc)
        let kind = Int32(SOCK_STREAM.rawValue)
    #else
        let kind = SOCK_STREAM
    #endif
    guard socketpair(AF_UNIX, kind, 0, &pair) == 0 else { fatalError("socketpair: errno \(errno)") }
    defer {
        close(pair[0])
        close(pair[1])
    }
    var bufferSize: Int32 = 1 << 20
    for fd in pair {
        setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bufferSize, socklen_t(MemoryLayout<Int32>.size))
    }
    // The whole input fits the socket buffer (libFuzzer's -max_len keeps it small), then end of stream.
    guard Socket.write(pair[1], bytes, until: Socket.deadline(after: 1)) else { fatalError("could not send the input") }
    shutdown(pair[1], Int32(SHUT_WR))
    let server = ReplayServer(cassettes: fuzzCassettes(), limits: limits)
    server.serve(connection: pair[0])
    shutdown(pair[0], Int32(SHUT_RDWR))
    // Every response must be well-formed enough to start with a status line.
    var output: [UInt8] = []
    while case .bytes = Socket.read(pair[1], into: &output, chunk: 1 << 16, until: Socket.deadline(after: 1)) {}
    if !output.isEmpty && !output.starts(with: Array("HTTP/1.1 ".utf8)) {
        fatalError("a response without a status line")
    }
    return 0
}
