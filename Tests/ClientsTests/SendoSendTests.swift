import Cassettes
import Foundation
import HTTPTransport
import SendoClient
import Testing

/// `SendoClient.send(campaign:body:to:from:mediaUrls:metadata:)`: `POST /v1/message/send`.
@Suite struct SendoSendTests {
    static let sent = #"{"success":true,"id":"f7d258bd-f697-4840-b8a6-165707e12345"}"#

    func client(_ responses: HTTPResponse...) -> (SendoClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (SendoClient(apiKey: "sk_test_1", transport: transport), transport)
    }

    @Test("request: POST /v1/message/send, Bearer, JSON with sorted members; nil members left out")
    func request() async throws {
        let (client, transport) = client(.json(200, Self.sent))
        let response = try await client.send(campaign: "U7fQ3123", body: "Hi", to: "+12061234567")
        #expect(response == SendoSendResponse(success: true, id: "f7d258bd-f697-4840-b8a6-165707e12345"))
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.sendo.dev/v1/message/send")
        #expect(request.headers["Authorization"] == "Bearer sk_test_1")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: request.body, as: UTF8.self) == #"{"body":"Hi","campaign":"U7fQ3123","to":"+12061234567"}"#
        )
    }

    @Test("from, mediaUrls and metadata are sent as given")
    func optionalMembers() async throws {
        let (client, transport) = client(.json(200, Self.sent))
        _ = try await client.send(
            campaign: "U7fQ3123", body: "", to: "+12061234567", from: "+14159436397",
            mediaUrls: ["https://example.com/a.jpg"], metadata: ["customId": "1"])
        let request = try #require(await transport.requests.first)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"body":"","campaign":"U7fQ3123","from":"+14159436397","mediaUrls":["https://example.com/a.jpg"],"metadata":{"customId":"1"},"to":"+12061234567"}"#
        )
    }

    static let invalid:
        [(campaign: String, body: String, to: String, from: String?, metadata: [String: String]?, argument: String)] = [
            ("", "Hi", "+12061234567", nil, nil, "campaign"),
            ("U7", String(repeating: "a", count: 1501), "+12061234567", nil, nil, "body"),
            ("U7", "", "+12061234567", nil, nil, "body"),
            ("U7", "Hi", "2061234567", nil, nil, "to"),
            ("U7", "Hi", "+12061234567", "+0", nil, "from"),
            ("U7", "Hi", "+12061234567", nil, [String(repeating: "k", count: 41): "v"], "metadata"),
            ("U7", "Hi", "+12061234567", nil, ["k": String(repeating: "v", count: 501)], "metadata[k]"),
            (
                "U7", "Hi", "+12061234567", nil,
                Dictionary(uniqueKeysWithValues: (0...50).map { ("k\($0)", "v") }), "metadata"
            ),
        ]

    @Test("arguments Sendo would refuse are refused before sending", arguments: invalid)
    func invalidArguments(
        _ item: (
            campaign: String, body: String, to: String, from: String?, metadata: [String: String]?, argument: String
        )
    ) async {
        let (client, transport) = client(.json(200, Self.sent))
        await expectRefusedBeforeSending(argument: item.argument, transport: transport) {
            _ = try await client.send(
                campaign: item.campaign, body: item.body, to: item.to, from: item.from, metadata: item.metadata)
        }
    }

    @Test("success null or missing is a decoding error")
    func successRequired() async {
        for body in [#"{"id":"x"}"#, #"{"success":null}"#, #"{"success":true,"id":null}"#] {
            let (client, _) = client(.json(200, body))
            do {
                _ = try await client.send(campaign: "U7", body: "Hi", to: "+12061234567")
                Issue.record("decoded \(body)")
            } catch {
                guard case .decoding = error else {
                    Issue.record("\(error)")
                    continue
                }
            }
        }
    }

    @Test("each documented error cassette gives the typed error", arguments: [400, 401, 403, 404, 429, 500, 503])
    func documentedErrors(_ status: Int) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("recordings/sendo/sendMessage/error-\(status).json").path
        let cassette = try Cassette.load(path: path)
        let sent = try JSONSerialization.jsonObject(with: Data(try #require(cassette.interactions.first).request.body))
        let fields = try #require(sent as? [String: String])
        let client = SendoClient(apiKey: "k", transport: try ReplayTransport(path: path))
        do {
            _ = try await client.send(
                campaign: fields["campaign"] ?? "", body: fields["body"] ?? "", to: fields["to"] ?? "")
            Issue.record("no error for \(status)")
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(apiError.status == status)
            #expect(apiError.success == false)
        }
    }
}
