import TestSupport
import Foundation
import HTTPTransport
import Testing

@Suite struct HTTPFieldsTests {
    @Test func lookupIsCaseInsensitiveAndKeepsRepeats() {
        var fields: HTTPFields = ["Content-Type": "application/json"]
        fields.append(name: "Set-Cookie", value: "a=1")
        fields.append(name: "set-cookie", value: "b=2")
        #expect(fields["content-type"] == "application/json")
        #expect(fields.values(for: "SET-COOKIE") == ["a=1", "b=2"])
        fields["Set-Cookie"] = "c=3"
        #expect(fields.values(for: "set-cookie") == ["c=3"])
        fields["set-cookie"] = nil
        #expect(fields.count == 1)
        #expect(HTTPFields([("A", "1")]) == HTTPFields([("a", "1")]))
    }

    @Test func methodsAreUppercase() {
        #expect(HTTPMethod(rawValue: "get") == .get)
        #expect(("patch" as HTTPMethod).rawValue == "PATCH")
    }

    @Test func transportErrorsNeverShowCredentials() {
        let error = TransportError(
            method: .get, url: URL(string: "https://user:secret@api.example.com/v1/x")!, reason: "timed out")
        #expect(error.description == "GET https://api.example.com/v1/x failed: timed out")
    }
}

@Suite struct URLSessionTransportTests {
    @Test func sendsAndReceivesOverLoopback() async throws {
        let server = try LoopbackServer(status: 201, headers: [("X-Trace", "abc")], body: #"{"ok":true}"#)
        defer { server.stop() }
        let transport = URLSessionTransport()
        let request = HTTPRequest(
            method: .post, url: URL(string: "http://127.0.0.1:\(server.port)/v1/things?x=1")!,
            headers: ["Authorization": "Bearer test", "Content-Type": "application/json"], body: Array(#"{"a":1}"#.utf8)
        )
        let response = try await transport.send(request)
        #expect(response.status == 201)
        #expect(response.headers["x-trace"] == "abc")
        #expect(response.text == #"{"ok":true}"#)
        let received = try #require(server.received.first)
        #expect(received.hasPrefix("POST /v1/things?x=1 HTTP/1.1\r\n"))
        #expect(received.lowercased().contains("authorization: bearer test"))
        #expect(received.hasSuffix(#"{"a":1}"#))
    }

    @Test func connectionFailureIsATransportError() async throws {
        // A bound port with no listener refuses connections, and stays ours for the whole test.
        let closed = try SilentListener(listening: false)
        defer { closed.stop() }
        let port = closed.port
        let transport = URLSessionTransport()
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(
                HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/x?page=2&api_key=sk_canary_77")!))
        }
        #expect(
            error?.description
                == "GET http://127.0.0.1:\(port)/x?page=2&api_key=%3Credacted%3E failed: could not connect to the server (URLError -1004)"
        )
        #expect(error?.description.contains("sk_canary_77") == false)
        #expect(error?.underlying is URLError)
    }
}
