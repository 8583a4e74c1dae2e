import BandwidthClient
import Cassettes
import CourierClient
import Foundation
import HTTPTransport
import OpenPhoneClient
import SendoClient
import Testing

/// Every documented send cassette holds the request a correct client sends: each bundled client,
/// given the recorded body's members, sends exactly the recorded method, URL, header names and body
/// bytes (the credential is redacted in the cassette, so only its presence is compared).
@Suite struct SendRecordingsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func cassettes(_ folder: String) -> [String] {
        let directory = root.appendingPathComponent("recordings/" + folder).path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    /// The cassette, its recorded request body as JSON, and a transport that answers with the
    /// recorded response and keeps what the client sent.
    static func replay(_ path: String) throws -> (Cassette, Any, StubTransport) {
        let cassette = try Cassette.load(path: root.appendingPathComponent("recordings/" + path).path)
        let interaction = try #require(cassette.interactions.first)
        let body = try JSONSerialization.jsonObject(with: Data(interaction.request.body))
        return (cassette, body, StubTransport(interaction.response))
    }

    static func expectSameRequest(_ transport: StubTransport, as cassette: Cassette) async throws {
        let sent = try #require(await transport.requests.first)
        let recorded = try #require(cassette.interactions.first).request
        #expect(sent.method == recorded.method)
        #expect(sent.url == recorded.url)
        #expect(sent.headers.map(\.name) == recorded.headers.map(\.name))
        #expect(sent.headers["Content-Type"] == recorded.headers["Content-Type"])
        #expect(
            String(decoding: sent.body, as: UTF8.self) == String(decoding: recorded.body, as: UTF8.self),
            "the client's body differs from the recorded one")
    }

    @Test("OpenPhone sends the recorded request", arguments: cassettes("openphone/sendMessage_v1"))
    func openPhone(_ path: String) async throws {
        let (cassette, json, transport) = try Self.replay(path)
        let body = try #require(json as? [String: Any])
        _ = try? await OpenPhoneClient(apiKey: "k", transport: transport).send(
            content: body["content"] as? String ?? "", from: body["from"] as? String ?? "",
            to: body["to"] as? [String] ?? [], userId: body["userId"] as? String,
            setInboxStatus: (body["setInboxStatus"] as? String).map { OpenPhoneInboxStatus(rawValue: $0) })
        try await Self.expectSameRequest(transport, as: cassette)
    }

    @Test("Courier sends the recorded request", arguments: cassettes("courier/send_message"))
    func courier(_ path: String) async throws {
        let (cassette, json, transport) = try Self.replay(path)
        let message = try #require((json as? [String: Any])?["message"] as? [String: Any])
        func recipient(_ value: [String: Any]) -> CourierRecipient {
            CourierRecipient(
                userId: value["user_id"] as? String, email: value["email"] as? String,
                phoneNumber: value["phone_number"] as? String)
        }
        let to =
            (message["to"] as? [[String: Any]])?.map(recipient) ?? [recipient(message["to"] as? [String: Any] ?? [:])]
        let content: CourierMessageContent
        if let template = message["template"] as? String {
            content = .template(template)
        } else {
            let text = message["content"] as? [String: Any] ?? [:]
            content = .text(title: text["title"] as? String ?? "", body: text["body"] as? String ?? "")
        }
        let data = (message["data"] as? [String: String] ?? [:]).mapValues { FreeformJSON.string($0) }
        _ = try? await CourierClient(apiKey: "k", transport: transport).send(
            CourierOutgoingMessage(to: to, content: content, data: data))
        try await Self.expectSameRequest(transport, as: cassette)
    }

    @Test("Bandwidth sends the recorded request", arguments: cassettes("bandwidth-v1/sendMessages"))
    func bandwidth(_ path: String) async throws {
        let (cassette, json, transport) = try Self.replay(path)
        func message(_ value: [String: Any]) -> BandwidthOutgoingMessage {
            BandwidthOutgoingMessage(
                from: value["from"] as? String ?? "", to: value["to"] as? String ?? "",
                text: value["text"] as? String ?? "",
                media: value["media"] as? [String],
                receiptRequested: (value["receiptRequested"] as? String).map { BandwidthReceiptOption(rawValue: $0) },
                callbackUrl: value["callbackUrl"] as? String,
                callbackHttpMethod: (value["callbackHttpMethod"] as? String).map {
                    BandwidthCallbackMethod(rawValue: $0)
                },
                callbackTimeout: value["callbackTimeout"] as? Int, fallbackUrl: value["fallbackUrl"] as? String,
                tag: value["tag"] as? String)
        }
        let client = BandwidthClient(
            userId: "u-xa2n3oxk6it4efbglisna6a", apiToken: "t", apiSecret: "s", transport: transport)
        if let list = json as? [[String: Any]] {
            _ = try? await client.send(list.map(message))
        } else {
            _ = try? await client.send(message(try #require(json as? [String: Any])))
        }
        try await Self.expectSameRequest(transport, as: cassette)
    }

    @Test("Sendo sends the recorded request", arguments: cassettes("sendo/sendMessage"))
    func sendo(_ path: String) async throws {
        let (cassette, json, transport) = try Self.replay(path)
        let body = try #require(json as? [String: Any])
        _ = try? await SendoClient(apiKey: "k", transport: transport).send(
            campaign: body["campaign"] as? String ?? "", body: body["body"] as? String ?? "",
            to: body["to"] as? String ?? "", from: body["from"] as? String, mediaUrls: body["mediaUrls"] as? [String],
            metadata: body["metadata"] as? [String: String])
        try await Self.expectSameRequest(transport, as: cassette)
    }
}
