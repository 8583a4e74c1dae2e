import Cassettes
import Foundation
import HTTPTransport
import ReplayServer
import Testing

/// Recorded traffic replayed over real HTTP: through URLSession, and through raw sockets where the
/// exact bytes on one connection matter.
@Suite struct ReplayTests {
    let transport = URLSessionTransport()

    @Test func replaysStatusHeadersAndExactBodyBytesThroughURLSession() async throws {
        let binary: [UInt8] = [0x00, 0xFF, 0x10, 0x0D, 0x0A, 0x80]
        let pretty = "{\n  \"id\": \"AC1\",\n  \"text\": \"h\u{e9}llo\"\n}"
        let cassette = Fixtures.replay(
            "messages.json",
            [
                Fixtures.interaction(
                    .get, "https://api.example.com/v1/messages/AC1",
                    headers: ["Content-Type": "application/json", "X-Request-Id": "r-1", "Set-Cookie": "a=1"],
                    body: pretty),
                Fixtures.interaction(
                    .post, "https://api.example.com/v1/files?kind=raw", status: 201,
                    headers: ["Content-Type": "application/octet-stream"], bytes: binary),
                Fixtures.interaction(
                    .delete, "https://api.example.com/v1/messages/AC1", status: 204, headers: [:], bytes: []),
                Fixtures.interaction(
                    .get, "https://api.example.com/v1/missing", status: 404, body: #"{"message":"not found"}"#),
            ])
        try await Fixtures.withServer([cassette]) { server, port in
            let first = try await transport.send(
                HTTPRequest(
                    url: Fixtures.url(port, "/v1/messages/AC1"), headers: ["Authorization": "Bearer live-secret"]))
            #expect(first.status == 200)
            #expect(first.body == Array(pretty.utf8))
            #expect(first.headers["Content-Type"] == "application/json")
            #expect(first.headers["X-Request-Id"] == "r-1")
            #expect(first.headers["Set-Cookie"] == "a=1")
            #expect(first.headers["Content-Length"] == String(pretty.utf8.count))
            let second = try await transport.send(
                HTTPRequest(method: .post, url: Fixtures.url(port, "/v1/files?kind=raw"), body: [1, 2, 3]))
            #expect(second.status == 201)
            #expect(second.body == binary)
            let third = try await transport.send(
                HTTPRequest(method: .delete, url: Fixtures.url(port, "/v1/messages/AC1")))
            #expect(third.status == 204)
            #expect(third.body.isEmpty)
            let fourth = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/missing")))
            #expect(fourth.status == 404)
            #expect(fourth.text == #"{"message":"not found"}"#)
            #expect(server.statistics == ReplayServer.Statistics(replayed: 4, unmatched: 0, rejected: 0))
            #expect(cassette.unusedInteractions.isEmpty)
        }
    }

    @Test func dropsHopByHopHeadersAndSetsTheExactContentLength() async throws {
        let cassette = Fixtures.replay(
            "chunked.json",
            [
                Fixtures.interaction(
                    .get, "https://api.example.com/v1/x",
                    headers: [
                        "Content-Type": "text/plain", "Transfer-Encoding": "chunked", "Connection": "keep-alive",
                        "Keep-Alive": "timeout=5",
                        "Content-Length": "999", "Content-Encoding": "gzip",
                    ], body: "hello")
            ])
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /v1/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            let response = try client.readResponse()
            #expect(response.headerNames == ["Content-Type", "Content-Length"])
            #expect(response.header("Content-Length") == "5")
            #expect(response.text == "hello")
        }
    }

    @Test func headRequestsGetTheLengthWithoutTheBody() async throws {
        let cassette = Fixtures.replay(
            "head.json",
            [
                Fixtures.interaction(.head, "https://api.example.com/v1/x", bytes: []),
                Fixtures.interaction(.get, "https://api.example.com/v1/y", body: "after"),
            ])
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            try client.send("HEAD /v1/x HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/y HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try client.readResponse()
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "0")
            #expect(try client.readResponse().text == "after")
        }
    }

    @Test func requestsGoToTheFirstCassetteWithAnUnusedMatch() async throws {
        let first = Fixtures.replay(
            "first.json",
            [Fixtures.interaction(.get, "https://one.example.com/v1/a", body: "first-a")])
        let second = Fixtures.replay(
            "second.json",
            [
                Fixtures.interaction(.get, "https://two.example.com/v1/a", body: "second-a"),
                Fixtures.interaction(.get, "https://two.example.com/v1/b", body: "second-b"),
            ])
        try await Fixtures.withServer([first, second]) { _, port in
            var bodies: [String] = []
            for path in ["/v1/a", "/v1/b", "/v1/a"] {
                bodies.append(try await transport.send(HTTPRequest(url: Fixtures.url(port, path))).text)
            }
            #expect(bodies == ["first-a", "second-b", "second-a"])
        }
    }

    @Test func unmatchedRequestsGetEveryCassettesDiagnosticWithSecretsRedacted() async throws {
        let first = Fixtures.replay(
            "recordings/a.json", [Fixtures.interaction(.get, "https://api.example.com/v1/messages?page=1", body: "[]")])
        let second = Fixtures.replay(
            "recordings/b.json",
            [Fixtures.interaction(.post, "https://api.example.com/v1/messages", status: 202, body: "{}")])
        try await Fixtures.withServer([first, second]) { server, port in
            let response = try await transport.send(
                HTTPRequest(
                    url: Fixtures.url(port, "/v1/messages?page=2&api_key=SECRET-123"),
                    headers: ["Authorization": "Bearer SECRET-456"]))
            #expect(response.status == 500)
            #expect(response.headers["X-Conformance-Error"] == "unmatched")
            #expect(response.headers["Content-Type"] == "application/json")
            let expected = """
                {"error":"no recorded interaction matches","request":"GET /v1/messages?page=2&api_key=<redacted:api_key>","diagnostics":[\
                "recordings/a.json: no recorded interaction matches GET https://api.example.com/v1/messages?page=2&api_key=<redacted:api_key>; \
                nearest is interaction 0 (GET https://api.example.com/v1/messages?page=1): query parameter \\"api_key\\": expected absent, got [<redacted:api_key>]; \
                query parameter \\"page\\": expected [1], got [2]",\
                "recordings/b.json: no recorded interaction matches GET https://api.example.com/v1/messages?page=2&api_key=<redacted:api_key>; \
                nearest is interaction 0 (POST https://api.example.com/v1/messages): method: expected POST, got GET; \
                query parameter \\"api_key\\": expected absent, got [<redacted:api_key>]; query parameter \\"page\\": expected absent, got [2]"]}
                """
            #expect(response.text == expected)
            #expect(!response.text.contains("SECRET"))
            // The same request once the recorded one is used up gets it again, marked as a repeat.
            let first = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/messages?page=1")))
            #expect(first.headers["X-Conformance-Replay"] == nil)
            let again = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/messages?page=1")))
            #expect(again.status == first.status && again.body == first.body)
            #expect(again.headers["X-Conformance-Replay"] == "repeat")
            #expect(server.statistics == ReplayServer.Statistics(replayed: 2, unmatched: 1, rejected: 0))
        }
    }

    /// `--once`: each interaction answers once; a repeat is unmatched and says so.
    @Test func strictServersAnswerEachInteractionOnce() async throws {
        let cassette = Fixtures.replay(
            "recordings/a.json", [Fixtures.interaction(.get, "https://api.example.com/v1/messages?page=1", body: "[]")])
        try await Fixtures.withServer([cassette], repeats: false) { server, port in
            _ = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/messages?page=1")))
            let again = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/messages?page=1")))
            #expect(again.status == 500)
            #expect(
                again.text.contains(
                    "recordings/a.json: GET https://api.example.com/v1/messages?page=1 matches 1 recorded interaction, all already replayed"
                ))
            #expect(server.statistics == ReplayServer.Statistics(replayed: 1, unmatched: 1, rejected: 0))
        }
    }

    /// Every repeat of a recorded GET gets the recorded bytes (a retry, a second run, a load tool).
    @Test func aRecordedGetAnswersEveryRepeat() async throws {
        let cassette = Fixtures.replay(
            "recordings/a.json",
            [Fixtures.interaction(.get, "https://api.example.com/v1/messages/AC1", body: #"{"id":"AC1"}"#)])
        try await Fixtures.withServer([cassette]) { server, port in
            for round in 0..<50 {
                let response = try await transport.send(HTTPRequest(url: Fixtures.url(port, "/v1/messages/AC1")))
                #expect(response.status == 200 && response.text == #"{"id":"AC1"}"#)
                #expect(response.headers["X-Conformance-Replay"] == (round == 0 ? nil : "repeat"))
            }
            #expect(server.statistics == ReplayServer.Statistics(replayed: 50, unmatched: 0, rejected: 0))
        }
    }

    @Test func keepAliveServesManySequentialRequestsOnOneConnection() async throws {
        let count = 200
        let cassette = Fixtures.replay(
            "many.json",
            (0..<count).map {
                Fixtures.interaction(.get, "https://api.example.com/v1/items/\($0)", body: #"{"id":\#($0)}"#)
            })
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            for index in 0..<count {
                try client.send("GET /v1/items/\(index) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                let response = try client.readResponse()
                #expect(response.status == 200)
                #expect(response.text == #"{"id":\#(index)}"#)
                if response.status != 200 { break }
            }
            try client.send("GET /v1/items/0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let last = try client.readResponse()
            #expect(last.status == 200)
            #expect(last.header("X-Conformance-Replay") == "repeat")
            #expect(last.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func servesTwentyConcurrentClients() async throws {
        let clients = 20
        let perClient = 5
        let cassette = Fixtures.replay(
            "concurrent.json",
            (0..<clients).flatMap { client in
                (0..<perClient).map {
                    Fixtures.interaction(.get, "https://api.example.com/v1/c/\(client)/\($0)", body: "\(client)-\($0)")
                }
            })
        try await Fixtures.withServer([cassette]) { server, port in
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for client in 0..<clients {
                    group.addTask {
                        // One session per client, so each is its own connection.
                        let transport = URLSessionTransport()
                        var bodies: [String] = []
                        for index in 0..<perClient {
                            bodies.append(
                                try await transport.send(
                                    HTTPRequest(url: Fixtures.url(port, "/v1/c/\(client)/\(index)"))
                                ).text)
                        }
                        return bodies
                    }
                }
                var all: [String] = []
                for try await bodies in group { all += bodies }
                return all
            }
            #expect(results.sorted() == (0..<clients).flatMap { c in (0..<perClient).map { "\(c)-\($0)" } }.sorted())
            #expect(server.statistics.replayed == clients * perClient)
            #expect(cassette.unusedInteractions.isEmpty)
        }
    }
}
