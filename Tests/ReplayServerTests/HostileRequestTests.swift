import Cassettes
import Foundation
import HTTPTransport
import JSON
import ReplayServer
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Requests built to make the server work or talk too much: a huge query against many cassettes,
/// credentials under names the redaction list does not know, idle connections filling every slot.
@Suite struct HostileRequestTests {
    static func cassettes(_ count: Int) -> [ReplayTransport] {
        (0..<count).map { index in
            Fixtures.replay(
                "recordings/\(index).json",
                [Fixtures.interaction(.get, "https://api.example.com/v1/items?page=\(index)&tag=a", body: "ok")])
        }
    }

    static func get(_ port: UInt16, _ target: String) throws -> RawResponse {
        // Generous: a debug build under a parallel test run explains a 60 KB query slowly.
        let client = try RawClient(port: port, receiveTimeout: 60)
        try client.send("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        return try client.readResponse()
    }

    @Test("a 60 KB query against 20 cassettes gets a bounded diagnostic: 16 explained, the rest counted")
    func hugeQuery() async throws {
        let query = (0..<6_000).map { "p\($0)=\($0)" }.joined(separator: "&")
        #expect(query.utf8.count > 50_000)
        try await Fixtures.withServer(Self.cassettes(20)) { server, port in
            let response = try Self.get(port, "/v1/items?" + query)
            #expect(response.status == 500)
            #expect(response.body.count < 48 * 1024)
            let json = try JSONDocument.parse(response.body).value()
            let diagnostics = try #require(json["diagnostics"]?.arrayValue)
            #expect(diagnostics.count == 17)
            #expect(diagnostics.last == "… and 4 more cassettes, none of which matches")
            #expect(diagnostics.allSatisfy { ($0.stringValue?.utf8.count ?? .max) <= 2_048 })
            #expect((json["request"]?.stringValue?.utf8.count ?? .max) <= 1_024)
            // The same request again, nothing replayed in between: the same answer.
            #expect(try Self.get(port, "/v1/items?" + query).body == response.body)
            #expect(server.statistics.unmatched == 2)
        }
    }

    @Test("diagnostics do not echo values under credential-like names or long values, even unlisted ones")
    func credentialValues() async throws {
        try await Fixtures.withServer(Self.cassettes(1)) { _, port in
            let secret = "s3cr3tSESSIONvalue"
            let opaque = String(repeating: "Q", count: 40)
            let response = try Self.get(port, "/v1/items?page=7&session=\(secret)&otp=123456&blob=\(opaque)")
            #expect(response.status == 500)
            #expect(!response.text.contains(secret))
            #expect(!response.text.contains("123456"))
            #expect(!response.text.contains(opaque))
            #expect(response.text.contains("session=<18 bytes>"))
            #expect(response.text.contains("blob=<40 bytes>"))
            #expect(response.text.contains("page=7"))
            #expect(response.text.contains(#"query parameter \"page\": expected [0], got [7]"#))
            #expect(response.text.contains(#"query parameter \"session\": expected absent, got [<18 bytes>]"#))
        }
    }

    @Test("an unmatched diagnostic follows replays: after its interaction is used up, it says so")
    func cacheFollowsReplays() async throws {
        // Strict (`--once`): a used-up interaction is unmatched again, and the diagnostic says so.
        try await Fixtures.withServer(Self.cassettes(1), repeats: false) { _, port in
            #expect(try Self.get(port, "/v1/items?page=0&tag=b").status == 500)
            #expect(try Self.get(port, "/v1/items?page=0&tag=a").status == 200)
            let again = try Self.get(port, "/v1/items?page=0&tag=a")
            #expect(again.status == 500)
            #expect(again.text.contains("all already replayed"))
        }
    }

    @Test("idle connections filling every slot are closed after the request timeout, not the idle timeout")
    func idleLockout() async throws {
        let limits = ReplayServer.Limits(requestTimeout: 0.5, idleTimeout: 600, maxConnections: 4)
        try await Fixtures.withServer(Self.cassettes(1), limits: limits) { server, port in
            let idle = try (0..<4).map { _ in try RawClient(port: port) }
            // Every slot taken by a connection that sends nothing; the idle timeout is ten minutes,
            // yet the slots free up (deadline generous: 20 s, the policy needs 0.5 s).
            var served = false
            for _ in 0..<200 where !served {
                if let response = try? Self.get(port, "/v1/items?page=0&tag=a"), response.status == 200 {
                    served = true
                }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            #expect(served)
            for client in idle { #expect(client.isClosedByServer()) }
            #expect(server.statistics.replayed == 1)
        }
    }

    @Test("below three quarters of the connection limit, the idle timeout applies")
    func idleBelowLimit() async throws {
        let limits = ReplayServer.Limits(requestTimeout: 0.2, idleTimeout: 600, maxConnections: 8)
        try await Fixtures.withServer(Self.cassettes(1), limits: limits) { server, port in
            let idle = try RawClient(port: port)
            for _ in 0..<100 where server.openConnections < 1 { try await Task.sleep(nanoseconds: 10_000_000) }
            // Well past the request timeout, the idle connection is still open and served.
            try await Task.sleep(nanoseconds: 1_000_000_000)
            try idle.send("GET /v1/items?page=0&tag=a HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(try idle.readResponse().status == 200)
        }
    }
}
