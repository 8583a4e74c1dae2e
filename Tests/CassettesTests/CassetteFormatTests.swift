import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

func interaction(_ url: String, method: HTTPMethod = .get, headers: HTTPFields = [:], requestBody: [UInt8] = [], status: Int = 200, body: String) -> Cassette.Interaction {
    Cassette.Interaction(
        request: HTTPRequest(method: method, url: URL(string: url)!, headers: headers, body: requestBody),
        response: HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: Array(body.utf8)))
}

func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("conformance-tests-\(UUID().uuidString)/\(name)").path
}

@Suite struct CassetteBodyTests {
    @Test("bodies replay byte for byte", arguments: [
        #"{"id":"AC1","n":1.0,"big":123456789012345678901234567890,"z":{"b":1,"a":2}}"#,
        "{\n  \"pretty\": true,\n  \"list\": [\n    1\n  ]\n}",
        #"{ "odd" :  "spacing" }"#,
        #"{"escaped":"caf\u00e9"}"#,
        "plain text, not JSON",
        "",
    ])
    func roundTrips(text: String) throws {
        let cassette = Cassette(
            operationId: "op", provenance: .init(kind: .documented, source: "test"),
            interactions: [interaction("https://api.example.com/x", body: text)])
        let reloaded = try Cassette(json: try JSONDocument.parse(cassette.encoded()).value(), file: "mem")
        #expect(reloaded.interactions[0].response.body == Array(text.utf8))
    }

    @Test func binaryBodiesUseBase64() throws {
        let bytes: [UInt8] = [0, 255, 128, 10]
        let stored = try #require(CassetteBody(bytes).stored)
        #expect(stored["base64"] == "AP+ACg==")
        #expect(try CassetteBody(stored: stored, at: .root, file: "f").bytes == bytes)
    }

    @Test func storageIsReadable() throws {
        #expect(CassetteBody(#"{"a":1}"#).stored == ["json": ["a": 1]])
        #expect(CassetteBody("{\n  \"a\": 1\n}").stored == ["json": ["a": 1], "layout": "pretty"])
        #expect(CassetteBody(#"{"a":"\u00e9"}"#).stored == ["text": #"{"a":"\u00e9"}"#])
    }
}

@Suite struct CassetteFileTests {
    let sample = Cassette(
        operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "seed 004", capturedAt: "2026-11-23T00:00:00Z"),
        interactions: [interaction("https://api.openphone.com/v1/messages/AC1", headers: ["Accept": "application/json"], body: #"{"data":{"id":"AC1"}}"#)])

    @Test func encodingIsCanonicalAndStable() throws {
        let first = sample.encoded()
        let second = try Cassette(json: try JSONDocument.parse(first).value(), file: "mem").encoded()
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"version\": 1,\n  \"operationId\": \"getMessageById_v1\",\n  \"provenance\": {"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func writesAtomicallyAndReplacesTheOldFile() throws {
        let path = temporaryPath("openphone/getMessageById_v1/ok.json")
        try sample.write(to: path)
        #expect(try Cassette.load(path: path) == sample)
        var changed = sample
        changed.provenance.source = "changed"
        try changed.write(to: path)
        #expect(try Cassette.load(path: path).provenance.source == "changed")
        let directory = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["ok.json"])
    }

    @Test func failedWriteKeepsTheOldFile() throws {
        let path = temporaryPath("ro/keep.json")
        try sample.write(to: path)
        let directory = (path as NSString).deletingLastPathComponent
        chmod(directory, 0o500)
        defer { chmod(directory, 0o755) }
        if getuid() != 0 {
            #expect(throws: CassetteError.self) { try sample.write(to: path) }
        }
        #expect(try Cassette.load(path: path) == sample)
    }

    @Test("malformed cassettes name the file and place", arguments: [
        ("{\n  \"version\": 1,\n  \"operationId\": \n}", ":4:1: unexpected character '}': expected a JSON value"),
        (#"{"version": 2, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": []}"#, "#/version: unsupported cassette version 2 (this reads version 1)"),
        (#"{"version": 1, "provenance": {"kind": "recorded", "source": "s"}, "interactions": []}"#, "#/operationId: missing"),
        (#"{"version": 1, "operationId": "x", "provenance": {"kind": "live", "source": "s"}, "interactions": []}"#, "#/provenance/kind: expected \"recorded\" or \"documented\", got \"live\""),
        (#"{"version": 1, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": [{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": "200"}}]}"#, "#/interactions/0/response/status: expected an integer, got \"200\""),
        (#"{"version": 1, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": [{"request": {"method": "GET", "url": "/relative"}, "response": {"status": 200}}]}"#, "#/interactions/0/request/url: not an absolute URL: /relative"),
        (#"{"version": 1, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": [{"request": {"method": "GET", "url": "https://a/b", "headers": [["A"]]}, "response": {"status": 200}}]}"#, "#/interactions/0/request/headers/0: expected a [name, value] pair of strings"),
        (#"{"version": 1, "operationId": "x", "provenance": {"kind": "recorded", "source": "s"}, "interactions": [{"request": {"method": "GET", "url": "https://a/b"}, "response": {"status": 200, "body": {"base64": "%%%"}}}]}"#, "#/interactions/0/response/body/base64: expected a base64 string"),
    ])
    func malformed(text: String, suffix: String) throws {
        let path = temporaryPath("bad.json")
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: CassetteError.self) { try Cassette.load(path: path) }
        #expect(error?.description == path + suffix)
    }
}
