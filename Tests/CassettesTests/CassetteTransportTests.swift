import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

/// Record-then-replay behaviours of ``CassetteTransport`` beyond the basics in `RecordingTests`.
@Suite struct CassetteTransportTests {
    static let canary = "sk_live_canary_51c0ffee"
    let clock: @Sendable () -> String = { "2026-11-23T10:00:00.000Z" }

    let live = FakeLive { request in
        HTTPResponse(
            status: 200,
            headers: ["Content-Type": "application/json", "Set-Cookie": "session=\(CassetteTransportTests.canary)"],
            body: Array(#"{"path":"\#(request.url.path)","token":"\#(CassetteTransportTests.canary)"}"#.utf8))
    }

    func request(_ path: String, key: String = canary) -> HTTPRequest {
        HTTPRequest(
            url: URL(string: "https://api.example.com\(path)?api_key=\(key)")!,
            headers: ["Authorization": "Bearer \(key)"])
    }

    func transport(_ path: String, _ mode: RecordMode) throws -> CassetteTransport {
        try CassetteTransport(
            path: path, mode: mode, live: live, operationId: "messages_get", source: "https://api.example.com",
            clock: clock)
    }

    @Test func recordedRedactedTrafficReplaysForAnotherKey() async throws {
        let path = temporaryPath("example/messages_get/ok.json")
        let response = try await transport(path, .once).send(request("/v1/messages/AC1"))
        #expect(response.text.contains(Self.canary), "the caller gets the live response")

        let cassette = try Cassette.load(path: path)
        #expect(
            cassette.interactions[0].request.url.absoluteString
                == "https://api.example.com/v1/messages/AC1?api_key=%3Credacted:api_key%3E")
        #expect(cassette.interactions[0].request.headers["authorization"] == "<redacted:authorization>")
        #expect(cassette.interactions[0].response.headers["set-cookie"] == "<redacted:set-cookie>")
        #expect(cassette.interactions[0].response.text == #"{"path":"/v1/messages/AC1","token":"<redacted:token>"}"#)

        // CI has another (or a dummy) key: the redacted recording still answers, offline.
        let replayed = try await transport(path, .none).send(request("/v1/messages/AC1", key: "sk_test_other"))
        #expect(replayed.text == #"{"path":"/v1/messages/AC1","token":"<redacted:token>"}"#)
        #expect(live.count == 1)
    }

    @Test func onceNeverRecordsIntoAnExistingCassette() async throws {
        let path = temporaryPath("once.json")
        _ = try await transport(path, .once).send(request("/v1/messages/AC1"))
        let again = try transport(path, .once)
        let error = await #expect(throws: ReplayError.self) { try await again.send(request("/v1/messages/AC2")) }
        #expect(
            error?.description
                == "\(path): no recorded interaction matches GET https://api.example.com/v1/messages/AC2?api_key=<redacted:api_key>; nearest is interaction 0 (GET https://api.example.com/v1/messages/AC1?api_key=<redacted:api_key>): path: expected /v1/messages/AC1, got /v1/messages/AC2"
        )
        #expect(live.count == 1)
        #expect(try Cassette.load(path: path).interactions.count == 1)
    }

    @Test func allReRecordsFromScratch() async throws {
        let path = temporaryPath("all.json")
        let first = try transport(path, .once)
        _ = try await first.send(request("/v1/messages/AC1"))
        _ = try await first.send(request("/v1/messages/AC2"))
        _ = try await transport(path, .all).send(request("/v1/messages/AC3"))
        #expect(try Cassette.load(path: path).interactions.map(\.request.url.path) == ["/v1/messages/AC3"])
    }

    @Test func concurrentRecordingsAllLandInAValidFile() async throws {
        let path = temporaryPath("concurrent.json")
        let recording = try transport(path, .once)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<24 {
                group.addTask { _ = try await recording.send(request("/v1/messages/AC\(index)")) }
            }
            try await group.waitForAll()
        }
        let cassette = try Cassette.load(path: path)
        #expect(Set(cassette.interactions.map(\.request.url.path)) == Set((0..<24).map { "/v1/messages/AC\($0)" }))
        #expect(live.count == 24)
    }
}
