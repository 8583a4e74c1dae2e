import Foundation
import Testing

@testable import Cassettes

/// A broken cassette and the one-line error it must give (after the file path).
struct MalformedCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var message: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ message: String) {
        self.init(name, Array(text.utf8), message)
    }

    init(_ name: String, _ bytes: [UInt8], _ message: String) {
        self.name = name
        self.bytes = bytes
        self.message = message
    }

    static let header =
        #"{"version": 1, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": "#

    static func interaction(_ json: String) -> String { header + "[" + json + "]}" }

    static let all: [MalformedCase] = [
        MalformedCase("empty file", "", ":1:1: empty document: expected a JSON value"),
        MalformedCase("truncated", "{\n  \"version\": 1,\n", ":3:1: unexpected end of input after ','"),
        MalformedCase(
            "duplicate key", "{\"version\": 1,\n \"version\": 1}", ":2:2: duplicate key \"version\" (first at 1:2)"),
        MalformedCase("invalid UTF-8", [0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], ":1:3: invalid UTF-8 byte 0xFF"),
        MalformedCase("not an object", "[1, 2]", ": expected a cassette (a JSON object), got array"),
        MalformedCase("version as a string", #"{"version": "1"}"#, "#/version: expected an integer, got \"1\""),
        MalformedCase("version missing", #"{"operationId": "x"}"#, "#/version: missing"),
        MalformedCase(
            "a 100 KB version", #"{"version": 1"# + String(repeating: "0", count: 100_000) + ".5}",
            "#/version: expected an integer, got 1000000000000000000000000000000000000000000000000000…(100003 bytes)…000000000000000000000000.5"
        ),
        MalformedCase(
            "future version", #"{"version": 3}"#, "#/version: unsupported cassette version 3 (this reads version 1)"),
        MalformedCase(
            "unknown top-level member", #"{"version": 1, "operationID": "x"}"#,
            "#/operationID: unknown member (expected version, operationId, provenance, violation, interactions)"),
        MalformedCase("interactions not an array", header + "{}}", "#/interactions: expected an array"),
        MalformedCase(
            "typo in request member",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b", "header": []}, "response": {"status": 200}}"#),
            "#/interactions/0/request/header: unknown member (expected method, url, headers, body)"),
        MalformedCase(
            "status out of range",
            interaction(#"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 700}}"#),
            "#/interactions/0/response/status: expected an HTTP status (100–599), got 700"),
        MalformedCase(
            "status as a float",
            interaction(#"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200.0}}"#),
            "#/interactions/0/response/status: expected an integer, got 200.0"),
        MalformedCase(
            "two body forms",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "body": {"json": {}, "text": "{}"}}}"#
            ),
            "#/interactions/0/response/body: a body has exactly one of \"json\", \"text\" or \"base64\", got \"json\" and \"text\""
        ),
        MalformedCase(
            "layout on a text body",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "body": {"text": "x", "layout": "pretty"}}}"#
            ), "#/interactions/0/response/body/layout: \"layout\" applies only to a \"json\" body"),
        MalformedCase(
            "body as a string",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b", "body": "x"}, "response": {"status": 200}}"#),
            "#/interactions/0/request/body: expected a body object ({\"json\": …}, {\"text\": …} or {\"base64\": …})"),
        MalformedCase(
            "method with a space",
            interaction(#"{"request": {"method": "G ET", "url": "https://a/b"}, "response": {"status": 200}}"#),
            #"#/interactions/0/request/method: expected an HTTP method, got "G ET""#),
        MalformedCase(
            "header name with a colon",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "headers": [["X-A: b", "c"]]}}"#
            ),
            #"#/interactions/0/response/headers/0/0: expected a header name (letters, digits and !#$%&'*+-.^_`|~), got "X-A: b""#
        ),
        MalformedCase(
            "header value with CRLF",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "headers": [["X-A", "b\r\nSet-Cookie: x"]]}}"#
            ),
            "#/interactions/0/response/headers/0/1: a header value cannot contain CR, LF or NUL"),
        MalformedCase(
            "headers as an object",
            interaction(
                #"{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "headers": {"A": "1"}}}"#
            ), "#/interactions/0/response/headers: expected an array of [name, value] pairs"),
    ]
}

@Suite struct MalformedCassetteTests {
    @Test("a malformed cassette is an error naming the file and the place", arguments: MalformedCase.all)
    func malformed(fixture: MalformedCase) throws {
        let path = temporaryPath("\(fixture.name.replacingOccurrences(of: " ", with: "-")).json")
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(fixture.bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: CassetteError.self) { try Cassette.load(path: path) }
        let description = error?.description ?? ""
        #expect(description == path + fixture.message)
        #expect(!description.contains("\n"))
    }

    @Test func missingFileIsAnError() {
        let path = temporaryPath("absent.json")
        let error = #expect(throws: CassetteError.self) { try Cassette.load(path: path) }
        #expect(error?.description == "\(path): cannot open: No such file or directory")
    }
}
