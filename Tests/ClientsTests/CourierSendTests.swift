import Cassettes
import CourierClient
import Foundation
import HTTPTransport
import Testing

/// `CourierClient.send(_:)`: `POST /send` (`send_message`).
@Suite struct CourierSendTests {
    func client(_ responses: HTTPResponse...) -> (CourierClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (CourierClient(apiKey: "pk_test_123", transport: transport), transport)
    }

    @Test("request: POST /send, Bearer, {message} with sorted members; one recipient goes as an object")
    func request() async throws {
        let (client, transport) = client(.json(202, #"{"requestId":"1-69f561d3-7ad9d453fb6a7012efc2c5ad"}"#))
        let response = try await client.send(
            CourierOutgoingMessage(
                to: CourierRecipient(userId: "example_user"), content: .template("template_id"),
                data: ["foo": .string("bar")]))
        #expect(response.requestId == "1-69f561d3-7ad9d453fb6a7012efc2c5ad")
        let request = try #require(await transport.requests.first)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.courier.com/send")
        #expect(request.headers["Authorization"] == "Bearer pk_test_123")
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"message":{"data":{"foo":"bar"},"template":"template_id","to":{"user_id":"example_user"}}}"#)
    }

    @Test("several recipients go as an array; title and body as content")
    func severalRecipients() async throws {
        let (client, transport) = client(.json(200, #"{"requestId":"r"}"#))
        _ = try await client.send(
            CourierOutgoingMessage(
                to: [CourierRecipient(email: "ada@example.com"), CourierRecipient(phoneNumber: "+15555550123")],
                content: .text(title: "Hi", body: "Hello")))
        let request = try #require(await transport.requests.first)
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"message":{"content":{"body":"Hello","title":"Hi"},"to":[{"email":"ada@example.com"},{"phone_number":"+15555550123"}]}}"#
        )
    }

    static let invalid: [(message: CourierOutgoingMessage, argument: String)] = [
        (CourierOutgoingMessage(to: [], content: .template("t")), "message.to"),
        (CourierOutgoingMessage(to: CourierRecipient(), content: .template("t")), "message.to"),
        (CourierOutgoingMessage(to: CourierRecipient(userId: ""), content: .template("t")), "message.to.user_id"),
        (CourierOutgoingMessage(to: CourierRecipient(email: "ada"), content: .template("t")), "message.to.email"),
        (
            CourierOutgoingMessage(to: [CourierRecipient(userId: "a"), CourierRecipient()], content: .template("t")),
            "message.to[1]"
        ),
        (CourierOutgoingMessage(to: CourierRecipient(userId: "a"), content: .template("")), "message.template"),
        (
            CourierOutgoingMessage(to: CourierRecipient(userId: "a"), content: .text(title: "T", body: "")),
            "message.content.body"
        ),
    ]

    @Test("a message Courier would refuse is refused before sending", arguments: invalid)
    func invalidMessages(_ item: (message: CourierOutgoingMessage, argument: String)) async {
        let (client, transport) = client(.json(202, #"{"requestId":"r"}"#))
        await expectRefusedBeforeSending(argument: item.argument, transport: transport) {
            _ = try await client.send(item.message)
        }
    }

    @Test("a body without requestId is a decoding error")
    func missingRequestId() async {
        let (client, _) = client(.json(202, #"{"id":"r"}"#))
        do {
            _ = try await client.send(
                CourierOutgoingMessage(to: CourierRecipient(userId: "a"), content: .template("t")))
            Issue.record("decoded")
        } catch {
            guard case .decoding = error else {
                Issue.record("\(error)")
                return
            }
        }
    }

    @Test(
        "each documented error gives its status and type",
        arguments: [
            (400, CourierErrorType.invalidRequestError), (401, .authenticationError), (403, .authorizationError),
            (404, .invalidRequestError), (409, .invalidRequestError), (413, .invalidRequestError),
            (429, .rateLimitError), (500, .apiError), (503, .apiError),
        ])
    func documentedErrors(_ status: Int, _ type: CourierErrorType) async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("recordings/courier/send_message/error-\(status).json").path
        let client = CourierClient(apiKey: "k", transport: try ReplayTransport(path: path))
        do {
            _ = try await client.send(
                CourierOutgoingMessage(to: CourierRecipient(userId: "user-4821"), content: .template("ORDER_SHIPPED")))
            Issue.record("no error for \(status)")
        } catch {
            guard case .api(let apiError) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(apiError.status == status)
            #expect(apiError.type == type)
        }
    }
}
