import Cassettes
import Foundation
import HTTPTransport
import ReplayServer
import Testing

/// Starting, stopping, limits over time: slow clients, connection caps, busy ports.
@Suite struct LifecycleTests {
    static let cassette = [Fixtures.interaction(.get, "https://api.example.com/v1/ok", body: "ok")]

    @Test func aSlowClientIsTimedOutWhileOthersAreServed() async throws {
        let replay = Fixtures.replay("slow.json", Array(repeating: Self.cassette[0], count: 3))
        let limits = ReplayServer.Limits(requestTimeout: 0.5)
        try await Fixtures.withServer([replay], limits: limits) { server, port in
            let slow = try RawClient(port: port)
            try slow.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nAcc")
            // Served while the slow client holds its connection.
            let fast = try RawClient(port: port)
            try fast.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try fast.readResponse().text == "ok")
            let timedOut = try slow.readResponse()
            #expect(timedOut.status == 408)
            #expect(timedOut.text == #"{"error":"the request was not complete within 0.5 seconds"}"#)
            #expect(timedOut.header("X-Conformance-Error") == "timeout")
            #expect(slow.isClosedByServer())
            // A stalled body times out too.
            let stalled = try RawClient(port: port)
            try stalled.send("POST /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try stalled.readResponse().status == 408)
            #expect(server.statistics.rejected == 2)
        }
    }

    @Test func idleKeepAliveConnectionsAreClosedQuietly() async throws {
        try await Fixtures.withServer([Fixtures.replay("idle.json", Self.cassette)], limits: .init(idleTimeout: 0.3)) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try client.readResponse().status == 200)
            #expect(client.isClosedByServer())
        }
    }

    @Test func connectionsPastTheLimitGet503() async throws {
        try await Fixtures.withServer([Fixtures.replay("cap.json", Self.cassette)], limits: .init(maxConnections: 1)) { server, port in
            let holder = try RawClient(port: port)
            try holder.send("GET /v1/missing HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try holder.readResponse().status == 500)
            let refused = try RawClient(port: port)
            let response = try refused.readResponse()
            #expect(response.status == 503)
            #expect(response.text == #"{"error":"the server is serving 1 connections; retry later"}"#)
            #expect(server.statistics.rejected == 1)
        }
    }

    @Test func stopClosesOpenConnectionsAndIsIdempotent() throws {
        let server = ReplayServer(cassettes: [Fixtures.replay("stop.json", Self.cassette)])
        let port = try server.start()
        #expect(server.port == port)
        let client = try RawClient(port: port)
        try client.send("GET /v1/ok HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try client.readResponse().status == 200)
        server.stop()
        #expect(client.isClosedByServer())
        #expect(throws: RawClient.Failure.self) { try RawClient(port: port) }
        server.stop()
        #expect(throws: ReplayServerError(host: "127.0.0.1", port: 0, operation: "start", reason: "the server was already started")) {
            try server.start()
        }
    }

    @Test func aBusyPortIsAnErrorNamingTheAddress() throws {
        let first = ReplayServer(cassettes: [])
        let port = try first.start()
        defer { first.stop() }
        let second = ReplayServer(cassettes: [], port: port)
        let error = try #require(throws: ReplayServerError.self) { try second.start() }
        #expect(error.operation == "bind")
        #expect(error.description.hasPrefix("cannot listen on 127.0.0.1:\(port): bind failed: Address already in use (errno "))
    }

    @Test func withoutCassettesEveryRequestIsUnmatched() async throws {
        try await Fixtures.withServer([]) { _, port in
            let response = try await URLSessionTransport().send(HTTPRequest(url: Fixtures.url(port, "/v1/x")))
            #expect(response.status == 500)
            #expect(response.text == #"{"error":"no recorded interaction matches","request":"GET /v1/x","diagnostics":["no cassettes are being served"]}"#)
        }
    }
}
