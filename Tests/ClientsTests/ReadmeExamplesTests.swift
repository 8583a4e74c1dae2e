import BandwidthClient
import Cassettes
import CourierClient
import Foundation
import HTTPTransport
import OpenPhoneClient
import SendoClient
import Testing

/// The README's client examples, as written there (only the cassette paths are resolved from this
/// file, so the tests run from any directory).
@Suite struct ReadmeExamplesTests {
    func cassette(_ path: String) -> String {
        Recordings.root.deletingLastPathComponent().appendingPathComponent(path).path
    }

    @Test func openPhoneReadsAMessage() async throws {
        let transport = try ReplayTransport(
            path: cassette("recordings/openphone/getMessageById_v1/documented-example.json"))
        let client = OpenPhoneClient(apiKey: "test-key", transport: transport)
        let message = try await client.message(id: "AC123abc")
        #expect(message.status == .sent)
        #expect(message.createdAt == Date(timeIntervalSince1970: 1_640_995_200))
    }

    @Test func courierFollowsEveryPage() async throws {
        let transport = try ReplayTransport(path: cassette("recordings/courier/messages_list/three-pages.json"))
        let courier = CourierClient(apiKey: "test-key", transport: transport)
        var ids: [String] = []
        for try await message in courier.messages().results {
            ids.append(message.id)
        }
        #expect(ids.count == 15)
    }

    @Test func sendoUnwrapsTheEnvelope() async throws {
        let transport = try ReplayTransport(path: cassette("recordings/sendo/retrieveMessage/documented-example.json"))
        let sendo = SendoClient(apiKey: "test-key", transport: transport)
        let message = try await sendo.message(id: "f7d258bd-f697-4840-b8a6-165707e12345")
        #expect(message.status == .delivered)
        #expect(Timestamp.epochMilliseconds(of: message.createdAt) == 1_695_099_350_723)
    }

    @Test func bandwidthReportsDocumentedErrors() async throws {
        let transport = try ReplayTransport(path: cassette("recordings/bandwidth-v1/getMessage/error-404.json"))
        let bandwidth = BandwidthClient(
            userId: "u-xa2n3oxk6it4efbglisna6a", apiToken: "token", apiSecret: "secret", transport: transport)
        do {
            _ = try await bandwidth.message(id: "m-xb3rbrp734357x6zf7t32yq")
            Issue.record("expected an error")
        } catch {
            switch error {
            case .api(let apiError): #expect(apiError.code == "message-not-found")
            case .unexpectedStatus, .decoding, .transport, .invalidArgument: Issue.record("\(error)")
            }
        }
    }
}
