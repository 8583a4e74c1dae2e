import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// One canary in every place the redactor knows a credential travels, all at once: listed headers,
/// vendor-prefixed headers recognised by name, URL user info, query parameters (any case, and
/// percent-encoded names), JSON members at any depth, form fields, and the response's cookie, token
/// header and body. It must appear in no cassette, no HAR (exported or imported), no error message
/// (unmatched request, header and body differences, unused interactions) and the files must scan clean.
@Suite struct CanaryPathsTests {
    static let canary = "CANARYpaths4b7e2d9c1a"

    static let request = HTTPRequest(
        method: .post,
        url: URL(
            string:
                "https://me:\(canary)@api.example.com/oauth/token?api_key=\(canary)&Token=\(canary)&client%5Fsecret=\(canary)&page=2"
        )!,
        headers: [
            "Authorization": "Bearer \(canary)", "Proxy-Authorization": "Basic \(canary)", "Cookie": "s=\(canary)",
            "X-API-Key": canary, "X-Sendo-Api-Key": canary, "X-Webhook-Signature": canary, "X-Auth-Token": canary,
            "Content-Type": "application/x-www-form-urlencoded",
        ],
        body: Array(
            "grant_type=client_credentials&client_secret=\(canary)&password=\(canary)&refresh%5Ftoken=\(canary)".utf8))

    static let response = HTTPResponse(
        status: 200,
        headers: ["Content-Type": "application/json", "Set-Cookie": "session=\(canary)", "X-Access-Token": canary],
        body: Array(
            #"{"access_token":"\#(canary)","scopes":[{"Secret":"\#(canary)"}],"user":{"PASSWORD":"\#(canary)"}}"#.utf8))

    /// A request whose only secret hides behind a percent-encoded parameter name (the redactor's
    /// fast path must still see it).
    static let encodedNameOnly = HTTPRequest(url: URL(string: "https://api.example.com/v1/x?api%5Fkey=\(canary)")!)

    func everyFile(under directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).map { directory + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    @Test func theCanaryIsInNoFileNoHARAndNoMessage() async throws {
        let canary = Self.canary
        let root = temporaryPath("canary-paths")
        let live = FakeLive { request in
            request.url.path == "/v1/x" ? HTTPResponse(status: 204) : CanaryPathsTests.response
        }
        let recorder = try CassetteTransport(
            path: root + "/recorded/example/token/ok.json", mode: .once, live: live, operationId: "token",
            source: "https://api.example.com", clock: { "2026-11-23T10:00:00.000Z" })
        #expect(try await recorder.send(Self.request).text.contains(canary), "the caller still gets the live response")
        _ = try await recorder.send(Self.encodedNameOnly)
        let recorded = try Cassette.load(path: root + "/recorded/example/token/ok.json")
        #expect(recorded.interactions.count == 2)

        var messages: [String] = []
        // Unmatched requests, against matchers that compare headers and bodies too.
        let strict = Matcher.default.adding(.headers(["Authorization", "X-API-Key", "Cookie"])).adding(.exactBody)
        for matcher in [Matcher.default, strict, Matcher.default.adding(.jsonBody)] {
            let replay = ReplayTransport(cassette: recorded, file: "ok.json", matcher: matcher, requireAllUsed: true)
            var other = Self.request
            other.url = URL(string: other.url.absoluteString.replacingOccurrences(of: "page=2", with: "page=3"))!
            other.headers["Authorization"] = "Bearer other\(canary)"
            other.body = Array(#"{"password":"x\#(canary)","n":1}"#.utf8)
            other.headers["Content-Type"] = "application/json"
            for request in [other, Self.encodedNameOnly, Self.encodedNameOnly] {
                do {
                    _ = try replay.replay(request)
                } catch {
                    messages.append(error.description)
                }
            }
            do { try replay.finish() } catch { messages.append(error.description) }
            messages.append(recorded.interactions.map { replay.redactor.describe($0.request) }.joined(separator: " "))
        }
        #expect(messages.count >= 6)

        // HAR export (as a file), and import back into another folder.
        let harPath = root + "/export/capture.har"
        try AtomicFile.write(
            JSONWriter.write(
                HAR.export([HAR.Source(cassette: recorded, provider: "example", scenario: "ok")]),
                options: .init(pretty: true)),
            to: harPath)
        for item in HAR.cassettes(from: try HAR.load(path: harPath), source: "capture.har") {
            try item.cassette.write(to: root + "/imported/" + item.relativePath)
        }
        // A foreign HAR holding the raw traffic is redacted on import.
        let foreign = HAR.export([
            Cassette(
                operationId: "token", provenance: .init(kind: .recorded, source: "proxy"),
                interactions: [Cassette.Interaction(request: Self.request, response: Self.response)])
        ])
        try Cassette(
            operationId: "token", provenance: .init(kind: .recorded, source: "imported"),
            interactions: try HAR.importEntries(foreign, file: "proxy.har")
        )
        .write(to: root + "/imported/example/token/foreign.json")

        let files = everyFile(under: root)
        #expect(files.count == 4)
        for file in files {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            #expect(!text.contains(canary), "\(file) holds the canary")
            #expect(!text.contains("CANARY"), "\(file) holds part of the canary")
        }
        for message in messages { #expect(!message.contains(canary), "a message holds the canary: \(message)") }
        #expect(try SecretScanner.scan(root) == [], "the recordings and the HAR scan clean")
    }
}
