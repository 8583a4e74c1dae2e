import Cassettes
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kills `conformance record` with SIGKILL at random moments of its life (start-up, the call, the
/// temporary file, fsync, rename) and checks after every kill that every cassette on disk parses, that
/// the cassette being re-recorded is still there, and that the other cassettes beside it are untouched.
///
/// The default run makes 20 kills, a few seconds; `CONFORMANCE_KILL_COUNT=240 swift test --filter
/// KillDuringRecordTests` (what `.ci/kill-test.sh` runs) makes the full run.
@Suite struct KillDuringRecordTests {
    static let kills = ProcessInfo.processInfo.environment["CONFORMANCE_KILL_COUNT"].flatMap { Int($0) } ?? 20

    struct Recorder {
        let binary: URL
        let port: UInt16
        let recordings: String

        /// A started `conformance record` of the scenario `killed`.
        func start() throws -> Process {
            let process = Process()
            process.executableURL = binary
            process.arguments = [
                "record", "--provider", "openphone", "--operation", "getMessageById_v1", "--param", "id=AC1",
                "--scenario",
                "killed", "--base-url", "http://127.0.0.1:\(port)", "--contracts", Files.repo("contracts"),
                "--recordings",
                recordings,
            ]
            process.environment = ["OPENPHONE_API_KEY": "k"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
    }

    /// Every file under `root` by relative path, with its bytes.
    func snapshot(_ root: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileManager.default.subpaths(atPath: root) ?? [] {
            var isDirectory: ObjCBool = false
            let full = root + "/" + path
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
        }
        return files
    }

    @Test(.enabled(if: BinaryTests.binary != nil, "the conformance executable is not built"))
    func killedRecordingsNeverTearOrLoseACassette() async throws {
        let binary = try #require(BinaryTests.binary)
        let body = try String(contentsOfFile: Files.repo("contracts/examples/openphone-message.json"), encoding: .utf8)
        let server = try LoopbackServer(status: 200, headers: [("Content-Type", "application/json")], body: body)
        defer { server.stop() }
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("kill-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: recordings) }
        let folder = recordings + "/openphone/getMessageById_v1"
        let cassette = folder + "/killed.json"
        let recorder = Recorder(binary: binary, port: server.port, recordings: recordings)

        // One complete recording: the cassette every later kill endangers, and how long a run takes,
        // so that the kills are spread over a whole run.
        let started = Date()
        let first = try recorder.start()
        first.waitUntilExit()
        var runTime = max(Date().timeIntervalSince(started), 0.02)
        #expect(first.terminationStatus == 0)
        let recorded = try Cassette.load(path: cassette)
        #expect(recorded.interactions.count == 1)
        // Neighbours: one beside it and one in another operation's folder, which no run may touch.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cassette))
        try bytes.write(to: URL(fileURLWithPath: folder + "/neighbour.json"))
        try FileManager.default.createDirectory(
            atPath: recordings + "/openphone/other", withIntermediateDirectories: true)
        try bytes.write(to: URL(fileURLWithPath: recordings + "/openphone/other/neighbour.json"))
        let neighbours = try snapshot(recordings).filter { $0.key.hasSuffix("neighbour.json") }
        #expect(neighbours.count == 2)

        var generator = SystemRandomNumberGenerator()
        var killed = 0
        var completed = 0
        var rounds = 0
        while killed < Self.kills && rounds < Self.kills * 3 {
            rounds += 1
            let roundStarted = Date()
            let process = try recorder.start()
            let delay = Double.random(in: 0...(runTime * 1.2), using: &generator)
            try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal {
                killed += 1
            } else {
                // The first run was the slowest (a cold start): aim the kills at the runs seen since.
                completed += 1
                runTime = max(min(runTime, Date().timeIntervalSince(roundStarted)), 0.02)
            }
            // After every kill: whatever is on disk parses, the endangered cassette survived, the
            // neighbours are byte for byte what they were.
            let files = try snapshot(recordings)
            for (path, _) in files where path.hasSuffix(".json") {
                #expect(throws: Never.self, "\(path) does not parse after round \(rounds)") {
                    _ = try Cassette.load(path: recordings + "/" + path)
                }
            }
            #expect(files["openphone/getMessageById_v1/killed.json"] != nil, "the cassette was lost in round \(rounds)")
            for (path, data) in neighbours {
                #expect(files[path] == data, "\(path) changed in round \(rounds)")
            }
        }
        // One more, uninterrupted: it must also clear the temporary files the killed writers left.
        let last = try recorder.start()
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(leftovers == ["killed.json", "neighbour.json"])
        #expect(killed >= Self.kills, "only \(killed) of \(rounds) recordings were killed before they finished")
        print("KillDuringRecordTests: \(killed) kills, \(completed) runs finished first, \(rounds) rounds")
    }
}
