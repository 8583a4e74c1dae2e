import Cassettes
import Foundation
import HTTPTransport
import ReplayServer
import Testing

@testable import ConformanceCLI

/// `conformance record` end to end on loopback, with the replay server standing in for the provider.
@Suite struct RecordAgainstServeTests {
    @Test func recordsFromTheReplayServerAsFromTheLiveAPI() async throws {
        let body = try Array(Data(contentsOf: URL(fileURLWithPath: Files.repo("contracts/examples/openphone-message.json"))))
        let served = Cassette(
            operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "contracts/examples/openphone-message.json"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(url: URL(string: "https://api.openphone.com/v1/messages/AC3f5e2b1c9d8a7f6e5d4c3b2a19")!),
                    response: HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body))
            ])
        let server = ReplayServer(cassettes: [ReplayTransport(cassette: served, file: "served.json")])
        let port = try server.start()
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("serve-rec-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: recordings) }
        let arguments = [
            "record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC3f5e2b1c9d8a7f6e5d4c3b2a19",
            "--scenario", "from-serve", "--base-url", "http://127.0.0.1:\(port)", "--contracts", Files.repo("contracts"), "--recordings", recordings,
        ]
        let (code, stdout): (Int32, String) = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let out = Output()
                let code = CLI.run(arguments, environment: ["OPENPHONE_API_KEY": "op_test_key_123"], stdout: out, stderr: Output())
                continuation.resume(returning: (code, out.text))
            }
        }
        #expect(code == 0)
        #expect(stdout.contains("no drift"))
        let recorded = try Cassette.load(path: recordings + "/openphone/getMessageById_v1/from-serve.json")
        #expect(recorded.provenance.kind == .recorded)
        #expect(recorded.interactions.first?.response.body == body)
        #expect(recorded.interactions.first?.request.headers["Authorization"] == "<redacted:authorization>")
        #expect(server.statistics.replayed == 1)
    }
}
