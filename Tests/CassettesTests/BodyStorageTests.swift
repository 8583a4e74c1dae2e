import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// A body, how it must be stored, and a name for the test list.
struct BodyCase: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// `json`, `json-pretty`, `text`, `base64` or `absent`.
    var storage: String
    var testDescription: String { name }

    static let all: [BodyCase] = [
        BodyCase(name: "compact JSON", bytes: Array(#"{"id":"AC1","list":[1,2,{"x":null}]}"#.utf8), storage: "json"),
        BodyCase(
            name: "pretty JSON", bytes: Array("{\n  \"id\": \"AC1\",\n  \"list\": [\n    true\n  ]\n}".utf8),
            storage: "json-pretty"),
        BodyCase(
            name: "JSON with odd spacing", bytes: Array("{ \"id\" :\"AC1\" ,\n\t\"n\": 2 }\n".utf8), storage: "text"),
        BodyCase(name: "escaped unicode", bytes: Array(#"{"name":"caf\u00e9"}"#.utf8), storage: "text"),
        BodyCase(name: "raw unicode", bytes: Array(#"{"name":"café ☕"}"#.utf8), storage: "json"),
        BodyCase(
            name: "big integers and 1.0",
            bytes: Array(#"{"big":123456789012345678901234567890,"one":1.0,"e":1E+2,"neg":-0}"#.utf8), storage: "json"),
        BodyCase(name: "key order kept", bytes: Array(#"{"z":1,"a":2,"m":{"y":1,"b":2}}"#.utf8), storage: "json"),
        BodyCase(name: "trailing newline", bytes: Array("{\"a\":1}\n".utf8), storage: "text"),
        BodyCase(name: "non-JSON text", bytes: Array("status=ok&id=AC1".utf8), storage: "text"),
        BodyCase(name: "binary", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0xFE, 0x0A], storage: "base64"),
        BodyCase(name: "empty", bytes: [], storage: "absent"),
    ]
}

@Suite struct BodyStorageTests {
    @Test("stored readably and replayed byte for byte from a file", arguments: BodyCase.all)
    func storage(body: BodyCase) throws {
        let cassette = Cassette(
            operationId: "op", provenance: .init(kind: .documented, source: "test"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(method: .post, url: URL(string: "https://a.example/x")!, body: body.bytes),
                    response: HTTPResponse(status: 200, body: body.bytes))
            ])
        let path = temporaryPath("body.json")
        try cassette.write(to: path)
        let loaded = try Cassette.load(path: path)
        #expect(loaded.interactions[0].request.body == body.bytes)
        #expect(loaded.interactions[0].response.body == body.bytes)

        let stored = try JSONDocument.parse(contentsOf: path).value()["interactions"]?[0]?["response"]?["body"]
        switch body.storage {
        case "absent": #expect(stored == nil)
        case "json": #expect(stored?.objectValue?.keys == ["json"])
        case "json-pretty": #expect(stored?["layout"] == "pretty")
        default: #expect(stored?.objectValue?.keys == [body.storage])
        }
    }

    @Test func writingTwiceIsByteIdentical() throws {
        let cassette = Cassette(
            operationId: "messages_list",
            provenance: .init(kind: .recorded, source: "https://api.example.com", capturedAt: "2026-11-23T06:00:00Z"),
            interactions: BodyCase.all.map {
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(string: "https://a.example/x?b=2&a=1")!,
                        headers: HTTPFields([(name: "B", value: "2"), (name: "a", value: "1")])),
                    response: HTTPResponse(
                        status: 200, headers: HTTPFields([(name: "Z", value: "1"), (name: "A", value: "2")]),
                        body: $0.bytes))
            })
        let first = temporaryPath("twice.json")
        let second = temporaryPath("twice.json")
        try cassette.write(to: first)
        try Cassette.load(path: first).write(to: second)
        let a = try #require(FileManager.default.contents(atPath: first))
        let b = try #require(FileManager.default.contents(atPath: second))
        #expect(a == b)
        // Header and interaction order are data, not formatting: they survive.
        let loaded = try Cassette.load(path: second)
        #expect(loaded.interactions[0].response.headers.map(\.name) == ["Z", "A"])
        #expect(loaded.interactions.map(\.response.body) == BodyCase.all.map(\.bytes))
    }
}
