import Cassettes
import Foundation
import HTTPTransport
import OpenPhoneClient
import Testing

/// `OpenPhoneClient.send(content:from:to:userId:)`: `POST /v1/messages` (`sendMessage_v1`).
@Suite struct OpenPhoneSendTests {
    static let accepted = replacing(openPhoneDocumented, #""status":"sent""#, with: #""status":"queued""#)

    func client(_ responses: HTTPResponse...) -> (OpenPhoneClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (OpenPhoneClient(apiKey: "op-key-123", transport: transport), transport)
    }

    @Test("request: POST /v1/messages, the raw key, JSON body with sorted members, userId left out when nil")
    func request() async throws {
        let (client, transport) = client(.json(202, Self.accepted))
        let message = try await client.send(content: "Hello, world!", from: "+15555555555", to: ["+15555555555"])
        #expect(message.status == .queued)
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.openphone.com/v1/messages")
        #expect(request.headers.values(for: "Authorization") == ["op-key-123"])
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"content":"Hello, world!","from":"+15555555555","to":["+15555555555"]}"#)
    }

    @Test("userId and a PN… sender are sent as given")
    func userAndPhoneNumberID() async throws {
        let (client, transport) = client(.json(202, Self.accepted))
        _ = try await client.send(
            content: "a/b", from: "PN123abc", to: ["+15555550123", "+15555550142"], userId: "US123abc")
        let request = try #require(await transport.requests.first)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"content":"a/b","from":"PN123abc","to":["+15555550123","+15555550142"],"userId":"US123abc"}"#)
    }

    @Test("setInboxStatus done is sent; a value outside the documented one is refused before sending")
    func inboxStatus() async throws {
        let (client, transport) = client(.json(202, Self.accepted))
        _ = try await client.send(content: "hi", from: "+15555555555", to: ["+15555555555"], setInboxStatus: .done)
        let request = try #require(await transport.requests.first)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"content":"hi","from":"+15555555555","setInboxStatus":"done","to":["+15555555555"]}"#)
        do {
            _ = try await client.send(
                content: "hi", from: "+15555555555", to: ["+15555555555"], setInboxStatus: .unknown("open"))
            Issue.record("sent an undocumented inbox status")
        } catch {
            guard case .invalidArgument(let argument) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(argument.argument == "setInboxStatus")
        }
        #expect(await transport.requests.count == 1)
    }

    static let invalid: [(content: String, from: String, to: [String], userId: String?, argument: String)] = [
        ("", "+15555555555", ["+15555555555"], nil, "content"),
        (" \n\t\u{A0}", "+15555555555", ["+15555555555"], nil, "content"),
        (String(repeating: "a", count: 1601), "+15555555555", ["+15555555555"], nil, "content"),
        ("hi", "5555555555", ["+15555555555"], nil, "from"),
        ("hi", "XY123", ["+15555555555"], nil, "from"),
        ("hi", "+15555555555", [], nil, "to"),
        ("hi", "+15555555555", Array(repeating: "+15555555555", count: 11), nil, "to"),
        ("hi", "+15555555555", ["+15555555555", "+0555"], nil, "to[1]"),
        ("hi", "+15555555555", ["+15555555555"], "AC123", "userId"),
    ]

    @Test("arguments outside the documented schema are refused before sending", arguments: invalid)
    func invalidArguments(_ item: (content: String, from: String, to: [String], userId: String?, argument: String))
        async
    {
        let (client, transport) = client(.json(202, Self.accepted))
        await expectRefusedBeforeSending(argument: item.argument, transport: transport) {
            _ = try await client.send(content: item.content, from: item.from, to: item.to, userId: item.userId)
        }
    }

    @Test("1600 characters and one non-space character are accepted")
    func bounds() async throws {
        let (client, _) = client(.json(202, Self.accepted), .json(202, Self.accepted))
        _ = try await client.send(
            content: String(repeating: "é", count: 1600), from: "+15555555555", to: ["+15555555555"])
        _ = try await client.send(content: "  .  ", from: "+15555555555", to: ["+15555555555"])
    }

    @Test("a 200 is not the documented 202")
    func wrongSuccessStatus() async {
        let (client, _) = client(.json(200, Self.accepted))
        do {
            _ = try await client.send(content: "hi", from: "+15555555555", to: ["+15555555555"])
            Issue.record("decoded a 200")
        } catch {
            guard case .unexpectedStatus(let status) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(status.status == 200)
        }
    }

    @Test(
        "each documented error cassette gives the typed error",
        arguments: [400, 401, 402, 403, 404, 500])
    func documentedErrors(_ status: Int) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("recordings/openphone/sendMessage_v1/error-\(status).json").path
        let cassette = try Cassette.load(path: path)
        let body = try #require(cassette.interactions.first?.request.body)
        let sent = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        let client = OpenPhoneClient(apiKey: "k", transport: try ReplayTransport(path: path))
        do {
            _ = try await client.send(
                content: sent?["content"] as? String ?? "", from: sent?["from"] as? String ?? "",
                to: sent?["to"] as? [String] ?? [], userId: sent?["userId"] as? String)
            Issue.record("no error for \(status)")
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(apiError.status == status)
            #expect(apiError.bodyStatus == status)
            #expect(apiError.docs == "https://openphone.com/docs")
        }
    }
}
