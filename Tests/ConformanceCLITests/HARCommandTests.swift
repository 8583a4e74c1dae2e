import Cassettes
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import ConformanceCLI

/// `conformance har export` and `conformance har import`, end to end in-process.
@Suite struct HARCommandTests {
    static let canary = "CANARYcli7c1d2e3f4a5b"

    func temporaryDirectory(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("har-cli-\(UUID().uuidString)/\(name)").path
    }

    /// Two redacted cassettes under `<root>/<provider>/<operationId>/<scenario>.json`.
    func writeRecordings(_ root: String) throws -> [Cassette] {
        let first = Cassette(
            operationId: "getMessageById_v1",
            provenance: .init(
                kind: .recorded, source: "https://api.example.com", capturedAt: "2026-03-04T15:00:00.000Z"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(string: "https://api.example.com/v1/messages/AC1?api_key=%3Credacted:api_key%3E")!,
                        headers: ["Authorization": "<redacted:authorization>"]),
                    response: HTTPResponse(
                        status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"id":"AC1"}"#.utf8)),
                    capturedAt: "2026-03-04T15:22:11.000Z")
            ])
        let second = Cassette(
            operationId: "sendMessage_v1", provenance: .init(kind: .documented, source: "https://docs.example.com"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        method: .post, url: URL(string: "https://api.example.com/v1/messages")!,
                        headers: ["Content-Type": "application/octet-stream"], body: [0xFF, 0x00, 0x7F]),
                    response: HTTPResponse(
                        status: 202, headers: ["Content-Type": "text/plain"], body: Array("queued\n".utf8)))
            ])
        try first.write(to: root + "/openphone/getMessageById_v1/ok.json")
        try second.write(to: root + "/openphone/sendMessage_v1/binary.json")
        return [first, second]
    }

    @Test func exportWritesHARToStandardOutput() throws {
        let root = temporaryDirectory("recordings")
        _ = try writeRecordings(root)
        let run = Run(["har", "export", root])
        #expect(run.code == 0)
        #expect(run.stderr == "")
        let har = try JSONDocument.parse(run.stdout).value()
        #expect(har[JSONPointer(tokens: ["log", "version"])] == "1.2")
        #expect(har[JSONPointer(tokens: ["log", "creator", "version"])] == .string(CLI.version))
        let entries = try #require(har[JSONPointer(tokens: ["log", "entries"])]?.arrayValue)
        #expect(entries.map { $0[JSONPointer(tokens: ["_conformance", "scenario"])] } == ["ok", "binary"])
        #expect(entries.map { $0[JSONPointer(tokens: ["_conformance", "provider"])] } == ["openphone", "openphone"])
    }

    @Test func exportThenImportRoundTripsThroughFiles() throws {
        let root = temporaryDirectory("recordings")
        let originals = try writeRecordings(root)
        let har = temporaryDirectory("out/all.har")
        try FileManager.default.createDirectory(
            atPath: (har as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let export = Run([
            "har", "export", root + "/openphone/getMessageById_v1/ok.json", root + "/openphone/sendMessage_v1", "-o",
            har,
        ])
        #expect(export.code == 0)
        #expect(export.stdout == "wrote \(har): 2 entries from 2 cassettes\n")

        let target = temporaryDirectory("imported")
        let run = Run(["har", "import", har, "--to", target])
        #expect(run.code == 0)
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                wrote \(target)/openphone/getMessageById_v1/ok.json: 1 interaction
                wrote \(target)/openphone/sendMessage_v1/binary.json: 1 interaction

                """)
        let back = [
            try Cassette.load(path: target + "/openphone/getMessageById_v1/ok.json"),
            try Cassette.load(path: target + "/openphone/sendMessage_v1/binary.json"),
        ]
        #expect(back == originals)
        #expect(back.map { $0.encoded() } == originals.map { $0.encoded() }, "the same file bytes")
        #expect(back[1].interactions[0].request.body == [0xFF, 0x00, 0x7F])
    }

    @Test func importOfAForeignCaptureGroupsRedactsAndNamesTheSource() throws {
        let har = temporaryDirectory("capture.har")
        let capture: JSONValue = [
            "log": [
                "version": "1.2", "creator": ["name": "mitmproxy", "version": "10"],
                "entries": [
                    [
                        "startedDateTime": "2026-03-04T15:22:11.000Z",
                        "request": [
                            "method": "GET",
                            "url": .string(
                                "https://u:\(Self.canary)@api.example.com/v1/messages/AC1?token=\(Self.canary)"),
                            "headers": [["name": "Authorization", "value": .string("Bearer \(Self.canary)")]],
                        ],
                        "response": [
                            "status": 200,
                            "content": [
                                "mimeType": "application/json", "text": .string(#"{"secret":"\#(Self.canary)"}"#),
                            ],
                        ],
                    ],
                    [
                        "request": ["method": "GET", "url": "https://api.example.com/v1/messages/AC2"],
                        "response": ["status": 0],
                    ],
                ],
            ]
        ]
        try FileManager.default.createDirectory(
            atPath: (har as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(JSONWriter.write(capture)).write(to: URL(fileURLWithPath: har))
        let target = temporaryDirectory("recordings")
        let run = Run([
            "har", "import", har, "--to", target, "--provider", "openphone", "--operation", "getMessageById_v1",
        ])
        #expect(run.code == 0)
        #expect(run.stdout == "wrote \(target)/openphone/getMessageById_v1/imported-1.json: 1 interaction\n")
        #expect(run.stderr == "conformance har: \(har)#/log/entries/1: skipped, no response (status 0)\n")
        let path = target + "/openphone/getMessageById_v1/imported-1.json"
        let cassette = try Cassette.load(path: path)
        #expect(
            cassette.provenance
                == .init(kind: .recorded, source: "imported from capture.har", capturedAt: "2026-03-04T15:22:11.000Z"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(Self.canary))
        #expect(!run.stdout.contains(Self.canary) && !run.stderr.contains(Self.canary))

        let again = Run([
            "har", "import", har, "--to", target, "--provider", "openphone", "--operation", "getMessageById_v1",
        ])
        #expect(
            again.stdout == "wrote \(target)/openphone/getMessageById_v1/imported-2.json: 1 interaction\n",
            "an import never overwrites an unnamed one")

        let scan = Run(["scan", target, har])
        #expect(scan.code == 1, "the raw capture holds credentials; the imported cassettes do not")
        #expect(scan.stdout.split(separator: "\n").allSatisfy { $0.hasPrefix(har + ":") })
        #expect(!scan.stdout.contains(Self.canary))
        #expect(Run(["scan", target]).code == 0)
    }

    @Test(
        "usage errors name the fix",
        arguments: [
            (["har"], "conformance har: expected 'export' or 'import' (see --help)\n"),
            (["har", "publish"], "conformance har: unknown action 'publish' (expected 'export' or 'import')\n"),
            (["har", "export"], "conformance har: no cassette PATH to export (see --help)\n"),
            (["har", "export", "x", "--to", "d"], "conformance har: --to applies to 'har import' only\n"),
            (["har", "import", "a.har"], "conformance har: 'har import' needs --to DIR\n"),
            (["har", "import", "a.har", "b.har", "--to", "d"], "conformance har: 'har import' takes one FILE.har\n"),
            (
                ["har", "import", "a.har", "--to", "d", "-o", "x"],
                "conformance har: --output applies to 'har export' only\n"
            ),
            (
                ["har", "import", "a.har", "--to", "d", "--provider", "../x"],
                "conformance har: invalid --provider '../x' (letters, digits, '.', '_' and '-')\n"
            ),
            (
                ["har", "import", "/nonexistent/a.har", "--to", "d"],
                "conformance har: /nonexistent/a.har: cannot open: No such file or directory\n"
            ),
            (
                ["har", "export", "/nonexistent/recordings"],
                "conformance har: /nonexistent/recordings: no such file or directory\n"
            ),
        ])
    func usageErrors(arguments: [String], message: String) {
        let run = Run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr == message)
        #expect(run.stdout == "")
    }

    @Test func aMalformedHARIsOneLineWithFileAndPointer() throws {
        let har = temporaryDirectory("bad.har")
        try FileManager.default.createDirectory(
            atPath: (har as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(
            #"{"log":{"entries":[{"request":{"method":"GET","url":"/\#(Self.canary)"},"response":{"status":200}}]}}"#
                .utf8
        ).write(to: URL(fileURLWithPath: har))
        let run = Run(["har", "import", har, "--to", temporaryDirectory("r")])
        #expect(run.code == 2)
        #expect(run.stderr == "conformance har: \(har)#/log/entries/0/request/url: expected an absolute URL\n")
    }
}
