import Cassettes
import Foundation
import HTTPTransport
import ReplayServer
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The server under abuse, on loopback with short limits so every case ends quickly: slow and
/// trickling clients, half-open connections, oversized and malformed requests, hundreds of idle
/// connections. Whatever happens, it keeps serving others, answers each abuse with its error,
/// never crashes, and frees every connection it took.
@Suite struct AbuseTests {
    static let ok = Fixtures.interaction(.get, "https://api.example.com/v1/ok", body: "ok")

    static func server() -> ReplayTransport {
        Fixtures.replay("abuse.json", Array(repeating: ok, count: 64))
    }

    /// Waits (at most 10 s) until the server has closed every connection.
    static func drained(_ server: ReplayServer) async throws -> Bool {
        for _ in 0..<1_000 {
            if server.openConnections == 0 { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }

    static func served(_ port: UInt16) throws -> Bool {
        let client = try RawClient(port: port)
        try client.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        let response = try client.readResponse()
        return response.status == 200 && response.text == "ok"
    }

    @Test func tricklingClientsTimeOutWhileOthersAreServed() async throws {
        let limits = ReplayServer.Limits(requestTimeout: 0.5, idleTimeout: 0.5)
        try await Fixtures.withServer([Self.server()], limits: limits) { server, port in
            // Slowloris: each client keeps sending one header byte at a time, forever; the deadline
            // runs from the request's first byte, so trickling does not extend it.
            let slow = try (0..<20).map { _ in try RawClient(port: port) }
            for client in slow { try client.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
            for round in 0..<12 {
                for client in slow { try? client.send("a") }
                // Served while twenty slow clients hold their connections.
                if round == 2 { #expect(try Self.served(port)) }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            for client in slow {
                let response = try client.readResponse()
                #expect(response.status == 408)
                #expect(response.header("X-Conformance-Error") == "timeout")
                #expect(client.isClosedByServer())
            }
            #expect(server.statistics.rejected == 20)
            #expect(try await Self.drained(server))
        }
    }

    @Test func halfOpenConnectionsAreAnsweredOrClosed() async throws {
        try await Fixtures.withServer([Self.server()], limits: .init(requestTimeout: 0.5, idleTimeout: 0.5)) {
            server, port in
            // A complete request, then the client stops sending: it still gets its answer.
            let complete = try RawClient(port: port)
            try complete.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            shutdown(complete.fd, Int32(SHUT_WR))
            #expect(try complete.readResponse().text == "ok")
            #expect(complete.isClosedByServer())
            // Half a request, then end of stream: closed quietly, nothing to answer.
            let partial = try RawClient(port: port)
            try partial.send("GET /v1/ok HTTP/1.1\r\nHo")
            shutdown(partial.fd, Int32(SHUT_WR))
            #expect(partial.isClosedByServer())
            // A declared body that never comes: 408 at the deadline.
            let bodiless = try RawClient(port: port)
            try bodiless.send("POST /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nabc")
            #expect(try bodiless.readResponse().status == 408)
            // Connected, never a byte, never closed by the client: closed at the idle timeout.
            let silent = try RawClient(port: port)
            #expect(silent.isClosedByServer())
            #expect(try Self.served(port))
            #expect(try await Self.drained(server))
        }
    }

    @Test func oversizedRequestsAreRefusedWithoutReadingThem() async throws {
        let limits = ReplayServer.Limits(
            maxHeaderBytes: 1_024, maxHeaderCount: 8, maxBodyBytes: 4_096, requestTimeout: 2, idleTimeout: 0.5)
        try await Fixtures.withServer([Self.server()], limits: limits) { server, port in
            let huge = try RawClient(port: port)
            // 256 KiB of one header: the server stops reading at the limit.
            try? huge.send(
                "GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "b", count: 256 * 1_024)
                    + "\r\n\r\n")
            let headers = try huge.readResponse()
            #expect(headers.status == 431)
            #expect(headers.text == #"{"error":"the request line and headers exceed 1024 bytes"}"#)

            let many = try RawClient(port: port)
            try many.send(
                "GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (1...9).map { "X-\($0): v\r\n" }.joined() + "\r\n")
            let count = try many.readResponse()
            #expect(count.status == 431)
            #expect(count.text == #"{"error":"more than 8 header fields"}"#)

            // A declared 1 GiB body is refused from the head alone.
            let body = try RawClient(port: port)
            try body.send(
                "POST /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1073741824\r\n\r\n"
                    + String(repeating: "x", count: 8_192))
            let large = try body.readResponse()
            #expect(large.status == 413)
            #expect(large.text == #"{"error":"the body is 1073741824 bytes; the limit is 4096"}"#)
            #expect(body.isClosedByServer())

            #expect(try Self.served(port))
            #expect(server.statistics.rejected == 3)
            #expect(try await Self.drained(server))
        }
    }

    static let malformed: [(String, [UInt8])] = [
        ("binary junk", [0x00, 0xFF, 0x13, 0x37, 0x0D, 0x0A, 0x0D, 0x0A]),
        ("NUL in the target", Array("GET /v1/\u{0}ok HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
        ("two spaces", Array("GET  /v1/ok HTTP/1.1\r\nHost: x\r\n\r\n".utf8)),
        ("method only", Array("GET\r\n\r\n".utf8)),
        (
            "a TLS client hello",
            [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x0A, 0x0A, 0x0D, 0x0A, 0x0D, 0x0A]
        ),
        ("a 20 KiB method", Array((String(repeating: "G", count: 20 * 1_024) + " / HTTP/1.1\r\nHost: x\r\n\r\n").utf8)),
        ("bare CR line ends", Array("GET /v1/ok HTTP/1.1\rHost: x\r\n\r\n".utf8)),
        ("a space in a header name", Array("GET /v1/ok HTTP/1.1\r\nHost: x\r\nX A: 1\r\n\r\n".utf8)),
        ("a NUL in a header value", Array("GET /v1/ok HTTP/1.1\r\nHost: x\r\nX-A: 1\u{0}2\r\n\r\n".utf8)),
    ]

    @Test func malformedRequestsGetAnErrorAndOthersAreStillServed() async throws {
        let limits = ReplayServer.Limits(maxHeaderBytes: 16 * 1_024, requestTimeout: 1, idleTimeout: 0.5)
        try await Fixtures.withServer([Self.server()], limits: limits) { server, port in
            for (name, bytes) in Self.malformed {
                let client = try RawClient(port: port)
                try client.send(bytes)
                let response = try client.readResponse()
                #expect((400..<500).contains(response.status), "\(name): \(response.status) \(response.text)")
                #expect(response.header("Content-Type") == "application/json", "\(name)")
                #expect(client.isClosedByServer(), "\(name)")
            }
            #expect(try Self.served(port))
            #expect(try await Self.drained(server))
        }
    }

    @Test func twoHundredIdleConnectionsDoNotStopAnotherClient() async throws {
        try await Fixtures.withServer([Self.server()], limits: .init(requestTimeout: 5, idleTimeout: 30)) {
            server, port in
            var idle = try (0..<200).map { _ in try RawClient(port: port) }
            // Half of them are mid-request, half have not sent a byte.
            for client in idle.prefix(100) { try client.send("GET /v1/ok HTTP/1.1\r\nHost: x\r\n") }
            #expect(try Self.served(port))
            // Every idle client is still connected and served once it finishes its request.
            for client in idle.prefix(3) {
                try client.send("\r\n")
                #expect(try client.readResponse().status == 200)
            }
            idle.removeAll()
            #expect(try await Self.drained(server), "\(server.openConnections) connections still open")
            #expect(server.statistics.rejected == 0)
        }
    }
}
