import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// HAR 1.2 export and import: the shape devtools expect, tolerant reading of real captures, and
/// cassettes that come back exactly as they went out.
@Suite struct HARTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "recordings/har-fixtures"
    ).path

    static let binary: [UInt8] = [0x00, 0x01, 0xFE, 0xFF, 0xC3]

    /// Cassettes covering every body form, repeated headers, and capture times present and absent.
    static var sample: [HAR.Source] {
        let first = Cassette(
            operationId: "getMessageById_v1",
            provenance: .init(
                kind: .recorded, source: "https://api.example.com", capturedAt: "2026-03-04T15:00:00.000Z"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(
                            string:
                                "https://api.example.com/v1/messages/AC1?api_key=%3Credacted:api_key%3E&include=a&include=b"
                        )!,
                        headers: ["Accept": "application/json", "Authorization": "<redacted:authorization>"]),
                    response: HTTPResponse(
                        status: 200,
                        headers: HTTPFields([
                            (name: "Content-Type", value: "application/json"), (name: "Vary", value: "Accept"),
                            (name: "Vary", value: "Origin"),
                        ]),
                        body: Array(#"{"id":"AC1","n":1.0,"token":"<redacted:token>"}"#.utf8)),
                    capturedAt: "2026-03-04T15:22:11.000Z"),
                Cassette.Interaction(
                    request: HTTPRequest(
                        method: .post, url: URL(string: "https://api.example.com/v1/upload")!,
                        headers: ["Content-Type": "application/octet-stream"], body: binary),
                    response: HTTPResponse(
                        status: 201, headers: ["Content-Type": "application/octet-stream"], body: binary.reversed())),
            ])
        let second = Cassette(
            operationId: "listMessages_v1",
            provenance: .init(kind: .documented, source: "https://docs.example.com/messages"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        method: .post, url: URL(string: "https://api.example.com/v1/messages")!,
                        headers: ["Content-Type": "application/x-www-form-urlencoded"],
                        body: Array("to=%2B1555&client_secret=%3Credacted:client_secret%3E".utf8)),
                    response: HTTPResponse(
                        status: 200, headers: ["Content-Type": "application/json"],
                        body: Array("{\n  \"pretty\": true\n}".utf8))),
                Cassette.Interaction(
                    request: HTTPRequest(url: URL(string: "https://api.example.com/v1/messages?page=2")!),
                    response: HTTPResponse(status: 204)),
                Cassette.Interaction(
                    request: HTTPRequest(url: URL(string: "https://api.example.com/v1/text")!),
                    response: HTTPResponse(
                        status: 500, headers: ["Content-Type": "text/plain"], body: Array("plain text, café".utf8))),
            ])
        return [
            HAR.Source(cassette: first, provider: "openphone", scenario: "ok"),
            HAR.Source(cassette: second, provider: "openphone", scenario: "paged"),
        ]
    }

    @Test func exportWritesTheHAR12Shape() throws {
        let har = HAR.export(Self.sample, creatorVersion: "9.9.9")
        #expect(har[JSONPointer(tokens: ["log", "version"])] == "1.2")
        #expect(har[JSONPointer(tokens: ["log", "creator"])] == ["name": "conformance", "version": "9.9.9"])
        let entries = try #require(har[JSONPointer(tokens: ["log", "entries"])]?.arrayValue)
        #expect(entries.count == 5)
        let first = entries[0]
        #expect(first["startedDateTime"] == "2026-03-04T15:22:11.000Z", "the interaction's own capture time")
        #expect(entries[1]["startedDateTime"] == "2026-03-04T15:00:00.000Z", "else the cassette's")
        #expect(entries[2]["startedDateTime"] == "1970-01-01T00:00:00.000Z", "else the epoch")
        #expect(first["time"] == 0)
        #expect(first["cache"] == .object(JSONObject()))
        #expect(first["timings"] == ["send": 0, "wait": 0, "receive": 0])
        let request = try #require(first["request"])
        #expect(request["method"] == "GET")
        #expect(request["httpVersion"] == "HTTP/1.1")
        #expect(
            request["headers"] == [
                ["name": "Accept", "value": "application/json"],
                ["name": "Authorization", "value": "<redacted:authorization>"],
            ])
        #expect(
            request["queryString"] == [
                ["name": "api_key", "value": "<redacted:api_key>"], ["name": "include", "value": "a"],
                ["name": "include", "value": "b"],
            ])
        #expect(request["cookies"] == [])
        #expect(request["headersSize"] == -1)
        #expect(request["bodySize"] == 0)
        #expect(request["postData"] == nil, "no body, no postData")
        let response = try #require(first["response"])
        #expect(response["status"] == 200)
        #expect(response["statusText"] == "OK")
        #expect(response["redirectURL"] == "")
        #expect(
            response["content"] == [
                "size": 47, "mimeType": "application/json", "text": #"{"id":"AC1","n":1.0,"token":"<redacted:token>"}"#,
            ])
        #expect(response["bodySize"] == 47)
        #expect(
            first["_conformance"] == [
                "operationId": "getMessageById_v1", "cassette": 0, "scenario": "ok", "provider": "openphone",
                "provenance": [
                    "kind": "recorded", "source": "https://api.example.com", "capturedAt": "2026-03-04T15:00:00.000Z",
                ],
                "capturedAt": "2026-03-04T15:22:11.000Z",
            ])
        #expect(first["comment"] == "getMessageById_v1 (ok)")

        let upload = entries[1]
        #expect(
            upload[JSONPointer(tokens: ["request", "postData"])] == [
                "mimeType": "application/octet-stream", "text": "AAH+/8M=", "_encoding": "base64",
            ])
        #expect(
            upload[JSONPointer(tokens: ["response", "content"])] == [
                "size": 5, "mimeType": "application/octet-stream", "text": "w//+AQA=", "encoding": "base64",
            ])
    }

    @Test func exportThenImportRoundTripsEveryCassetteByteForByte() throws {
        let text = JSONWriter.string(HAR.export(Self.sample), options: .init(pretty: true))
        let document = try JSONDocument.parse(text)
        let imported = try HAR.read(document.value(), file: "sample.har")
        #expect(imported.skipped.isEmpty)
        let cassettes = HAR.cassettes(from: imported, source: "sample.har")
        #expect(
            cassettes.map(\.relativePath) == [
                "openphone/getMessageById_v1/ok.json", "openphone/listMessages_v1/paged.json",
            ])
        #expect(cassettes.map(\.cassette) == Self.sample.map(\.cassette))
        for (back, original) in zip(cassettes, Self.sample) {
            #expect(back.cassette.encoded() == original.cassette.encoded(), "the cassette file bytes are the same")
            for (a, b) in zip(back.cassette.interactions, original.cassette.interactions) {
                #expect(a.request.body == b.request.body)
                #expect(a.response.body == b.response.body)
            }
        }
        #expect(
            try HAR.importEntries(document.value(), file: "sample.har") == Self.sample.flatMap(\.cassette.interactions))
    }

    @Test func importReadsABrowserCaptureTolerantly() throws {
        let imported = try HAR.load(path: Self.fixtures + "/chrome-devtools.har")
        #expect(
            imported.skipped.map(\.description) == [
                "#/log/entries/2: no response (status 0)", "#/log/entries/3: not an HTTP URL",
            ])
        let interactions = imported.entries.map(\.interaction)
        #expect(interactions.count == 3)
        #expect(interactions[0].request.headers == ["accept": "application/json"], "HTTP/2 pseudo-headers are dropped")
        #expect(
            interactions[0].response.headers == ["content-type": "application/json; charset=utf-8"],
            "the body is stored decoded")
        #expect(interactions[0].response.text == #"{"id":"AC1","text":"hi"}"#)
        #expect(interactions[0].capturedAt == "2026-03-04T15:22:11.123Z")
        #expect(interactions[1].request.method == .post)
        #expect(interactions[1].request.body == Array(#"{"to":["+15555550123"],"text":"hi"}"#.utf8))
        #expect(interactions[1].response.body == [0x00, 0x01, 0x02, 0xFF], "content.encoding base64 is decoded")
        #expect(interactions[2].response.status == 304)
        #expect(interactions[2].response.body.isEmpty, "no content is an empty body")

        let grouped = HAR.cassettes(from: imported, source: "chrome-devtools.har")
        #expect(
            grouped.map(\.relativePath) == [
                "imported/api.example.com_v1_messages_AC1/imported-1.json",
                "imported/api.example.com_v1_messages/imported-1.json",
            ])
        #expect(grouped[0].cassette.interactions.count == 2)
        #expect(
            grouped[0].cassette.provenance
                == .init(
                    kind: .recorded, source: "imported from chrome-devtools.har", capturedAt: "2026-03-04T15:22:11.123Z"
                ))

        let named = HAR.cassettes(
            from: imported, source: "chrome-devtools.har", provider: "openphone", operation: "getMessageById_v1"
        ) { path in
            path == "openphone/getMessageById_v1/imported-1.json"
        }
        #expect(
            named.map(\.relativePath) == ["openphone/getMessageById_v1/imported-2.json"],
            "one operation; a name in use is skipped")
        #expect(named[0].cassette.interactions.count == 3)
    }

    @Test func importRedactsBeforeAnythingElseSeesTheEntries() throws {
        let secret = "hunter2hunter2"
        let har: JSONValue = [
            "log": [
                "entries": [
                    [
                        "request": [
                            "method": "POST",
                            "url": .string("https://me:\(secret)@api.example.com/v1/x?token=\(secret)&page=1"),
                            "headers": [
                                ["name": "Authorization", "value": .string("Bearer \(secret)")],
                                ["name": "Content-Type", "value": "application/json"],
                            ],
                            "postData": [
                                "mimeType": "application/json", "text": .string(#"{"password":"\#(secret)","n":1}"#),
                            ],
                        ],
                        "response": [
                            "status": 200, "headers": [["name": "Set-Cookie", "value": .string("sid=\(secret)")]],
                            "content": ["text": .string(#"{"access_token":"\#(secret)"}"#)],
                        ],
                    ]
                ]
            ]
        ]
        let interaction = try #require(try HAR.importEntries(har, file: "x.har").first)
        let cassette = Cassette(
            operationId: "x", provenance: .init(kind: .recorded, source: "x.har"), interactions: [interaction])
        let text = String(decoding: cassette.encoded(), as: UTF8.self)
        #expect(!text.contains(secret))
        #expect(interaction.request.headers["authorization"] == "<redacted:authorization>")
        #expect(
            String(decoding: interaction.request.body, as: UTF8.self) == #"{"password":"<redacted:password>","n":1}"#)
        #expect(interaction.response.text == #"{"access_token":"<redacted:access_token>"}"#)
    }

    static let malformed: [(name: String, har: String, message: String)] = [
        ("not an object", "[]", "m.har: expected a cassette (a JSON object), got array"),
        ("no log", "{}", "m.har#/log: missing"),
        ("entries not an array", #"{"log":{"entries":{}}}"#, "m.har#/log/entries: expected an array, got object"),
        ("no request", #"{"log":{"entries":[{"response":{"status":200}}]}}"#, "m.har#/log/entries/0/request: missing"),
        (
            "relative url",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"/v1/SECRETVALUE"},"response":{"status":200}}]}}"#,
            "m.har#/log/entries/0/request/url: expected an absolute URL"
        ),
        (
            "status text",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":"SECRETVALUE"}}]}}"#,
            "m.har#/log/entries/0/response/status: expected an HTTP status (100–599, or 0 for no response), got string"
        ),
        (
            "header value with a line break",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example","headers":[{"name":"X","value":"SECRETVALUE\r\nY: 1"}]},"response":{"status":200}}]}}"#,
            "m.har#/log/entries/0/request/headers/0/value: a header value cannot contain CR, LF or NUL"
        ),
        (
            "bad base64",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":200,"content":{"text":"SECRETVALUE!","encoding":"base64"}}}]}}"#,
            "m.har#/log/entries/0/response/content/text: expected base64 text (encoding is \"base64\")"
        ),
        (
            "unknown encoding",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":200,"content":{"text":"x","encoding":"gzip"}}}]}}"#,
            "m.har#/log/entries/0/response/content/encoding: unsupported encoding (expected \"base64\" or none)"
        ),
        (
            "unsafe operationId",
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":200},"_conformance":{"operationId":"../../etc"}}]}}"#,
            "m.har#/log/entries/0/_conformance/operationId: expected a name of letters, digits, '.', '_' and '-' (it names a folder or file)"
        ),
    ]

    @Test(
        "a malformed HAR is one line naming the file and the JSON Pointer, never quoting values", arguments: malformed)
    func malformedHAR(_ testCase: (name: String, har: String, message: String)) throws {
        let value = try JSONDocument.parse(testCase.har).value()
        let error = #expect(throws: CassetteError.self) { try HAR.importEntries(value, file: "m.har") }
        #expect(error?.description == testCase.message)
        #expect(error?.description.contains("SECRETVALUE") == false)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func aSyntaxErrorNamesLineAndColumn() throws {
        let path = temporaryPath("broken.har")
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("{\"log\": {\n  \"entries\": [,]\n}}".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: CassetteError.self) { try HAR.load(path: path) }
        #expect(error?.location?.line == 2)
        #expect(error?.description.hasPrefix("\(path):2:") == true)
    }
}
