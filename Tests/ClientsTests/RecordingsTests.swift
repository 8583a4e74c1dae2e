import Cassettes
import Foundation
import HTTPTransport
import OpenPhoneClient
import Testing

/// The repository's cassettes (`recordings/<provider>/<operationId>/<scenario>.json`).
enum Recordings {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("recordings")

    /// The scenario files of one operation, sorted (`documented-example.json`, …).
    static func scenarios(_ provider: String, _ operationId: String) -> [String] {
        let directory = root.appendingPathComponent(provider).appendingPathComponent(operationId)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }

    static func path(_ provider: String, _ operationId: String, _ scenario: String) -> String {
        root.appendingPathComponent(provider).appendingPathComponent(operationId).appendingPathComponent(scenario).path
    }

    /// The cassette and a replaying transport, plus the base URL (scheme, host and port) of its
    /// first request and the status of its last response.
    static func replay(_ provider: String, _ operationId: String, _ scenario: String) throws -> (
        transport: ReplayTransport, baseURL: URL, request: HTTPRequest, status: Int
    ) {
        let path = path(provider, operationId, scenario)
        let cassette = try Cassette.load(path: path)
        let first = try #require(cassette.interactions.first)
        let last = try #require(cassette.interactions.last)
        var components = try #require(URLComponents(url: first.request.url, resolvingAgainstBaseURL: false))
        components.path = ""
        components.query = nil
        let baseURL = try #require(components.url)
        return (ReplayTransport(cassette: cassette, file: path, requireAllUsed: true), baseURL, first.request, last.response.status)
    }

    /// The last path segment of a request, percent-decoded: the id it asks for.
    static func lastSegment(_ request: HTTPRequest) -> String {
        request.url.lastPathComponent
    }
}

@Suite struct RecordingsTests {
    @Test("there are cassettes for every provider")
    func cassettesExist() {
        #expect(!Recordings.scenarios("openphone", "getMessageById_v1").isEmpty)
    }

    @Test("OpenPhone cassettes replay through the client", arguments: Recordings.scenarios("openphone", "getMessageById_v1"))
    func openPhone(_ scenario: String) async throws {
        let replay = try Recordings.replay("openphone", "getMessageById_v1", scenario)
        let client = OpenPhoneClient(apiKey: "test-key", transport: replay.transport, baseURL: replay.baseURL)
        do {
            let message = try await client.message(id: Recordings.lastSegment(replay.request))
            #expect(replay.status == 200)
            #expect(message.id.rawValue == Recordings.lastSegment(replay.request))
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(scenario): \(error)")
                return
            }
            #expect(apiError.status == replay.status)
            #expect(apiError.bodyStatus == replay.status)
        }
        try replay.transport.finish()
    }
}
