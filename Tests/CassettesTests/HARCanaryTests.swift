import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// A canary secret sent in every place a credential travels (Authorization, query, URL userinfo,
/// JSON body, Set-Cookie, response body) is in no file and no message after record → HAR export →
/// HAR import, and the files scan clean.
@Suite struct HARCanaryTests {
    static let canary = "CANARY9f3e7b21d4c6a8"

    func everyFile(under directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).map { directory + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test func theCanaryIsInNoFileAndNoMessage() async throws {
        let canary = Self.canary
        let root = temporaryPath("canary")
        let live = FakeLive { _ in
            HTTPResponse(
                status: 200,
                headers: ["Content-Type": "application/json", "Set-Cookie": "session=\(HARCanaryTests.canary)"],
                body: Array(#"{"id":"AC1","token":"\#(HARCanaryTests.canary)"}"#.utf8))
        }
        let transport = try CassetteTransport(
            path: root + "/recorded/example/sendMessage/ok.json", mode: .once, live: live, operationId: "sendMessage",
            source: "https://api.example.com",
            clock: { "2026-11-23T10:00:00.000Z" })
        let request = HTTPRequest(
            method: .post,
            url: URL(string: "https://user:\(canary)@api.example.com/v1/messages?api_key=\(canary)&page=2")!,
            headers: ["Authorization": "Bearer \(canary)", "Content-Type": "application/json"],
            body: Array(#"{"password":"\#(canary)","text":"hi"}"#.utf8))
        let response = try await transport.send(request)
        #expect(response.text.contains(canary), "the caller still gets the live response")

        // Export the recording to HAR, as a file.
        let recorded = try Cassette.load(path: root + "/recorded/example/sendMessage/ok.json")
        let harPath = root + "/export/capture.har"
        try AtomicFile.write(
            JSONWriter.write(
                HAR.export([HAR.Source(cassette: recorded, provider: "example", scenario: "ok")]),
                options: .init(pretty: true)), to: harPath)

        // Import it back into another recordings folder.
        let imported = try HAR.load(path: harPath)
        let cassettes = HAR.cassettes(from: imported, source: "capture.har")
        #expect(cassettes.map(\.relativePath) == ["example/sendMessage/ok.json"])
        for item in cassettes { try item.cassette.write(to: root + "/imported/" + item.relativePath) }
        #expect(
            try Cassette.load(path: root + "/imported/example/sendMessage/ok.json") == recorded,
            "export then import changes nothing")

        // A foreign capture holding the raw canary is redacted on import too.
        let raw = JSONWriter.write(
            HAR.export([
                Cassette(
                    operationId: "sendMessage", provenance: .init(kind: .recorded, source: "proxy"),
                    interactions: [
                        Cassette.Interaction(request: request, response: response)
                    ])
            ]))
        var foreign = try JSONDocument.parse(raw).value()
        if case .object(var log)? = foreign["log"], case .array(var entries)? = log["entries"],
            case .object(var entry) = entries[0]
        {
            entry["_conformance"] = nil
            entries[0] = .object(entry)
            log["entries"] = .array(entries)
            foreign = ["log": .object(log)]
        }
        let foreignInteractions = try HAR.importEntries(foreign, file: "proxy.har")
        try Cassette(
            operationId: "sendMessage", provenance: .init(kind: .recorded, source: "imported from proxy.har"),
            interactions: foreignInteractions
        )
        .write(to: root + "/imported/example/sendMessage/foreign.json")

        // Malformed captures holding the canary: the errors never quote it.
        var messages: [String] = []
        for text in [
            #"{"log":{"entries":[{"request":{"method":"GET","url":"/\#(canary)"},"response":{"status":200}}]}}"#,
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example","headers":[{"name":"Authorization","value":"\#(canary)\n"}]},"response":{"status":200}}]}}"#,
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":"\#(canary)"}}]}}"#,
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":200,"content":{"text":"\#(canary)!","encoding":"base64"}}}]}}"#,
            #"{"log":{"entries":[{"request":{"method":"GET","url":"https://a.example"},"response":{"status":200},"_conformance":{"operationId":"\#(canary)/.."}}]}}"#,
        ] {
            do {
                _ = try HAR.importEntries(try JSONDocument.parse(text).value(), file: "bad.har")
                Issue.record("expected an error for \(text.count) bytes of malformed HAR")
            } catch {
                messages.append(String(describing: error))
            }
        }
        #expect(messages.count == 5)

        let files = everyFile(under: root)
        #expect(files.count == 4)
        for file in files {
            let text = try contents(file)
            #expect(!text.contains(canary), "\(file) holds the canary")
        }
        for message in messages { #expect(!message.contains(canary)) }
        #expect(try SecretScanner.scan(root) == [], "the recordings and the HAR scan clean")
    }
}
