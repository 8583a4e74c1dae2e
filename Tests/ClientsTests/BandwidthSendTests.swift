import BandwidthClient
import Cassettes
import Foundation
import HTTPTransport
import Testing

/// `BandwidthClient.send(_:)`: `POST /v1/users/{userId}/messages`, one message (201 with
/// `Location`) or several (202 with one result each).
@Suite struct BandwidthSendTests {
    static let userId = "u-xa2n3oxk6it4efbglisna6a"

    func client(_ responses: HTTPResponse...) -> (BandwidthClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (
            BandwidthClient(userId: Self.userId, apiToken: "t-token", apiSecret: "s-secret", transport: transport),
            transport
        )
    }

    static func created(_ location: String?) -> HTTPResponse {
        HTTPResponse(status: 201, headers: location.map { ["Location": $0] } ?? [:])
    }

    @Test("one message: POST with Basic auth and a JSON object; the id comes from the relative Location")
    func single() async throws {
        let (client, transport) = client(
            Self.created("/v1/users/\(Self.userId)/messages/m-id3x6rblp4jrkih2u7zxjdy"))
        let sent = try await client.send(
            BandwidthOutgoingMessage(
                from: "+19195551212", to: "+19195551213", text: "Good morning, this is a test message",
                callbackUrl: "http://my.callback.com"))
        #expect(sent.id.rawValue == "m-id3x6rblp4jrkih2u7zxjdy")
        #expect(
            sent.location.absoluteString
                == "https://api.catapult.inetwork.com/v1/users/\(Self.userId)/messages/m-id3x6rblp4jrkih2u7zxjdy")
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.catapult.inetwork.com/v1/users/\(Self.userId)/messages")
        #expect(request.headers["Authorization"] == "Basic " + Data("t-token:s-secret".utf8).base64EncodedString())
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"callbackUrl":"http://my.callback.com","from":"+19195551212","text":"Good morning, this is a test message","to":"+19195551213"}"#
        )
    }

    @Test("a 201 without Location, or with one that names no message id, is a decoding error")
    func badLocation() async {
        for response in [Self.created(nil), Self.created("/v1/users/u-1/messages/1234")] {
            let (client, _) = client(response)
            do {
                _ = try await client.send(
                    BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551213", text: "hi"))
                Issue.record("accepted \(response.headers)")
            } catch {
                guard case .decoding = error else {
                    Issue.record("\(error)")
                    continue
                }
            }
        }
    }

    @Test("several messages: a JSON array; the 202 results decode, errors with details")
    func multiple() async throws {
        let body = #"""
            [{"result":"accepted","location":"https://api.catapult.inetwork.com/v1/users/u/messages/m-b4n6m8q0w2e4r6t8y0u2i4o"},
            {"result":"error","error":{"category":"authorization","code":"number-access-denied","message":"no",
            "details":[{"name":"number","value":"+19195551211"}]}},{"result":"queued"}]
            """#
        let (client, transport) = client(.json(202, body))
        let results = try await client.send([
            BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551214", text: "one"),
            BandwidthOutgoingMessage(from: "+19195551211", to: "+19195551213", text: "two", media: ["https://x/y.jpg"]),
            BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551215", text: "three", receiptRequested: .all),
        ])
        #expect(results.map(\.result) == [.accepted, .error, .unknown("queued")])
        #expect(results[1].error?.details == [BandwidthErrorDetail(name: "number", value: "+19195551211")])
        let request = try #require(await transport.requests.first)
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix(#"[{"from":"+19195551212","text":"one""#))
    }

    static let invalid: [(messages: [BandwidthOutgoingMessage], argument: String)] = [
        ([BandwidthOutgoingMessage(from: "9195551212", to: "+19195551213", text: "hi")], "message.from"),
        ([BandwidthOutgoingMessage(from: "+19195551212", to: "+0195551213", text: "hi")], "message.to"),
        (
            [
                BandwidthOutgoingMessage(
                    from: "+19195551212", to: "+19195551213", text: String(repeating: "a", count: 2049))
            ],
            "message.text"
        ),
        (
            [
                BandwidthOutgoingMessage(
                    from: "+19195551212", to: "+19195551213", text: "hi", media: ["https://x/y.jpg"],
                    receiptRequested: .all)
            ], "message.receiptRequested"
        ),
        (
            [
                BandwidthOutgoingMessage(
                    from: "+19195551212", to: "+19195551213", text: "hi", receiptRequested: .unknown("some"))
            ], "message.receiptRequested"
        ),
        (
            [
                BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551213", text: "hi"),
                BandwidthOutgoingMessage(from: "+19195551212", to: "", text: "hi"),
            ], "messages[1].to"
        ),
        (
            [
                BandwidthOutgoingMessage(
                    from: "+19195551212", to: "+19195551213", text: "hi", callbackHttpMethod: .unknown("put"))
            ], "message.callbackHttpMethod"
        ),
        (
            [BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551213", text: "hi", callbackTimeout: -1)],
            "message.callbackTimeout"
        ),
        ([], "messages"),
        (
            Array(repeating: BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551213", text: "hi"), count: 51),
            "messages"
        ),
    ]

    @Test("messages Bandwidth would refuse are refused before sending", arguments: invalid)
    func invalidMessages(_ item: (messages: [BandwidthOutgoingMessage], argument: String)) async {
        let (client, transport) = client(.json(202, "[]"), Self.created("/m"))
        await expectRefusedBeforeSending(argument: item.argument, transport: transport) {
            if item.messages.count == 1, item.argument.hasPrefix("message.") {
                _ = try await client.send(item.messages[0])
            } else {
                _ = try await client.send(item.messages)
            }
        }
    }

    @Test("an error body with details null is not the documented error")
    func errorDetailsNull() async {
        let (client, _) = client(
            .json(
                401, #"{"category":"authorization","code":"access-denied","message":"Access is denied","details":null}"#
            ))
        do {
            _ = try await client.send(BandwidthOutgoingMessage(from: "+19195551212", to: "+19195551213", text: "hi"))
            Issue.record("sent")
        } catch {
            guard case .decoding = error else {
                Issue.record("\(error)")
                return
            }
        }
    }

    @Test("400 and 401 from the cassettes are typed errors", arguments: [400, 401])
    func documentedErrors(_ status: Int) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("recordings/bandwidth-v1/sendMessages/error-\(status).json").path
        let cassette = try Cassette.load(path: path)
        let sent = try JSONSerialization.jsonObject(with: Data(try #require(cassette.interactions.first).request.body))
        let fields = try #require(sent as? [String: String])
        let client = BandwidthClient(
            userId: Self.userId, apiToken: "t", apiSecret: "s", transport: try ReplayTransport(path: path))
        do {
            _ = try await client.send(
                BandwidthOutgoingMessage(
                    from: fields["from"] ?? "", to: fields["to"] ?? "", text: fields["text"] ?? "",
                    callbackUrl: fields["callbackUrl"]))
            Issue.record("no error for \(status)")
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(apiError.status == status)
        }
    }
}
