import Cassettes
import Foundation
import TestSupport
import Testing

@testable import ConformanceCLI

@Suite struct RecordCommandTests {
    /// Runs the command on its own thread, as the executable's main thread does: `record` waits for
    /// async work, which must not block a thread of the cooperative pool the tests run on.
    func run(_ arguments: [String], environment: [String: String]) async -> (code: Int32, stdout: String, stderr: String) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let out = Output()
                let err = Output()
                let code = CLI.run(arguments, environment: environment, stdout: out, stderr: err)
                continuation.resume(returning: (code, out.text, err.text))
            }
        }
    }

    @Test func recordsRedactsAndReportsDriftAgainstALoopbackStandIn() async throws {
        let canary = "op_live_CANARY_5e1d9c"
        let body = #"{"data":{"id":"XY9","to":["+15555550123"],"from":"+15555550199","text":"hi","phoneNumberId":null,"direction":"incoming","userId":null,"status":"delivered","createdAt":"2026-03-04T15:22:11Z","updatedAt":"2026-03-04T15:22:11Z","reactions":[]}}"#
        let server = try LoopbackServer(status: 200, headers: [("Content-Type", "application/json")], body: body)
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)").path
        let result = await run(
            ["record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC123", "--scenario", "drifted",
             "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"), "--recordings", recordings],
            environment: ["OPENPHONE_API_KEY": canary])
        let path = recordings + "/openphone/getMessageById_v1/drifted.json"
        #expect(result.code == 1)
        #expect(result.stdout == """
            recorded \(path): GET /v1/messages/AC123 → 200
            drift from \(Files.repo("contracts"))/openphone.openapi.json (getMessageById_v1, 200):
              /data/id: "XY9" does not match pattern ^AC(.*)$ [pattern at #/components/schemas/Message/properties/id/pattern]
              /data/reactions: undocumented field

            """)
        let request = try #require(server.received.first)
        #expect(request.hasPrefix("GET /v1/messages/AC123 HTTP/1.1\r\n"))
        #expect(request.contains(canary))
        let cassette = try Cassette.load(path: path)
        #expect(cassette.provenance.kind == .recorded)
        #expect(cassette.interactions.first?.response.body == Array(body.utf8))
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!file.contains(canary))
        #expect(!result.stdout.contains(canary) && !result.stderr.contains(canary))
    }

    @Test func conformingResponsesReportNoDrift() async throws {
        let body = try String(contentsOfFile: Files.repo("contracts/examples/openphone-message.json"), encoding: .utf8)
        let server = try LoopbackServer(status: 200, headers: [("Content-Type", "application/json")], body: body)
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)").path
        let result = await run(
            ["record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC1", "--scenario", "ok",
             "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"), "--recordings", recordings],
            environment: ["OPENPHONE_API_KEY": "k"])
        #expect(result.code == 0)
        #expect(result.stdout.hasSuffix("no drift: the response satisfies \(Files.repo("contracts"))/openphone.openapi.json (getMessageById_v1, 200)\n"))
    }

    @Test func bandwidthFillsTheUserFromCredentialsAndUsesBasicAuth() async throws {
        let server = try LoopbackServer(status: 404, headers: [], body: #"{"category":"not-found","code":"message-not-found","message":"gone"}"#)
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("rec-\(UUID().uuidString)").path
        let result = await run(
            ["record", "--provider", "bandwidth", "--operation", "getMessage", "--param", "messageId=m-abc", "--scenario", "not-found",
             "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"), "--recordings", recordings],
            environment: ["BANDWIDTH_USER_ID": "u-42", "BANDWIDTH_API_TOKEN": "t", "BANDWIDTH_API_SECRET": "s"])
        #expect(result.code == 0)
        let request = try #require(server.received.first)
        #expect(request.hasPrefix("GET /v1/users/u-42/messages/m-abc HTTP/1.1\r\n"))
        #expect(request.contains("Basic dDpz"))
    }

    @Test("usage and credential errors", arguments: [
        ([String: String](), ["--provider", "sendo", "--operation", "retrieveMessage", "--scenario", "x", "--param", "id=1"],
         "conformance record: sendo credentials missing: set SENDO_API_KEY in the environment"),
        (["COURIER_API_KEY": "k"], ["--provider", "courier", "--operation", "messages_get", "--scenario", "x"],
         "conformance record: missing path parameter --param message_id=…"),
        (["COURIER_API_KEY": "k"], ["--provider", "courier", "--operation", "messages_get", "--scenario", "x", "--param", "nope=1"],
         "conformance record: messages_get has no parameter 'nope' (parameters: message_id)"),
        (["COURIER_API_KEY": "k"], ["--provider", "courier", "--operation", "messages_get", "--scenario", "../x", "--param", "message_id=1"],
         "conformance record: invalid scenario name '../x' (letters, digits, '.', '_' and '-')"),
    ])
    func errors(environment: [String: String], arguments: [String], message: String) async {
        let result = await run(["record"] + arguments + ["--contracts", Files.repo("contracts"), "--recordings", "/nonexistent"], environment: environment)
        #expect(result.code == 2)
        #expect(result.stderr == message + "\n")
    }
}
