import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

/// A stand-in for a live API: answers from a closure and counts calls.
final class FakeLive: HTTPTransport, @unchecked Sendable {
    // Safety: `calls` is only touched under `lock`.
    private let lock = NSLock()
    private var calls = 0
    let answer: @Sendable (HTTPRequest) -> HTTPResponse
    init(answer: @escaping @Sendable (HTTPRequest) -> HTTPResponse) { self.answer = answer }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return calls
    }
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        lock.withLock { calls += 1 }
        return answer(request)
    }
}

@Suite struct RecordingTests {
    let clock: @Sendable () -> String = { "2026-11-23T10:00:00.000Z" }

    func live() -> FakeLive {
        FakeLive { request in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Array(#"{"path":"\#(request.url.path)"}"#.utf8))
        }
    }

    @Test func onceRecordsThenReplaysWithoutTheNetwork() async throws {
        let path = temporaryPath("p/op/once.json")
        let fake = live()
        let first = try CassetteTransport(path: path, mode: .once, live: fake, operationId: "op", source: "https://api.example.com", clock: clock)
        let response = try await first.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/a")!))
        #expect(response.text == #"{"path":"/v1/a"}"#)
        #expect(fake.count == 1)
        let again = try CassetteTransport(path: path, mode: .once, live: fake, operationId: "op", source: "s", clock: clock)
        #expect(try await again.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/a")!)).text == #"{"path":"/v1/a"}"#)
        #expect(fake.count == 1)
        let cassette = try Cassette.load(path: path)
        #expect(cassette.provenance == .init(kind: .recorded, source: "https://api.example.com", capturedAt: "2026-11-23T10:00:00.000Z"))
    }

    @Test func recordingTheSameTrafficTwiceGivesIdenticalFiles() async throws {
        var files: [Data] = []
        for run in 0..<2 {
            let path = temporaryPath("p/op/same-\(run).json")
            let transport = try CassetteTransport(path: path, mode: .all, live: live(), operationId: "op", source: "s", clock: clock)
            _ = try await transport.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/a?x=1")!, headers: ["Accept": "application/json"]))
            _ = try await transport.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/b")!))
            files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(files[0] == files[1])
    }

    @Test func newEpisodesAppendsOnlyWhatIsMissing() async throws {
        let path = temporaryPath("p/op/episodes.json")
        let fake = live()
        _ = try await CassetteTransport(path: path, mode: .once, live: fake, operationId: "op", source: "s", clock: clock)
            .send(HTTPRequest(url: URL(string: "https://api.example.com/a")!))
        let episodes = try CassetteTransport(path: path, mode: .newEpisodes, live: fake, operationId: "op", source: "s", clock: clock)
        _ = try await episodes.send(HTTPRequest(url: URL(string: "https://api.example.com/a")!))
        _ = try await episodes.send(HTTPRequest(url: URL(string: "https://api.example.com/b")!))
        #expect(fake.count == 2)
        #expect(try Cassette.load(path: path).interactions.map(\.request.url.path) == ["/a", "/b"])
    }

    @Test func replayOnlyNeverReachesTheNetwork() async throws {
        let missing = temporaryPath("p/op/missing.json")
        let error = #expect(throws: CassetteError.self) { try CassetteTransport(path: missing, mode: .none, live: live(), operationId: "op", source: "s") }
        #expect(error?.description == "\(missing): no such cassette, and recording is off (set CONFORMANCE_RECORD=once to record it)")
        let path = temporaryPath("p/op/replay.json")
        let fake = live()
        _ = try await CassetteTransport(path: path, mode: .once, live: fake, operationId: "op", source: "s", clock: clock)
            .send(HTTPRequest(url: URL(string: "https://api.example.com/a")!))
        let replayOnly = try CassetteTransport(path: path, mode: .none, live: fake, operationId: "op", source: "s")
        await #expect(throws: ReplayError.self) { try await replayOnly.send(HTTPRequest(url: URL(string: "https://api.example.com/other")!)) }
        #expect(fake.count == 1)
    }

    @Test func aCanarySecretNeverReachesTheCassetteOrTheErrors() async throws {
        let canary = "sk_live_CANARY9f8e7d6c5b4a"
        let path = temporaryPath("p/op/canary.json")
        let fake = FakeLive { _ in
            HTTPResponse(status: 401, headers: ["Set-Cookie": "session=\(canary)"], body: Array(#"{"error":"bad key","token":"\#(canary)"}"#.utf8))
        }
        let transport = try CassetteTransport(path: path, mode: .once, live: fake, operationId: "op", source: "s", clock: clock)
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://user:\(canary)@api.example.com/v1/x?api_key=\(canary)&page=1")!,
            headers: ["Authorization": "Bearer \(canary)", "Proxy-Authorization": canary, "Cookie": "k=\(canary)", "X-Api-Key": canary],
            body: Array(#"{"password":"\#(canary)","text":"hi"}"#.utf8))
        _ = try await transport.send(request)
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!file.contains(canary))
        #expect(file.contains("<redacted:authorization>"))
        let replay = try CassetteTransport(path: path, mode: .none, operationId: "op", source: "s")
        let mismatch = await #expect(throws: ReplayError.self) {
            try await replay.send(HTTPRequest(url: URL(string: "https://api.example.com/v1/y?api_key=\(canary)")!, headers: ["Authorization": "Bearer \(canary)"]))
        }
        #expect(mismatch.map { !$0.description.contains(canary) } == true)
    }
}
