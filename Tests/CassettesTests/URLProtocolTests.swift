import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct URLProtocolTests {
    let cassette = Cassette(
        operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "test"),
        interactions: [
            interaction(
                "https://api.openphone.com/v1/messages/AC1", status: 404,
                body: #"{"message":"Not found","code":"0200404"}"#)
        ])

    /// What an unmodified URLSession client does: build a request, call dataTask, read the result.
    func fetch(_ session: URLSession, _ url: String) async throws -> (Int, String) {
        try await withCheckedThrowingContinuation { continuation in
            var request = URLRequest(url: URL(string: url)!)
            request.setValue("key-123", forHTTPHeaderField: "Authorization")
            session.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                continuation.resume(
                    returning: (
                        (response as? HTTPURLResponse)?.statusCode ?? -1,
                        String(decoding: data ?? Data(), as: UTF8.self)
                    ))
            }.resume()
        }
    }

    /// No fixed slot count: 300 replaying configurations alive at once, each answered from its own
    /// cassette (the old bridge had 32 and then threw an error tests reported as `?`).
    @Test func manyLiveConfigurationsEachReplayTheirOwn() async throws {
        let configurations = try (0..<300).map { index in
            try ReplayURLProtocol.configuration(
                replaying: ReplayTransport(
                    cassette: Cassette(
                        operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "test"),
                        interactions: [
                            interaction(
                                "https://api.openphone.com/v1/messages/AC\(index)", status: 200, body: "\(index)")
                        ]),
                    file: "op\(index).json"))
        }
        defer { configurations.forEach(ReplayURLProtocol.release) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, configuration) in configurations.enumerated() where index % 7 == 0 || index == 299 {
                group.addTask {
                    let (status, body) = try await fetch(
                        URLSession(configuration: configuration), "https://api.openphone.com/v1/messages/AC\(index)")
                    #expect(status == 200 && body == "\(index)")
                }
            }
            try await group.waitForAll()
        }
    }

    /// Slot `n`'s class is a generic type that spells `n + 1` in binary, and each is distinct.
    @Test func slotClassesAreDistinctAndNumbered() {
        var seen: Set<ObjectIdentifier> = []
        for slot in 0..<1_000 {
            let type = ReplaySlots.protocolClass(slot)
            #expect(type.slot == slot)
            seen.insert(ObjectIdentifier(type))
        }
        #expect(seen.count == 1_000)
    }

    @Test func unmodifiedURLSessionClientsReplay() async throws {
        let replay = ReplayTransport(cassette: cassette, file: "op.json")
        let configuration = try ReplayURLProtocol.configuration(replaying: replay)
        defer { ReplayURLProtocol.release(configuration) }
        let (status, body) = try await fetch(
            URLSession(configuration: configuration), "https://api.openphone.com/v1/messages/AC1")
        #expect(status == 404)
        #expect(body == #"{"message":"Not found","code":"0200404"}"#)
        #expect(replay.unusedInteractions.isEmpty)
    }

    @Test func unmatchedRequestsFailTheTaskInsteadOfReachingTheNetwork() async throws {
        let configuration = try ReplayURLProtocol.configuration(
            replaying: ReplayTransport(cassette: cassette, file: "op.json"))
        defer { ReplayURLProtocol.release(configuration) }
        await #expect(throws: (any Error).self) {
            _ = try await fetch(URLSession(configuration: configuration), "https://api.openphone.com/v1/messages/AC2")
        }
    }

    @Test func parallelSessionsReplayTheirOwnCassettes() async throws {
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for status in [200, 201, 202, 203] {
                group.addTask {
                    let own = Cassette(
                        operationId: "x", provenance: .init(kind: .documented, source: "t"),
                        interactions: [interaction("https://a.example/x", status: status, body: "{}")])
                    let configuration = try ReplayURLProtocol.configuration(
                        replaying: ReplayTransport(cassette: own, file: "\(status).json"))
                    defer { ReplayURLProtocol.release(configuration) }
                    return try await fetch(URLSession(configuration: configuration), "https://a.example/x").0
                }
            }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all.sorted()
        }
        #expect(statuses == [200, 201, 202, 203])
    }
}
