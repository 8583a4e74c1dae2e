import BandwidthClient
import Cassettes
import CourierClient
import Foundation
import HTTPTransport
import OpenPhoneClient
import SendoClient
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
        return (
            ReplayTransport(cassette: cassette, file: path, requireAllUsed: true), baseURL, first.request,
            last.response.status
        )
    }

    /// The last path segment of a request, percent-decoded: the id it asks for.
    static func lastSegment(_ request: HTTPRequest) -> String {
        request.url.lastPathComponent
    }
}

@Suite struct RecordingsTests {
    @Test("there are cassettes for every provider")
    func cassettesExist() {
        for (provider, operation) in [
            ("openphone", "getMessageById_v1"), ("courier", "messages_get"), ("courier", "messages_list"),
            ("sendo", "retrieveMessage"), ("bandwidth-v1", "getMessage"),
        ] {
            #expect(!Recordings.scenarios(provider, operation).isEmpty, "\(provider)/\(operation)")
        }
    }

    @Test(
        "OpenPhone cassettes replay through the client",
        arguments: Recordings.scenarios("openphone", "getMessageById_v1"))
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

    @Test(
        "Courier messages_get cassettes replay through the client",
        arguments: Recordings.scenarios("courier", "messages_get"))
    func courierMessage(_ scenario: String) async throws {
        let replay = try Recordings.replay("courier", "messages_get", scenario)
        let client = CourierClient(apiKey: "test-key", transport: replay.transport, baseURL: replay.baseURL)
        do {
            let details = try await client.message(id: Recordings.lastSegment(replay.request))
            #expect(replay.status == 200)
            #expect(details.id == Recordings.lastSegment(replay.request))
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(scenario): \(error)")
                return
            }
            #expect(apiError.status == replay.status)
        }
        try replay.transport.finish()
    }

    @Test(
        "Courier messages_list cassettes replay through the client",
        arguments: Recordings.scenarios("courier", "messages_list"))
    func courierList(_ scenario: String) async throws {
        let replay = try Recordings.replay("courier", "messages_list", scenario)
        let client = CourierClient(apiKey: "test-key", transport: replay.transport, baseURL: replay.baseURL)
        let items = URLComponents(url: replay.request.url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        func value(_ name: String) -> String? { items.first { $0.name == name }?.value }
        let filter = CourierMessageFilter(
            event: value("event"), list: value("list"), messageId: value("messageId"),
            notification: value("notification"),
            recipient: value("recipient"),
            // Comma-joined, the contract's explode: false.
            status: items.filter { $0.name == "status" }.compactMap(\.value).flatMap { $0.split(separator: ",") }
                .map { CourierMessageStatus(rawValue: String($0)) })
        if replay.transport.cassette.interactions.count > 1 {
            var pages = 0
            for try await _ in client.messages(filter) { pages += 1 }
            #expect(pages == replay.transport.cassette.interactions.count)
        } else {
            let page = try await client.listMessages(filter, cursor: value("cursor"))
            #expect(replay.status == 200)
            #expect(page.results.allSatisfy { $0.id.hasPrefix("1-") })
        }
        try replay.transport.finish()
    }

    @Test("Sendo cassettes replay through the client", arguments: Recordings.scenarios("sendo", "retrieveMessage"))
    func sendo(_ scenario: String) async throws {
        let replay = try Recordings.replay("sendo", "retrieveMessage", scenario)
        let client = SendoClient(apiKey: "test-key", transport: replay.transport, baseURL: replay.baseURL)
        do {
            let message = try await client.message(id: Recordings.lastSegment(replay.request))
            #expect(replay.status == 200)
            #expect(message.id == Recordings.lastSegment(replay.request))
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(scenario): \(error)")
                return
            }
            #expect(apiError.status == replay.status)
            #expect(!apiError.error.isEmpty)
        }
        try replay.transport.finish()
    }

    @Test(
        "Bandwidth cassettes replay through the client", arguments: Recordings.scenarios("bandwidth-v1", "getMessage"))
    func bandwidth(_ scenario: String) async throws {
        let replay = try Recordings.replay("bandwidth-v1", "getMessage", scenario)
        let segments = replay.request.url.pathComponents
        let userId = try #require(segments.firstIndex(of: "users").map { segments[$0 + 1] })
        let client = BandwidthClient(
            userId: userId, apiToken: "token", apiSecret: "secret", transport: replay.transport, baseURL: replay.baseURL
        )
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
        }
        try replay.transport.finish()
    }
}
