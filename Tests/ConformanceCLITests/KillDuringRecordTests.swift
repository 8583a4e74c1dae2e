import Cassettes
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kills `conformance record` at random moments and checks that the cassette on disk always parses
/// and, once written, is never lost.
@Suite struct KillDuringRecordTests {
    @Test(.enabled(if: BinaryTests.binary != nil, "the conformance executable is not built"))
    func killedRecordingsNeverTearOrLoseACassette() async throws {
        let binary = try #require(BinaryTests.binary)
        let body = try String(contentsOfFile: Files.repo("contracts/examples/openphone-message.json"), encoding: .utf8)
        let server = try LoopbackServer(status: 200, headers: [("Content-Type", "application/json")], body: body)
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)").path
        let cassette = recordings + "/openphone/getMessageById_v1/killed.json"
        var generator = SystemRandomNumberGenerator()
        var existed = false
        var killed = 0
        for round in 0..<60 {
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC1", "--scenario", "killed",
                "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"), "--recordings", recordings,
            ]
            process.environment = ["OPENPHONE_API_KEY": "k"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Every third recording runs to the end, so a cassette exists for the others to endanger.
            let finish = round % 3 == 0
            if !finish { try await Task.sleep(nanoseconds: UInt64.random(in: 0...40_000_000, using: &generator)) }
            if !finish && process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: cassette) {
                let loaded = try Cassette.load(path: cassette)
                #expect(loaded.interactions.count == 1)
                existed = true
            } else {
                #expect(!existed, "a cassette that existed was lost")
            }
        }
        // One more, uninterrupted: it must also clear the temporary files the killed writers left.
        let last = Process()
        last.executableURL = binary
        last.arguments = [
            "record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC1", "--scenario", "killed",
            "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"), "--recordings", recordings,
        ]
        last.environment = ["OPENPHONE_API_KEY": "k"]
        last.standardOutput = FileHandle.nullDevice
        try last.run()
        last.waitUntilExit()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (cassette as NSString).deletingLastPathComponent)
        #expect(leftovers == ["killed.json"])
        try? FileManager.default.removeItem(atPath: recordings)
        #expect(existed, "no recording ever finished; the test proved nothing")
        #expect(killed > 0, "no recording was ever killed; the test proved nothing")
    }
}
