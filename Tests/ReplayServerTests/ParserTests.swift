import Foundation
import Testing

@testable import ReplayServer

/// Requests the server must refuse, each with the exact status and JSON body, sent over a raw
/// socket; the connection is closed after every refusal.
@Suite struct ParserTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var request: String
        var status: Int
        var kind: String
        var error: String
        var testDescription: String { name }
    }

    static let refusals: [Case] = [
        Case(
            name: "request line without a version", request: "GET /v1/greetings/AC1\r\nHost: x\r\n\r\n", status: 400, kind: "bad-request",
            error: "malformed request line (expected METHOD SP TARGET SP HTTP/1.1)"),
        Case(
            name: "garbage request line", request: "\u{1}\u{2} nonsense\r\n\r\n", status: 400, kind: "bad-request",
            error: "malformed request line (expected METHOD SP TARGET SP HTTP/1.1)"),
        Case(
            name: "invalid method", request: "G(ET /x HTTP/1.1\r\nHost: x\r\n\r\n", status: 400, kind: "bad-request",
            error: "invalid method in the request line"),
        Case(
            name: "relative target", request: "GET v1/x HTTP/1.1\r\nHost: x\r\n\r\n", status: 400, kind: "bad-request",
            error: "invalid request target (expected /path?query or an absolute http URL)"),
        Case(
            name: "bad version", request: "GET /x HTTP/one\r\nHost: x\r\n\r\n", status: 400, kind: "bad-request",
            error: "malformed HTTP version in the request line"),
        Case(
            name: "HTTP/2.0 over plain text", request: "GET /x HTTP/2.0\r\nHost: x\r\n\r\n", status: 505, kind: "version-not-supported",
            error: "only HTTP/1.0 and HTTP/1.1 are served"),
        Case(
            name: "header without a colon", request: "GET /x HTTP/1.1\r\nHost: x\r\nAccept\r\n\r\n", status: 400, kind: "bad-request",
            error: "malformed header line (expected Name: value)"),
        Case(
            name: "space before the colon", request: "GET /x HTTP/1.1\r\nHost : x\r\n\r\n", status: 400, kind: "bad-request",
            error: "malformed header line (expected Name: value)"),
        Case(
            name: "folded header", request: "GET /x HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n", status: 400, kind: "bad-request",
            error: "obsolete header line folding is not accepted"),
        Case(
            name: "control character in a value", request: "GET /x HTTP/1.1\r\nHost: x\r\nX-A: 1\u{7}\r\n\r\n", status: 400,
            kind: "bad-request", error: "a control character in a header value"),
        Case(
            name: "missing Host in HTTP/1.1", request: "GET /x HTTP/1.1\r\nAccept: */*\r\n\r\n", status: 400, kind: "bad-request",
            error: "missing Host header"),
        Case(
            name: "non-numeric Content-Length", request: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", status: 400,
            kind: "bad-request", error: "invalid Content-Length (expected one non-negative integer)"),
        Case(
            name: "negative Content-Length", request: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", status: 400,
            kind: "bad-request", error: "invalid Content-Length (expected one non-negative integer)"),
        Case(
            name: "conflicting Content-Length", request: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            status: 400, kind: "bad-request", error: "invalid Content-Length (expected one non-negative integer)"),
        Case(
            name: "chunked body", request: "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", status: 411,
            kind: "length-required", error: "chunked request bodies are not supported: send the body with Content-Length"),
        Case(
            name: "other transfer coding", request: "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", status: 501,
            kind: "not-implemented", error: "Transfer-Encoding gzip is not supported"),
        Case(
            name: "body over 16 MiB", request: "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 16777217\r\n\r\n", status: 413,
            kind: "body-too-large", error: "the body is 16777217 bytes; the limit is 16777216"),
        Case(
            name: "headers over 64 KiB", request: "GET /x HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 70_000))\r\n\r\n",
            status: 431, kind: "headers-too-large", error: "the request line and headers exceed 65536 bytes"),
        Case(
            name: "more than 100 headers",
            request: "GET /x HTTP/1.1\r\nHost: x\r\n" + (1...100).map { "X-H\($0): v\r\n" }.joined() + "\r\n", status: 431,
            kind: "headers-too-large", error: "more than 100 header fields"),
    ]

    @Test("refused with exact status and body", arguments: refusals)
    func refused(_ refusal: Case) async throws {
        try await Fixtures.withServer([Fixtures.replay("a.json", [Fixtures.interaction(.get, "https://api.example.com/x", body: "{}")])]) { server, port in
            let client = try RawClient(port: port)
            try client.send(refusal.request)
            let response = try client.readResponse()
            #expect(response.status == refusal.status)
            #expect(response.text == #"{"error":"\#(refusal.error)"}"#)
            #expect(response.header("X-Conformance-Error") == refusal.kind)
            #expect(response.header("Content-Type") == "application/json")
            #expect(response.header("Connection") == "close")
            #expect(client.isClosedByServer())
            #expect(server.statistics.rejected == 1)
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        let cassette = Fixtures.replay(
            "pipeline.json",
            [
                Fixtures.interaction(.get, "https://api.example.com/a", body: #"{"n":1}"#),
                Fixtures.interaction(.post, "https://api.example.com/b", status: 201, body: #"{"n":2}"#),
                Fixtures.interaction(.get, "https://api.example.com/c?x=1", body: #"{"n":3}"#),
            ])
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            // Blank lines before a request line are allowed; LF-only line ends too.
            try client.send(
                "GET /a HTTP/1.1\r\nHost: x\r\n\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
                    + "GET /c?x=1 HTTP/1.1\nHost: x\nConnection: close\n\n")
            let first = try client.readResponse()
            let second = try client.readResponse()
            let third = try client.readResponse()
            #expect([first.status, second.status, third.status] == [Int]([200, 201, 200]))
            #expect([first.text, second.text, third.text] == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
            #expect(first.header("Connection") == nil)
            #expect(third.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func expectContinueGetsAnInterimResponseBeforeTheBody() async throws {
        let cassette = Fixtures.replay("upload.json", [Fixtures.interaction(.put, "https://api.example.com/files/1", body: "{}")])
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            try client.send("PUT /files/1 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n")
            let interim = try client.readResponse()
            #expect(interim.status == 100)
            try client.send("abc")
            #expect(try client.readResponse().status == 200)
        }
    }

    @Test func absoluteFormTargetsAndHTTP10KeepAlive() async throws {
        let cassette = Fixtures.replay(
            "forms.json",
            [Fixtures.interaction(.get, "https://api.example.com/v1/a?q=1", body: "1"), Fixtures.interaction(.get, "https://api.example.com/v1/b", body: "2")])
        try await Fixtures.withServer([cassette]) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET http://127.0.0.1/v1/a?q=1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try client.readResponse()
            #expect(first.text == "1")
            #expect(first.header("Connection") == "keep-alive")
            try client.send("GET /v1/b HTTP/1.0\r\n\r\n")
            let second = try client.readResponse()
            #expect(second.text == "2")
            #expect(second.header("Connection") == "close")
            #expect(client.isClosedByServer())
        }
    }

    @Test func headEndIsFoundAcrossLineEndingStyles() {
        #expect(HeadParser.headEnd(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\nrest".utf8), start: 0, scanFrom: 0) == 27)
        #expect(HeadParser.headEnd(Array("GET / HTTP/1.1\nHost: x\n\nrest".utf8), start: 0, scanFrom: 0) == 24)
        #expect(HeadParser.headEnd(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8), start: 0, scanFrom: 0) == nil)
    }

    @Test func parsedHeadKeepsHeadersInOrderAndReadsFraming() throws {
        let text = "POST /v1/x?y=2 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\nContent-Length: 12\r\nConnection: Close\r\n\r\n"
        let bytes = Array(text.utf8)
        let head = try HeadParser.parse(bytes[...], limits: .default).get()
        #expect(head.method == "POST")
        #expect(head.target == "/v1/x?y=2")
        #expect(head.headers.map(\.name) == ["Host", "Authorization", "Content-Length", "Connection"])
        #expect(head.contentLength == 12)
        #expect(!head.keepAlive)
    }
}
