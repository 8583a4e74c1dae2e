import Foundation
import HTTPTransport
import SendoClient
import Testing

/// The success example of seed 001_87a195b691ed9447.txt (Sendo, Retrieve message), verbatim
/// (documented).
let sendoDocumented = """
    {"message":{"id":"f7d258bd-f697-4840-b8a6-165707e12345","type":"SMS","createdAt":"2023-09-19T04:55:50.723Z",\
    "sentAt":"2023-09-19T04:55:50.723Z","updatedAt":"2023-09-19T04:55:55.884Z","direction":"OUTBOUND",\
    "from":"+14159436397","to":"+12061234567","body":"Hello world","numSegments":1,"campaignId":"U7fQ3123",\
    "metadata":{"customId":"123456789"},"status":"DELIVERED"}}
    """

@Suite struct SendoClientTests {
    func client(_ responses: HTTPResponse...) -> (SendoClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (SendoClient(apiKey: "sk-123", transport: transport), transport)
    }

    func failure(_ response: HTTPResponse) async -> SendoError? {
        let (client, _) = client(response)
        do {
            let message = try await client.message(id: "f7d258bd")
            Issue.record("decoded \(message)")
            return nil
        } catch {
            return error
        }
    }

    @Test("the documented example decodes to exact values, envelope unwrapped")
    func documentedExample() async throws {
        let (client, transport) = client(.json(200, sendoDocumented))
        let message = try await client.message(id: "f7d258bd-f697-4840-b8a6-165707e12345")
        #expect(message.id == "f7d258bd-f697-4840-b8a6-165707e12345")
        #expect(message.type == .sms)
        #expect(epochMilliseconds(message.createdAt) == 1_695_099_350_723)
        #expect(message.sentAt.flatMap { $0 }.map(epochMilliseconds) == 1_695_099_350_723)
        #expect(message.updatedAt.flatMap { $0 }.map(epochMilliseconds) == 1_695_099_355_884)
        #expect(message.scheduledAt == nil)
        #expect(message.direction == .outbound)
        #expect(message.from == "+14159436397")
        #expect(message.to == "+12061234567")
        #expect(message.body == "Hello world")
        #expect(message.numSegments == 1)
        #expect(message.campaignId == "U7fQ3123")
        #expect(message.metadata == ["customId": .string("123456789")])
        #expect(message.status == .delivered)
        #expect(message.mediaUrls == nil && message.errorCode == nil && message.errorMessage == nil)
        let request = try #require(await transport.requests.first)
        #expect(request.url.absoluteString == "https://api.sendo.dev/v1/message/f7d258bd-f697-4840-b8a6-165707e12345")
        #expect(request.headers.values(for: "Authorization") == ["Bearer sk-123"])
    }

    @Test("ISO 8601 with and without fractions and offsets gives the right instant", arguments: TimestampTests.instants)
    func timestamps(_ instant: (text: String, milliseconds: Int64)) async throws {
        let body = replacing(
            sendoDocumented, #""createdAt":"2023-09-19T04:55:50.723Z""#, with: #""createdAt":"\#(instant.text)""#)
        let (client, _) = client(.json(200, body))
        #expect(epochMilliseconds(try await client.message(id: "x").createdAt) == instant.milliseconds)
    }

    @Test("nullable fields: null is .some(nil), absent is nil")
    func nullables() async throws {
        let body = replacing(
            sendoDocumented, #""numSegments":1"#,
            with:
                #""numSegments":1,"scheduledAt":null,"errorCode":null,"errorMessage":null,"mediaUrls":["https://m/1.jpg"]"#
        )
        let (client, _) = client(
            .json(200, replacing(body, #""sentAt":"2023-09-19T04:55:50.723Z""#, with: #""sentAt":null"#)))
        let message = try await client.message(id: "x")
        #expect(message.sentAt == .some(nil))
        #expect(message.scheduledAt == .some(nil))
        #expect(message.errorCode == .some(nil))
        #expect(message.errorMessage == .some(nil))
        #expect(message.mediaUrls == ["https://m/1.jpg"])
        let (failed, _) = self.client(
            .json(
                200,
                replacing(
                    sendoDocumented, #""numSegments":1"#,
                    with: #""numSegments":2,"errorCode":30003,"errorMessage":"Unreachable""#)))
        let failedMessage = try await failed.message(id: "x")
        #expect(failedMessage.errorCode == .some(30003))
        #expect(failedMessage.errorMessage == .some("Unreachable"))
    }

    @Test("unknown enum values are kept")
    func unknownEnums() async throws {
        let body = replacing(
            replacing(
                replacing(sendoDocumented, #""status":"DELIVERED""#, with: #""status":"received""#), #""type":"SMS""#,
                with: #""type":"RCS""#),
            #""direction":"OUTBOUND""#, with: #""direction":"LOOPBACK""#)
        let (client, _) = client(.json(200, body))
        let message = try await client.message(id: "x")
        #expect(message.status == .unknown("received"))
        #expect(message.type == .unknown("RCS"))
        #expect(message.direction.rawValue == "LOOPBACK")
    }

    static let broken: [(from: String, to: String, description: String)] = [
        (
            #""numSegments":1"#, #""numSegments":1.5"#,
            "response 200: /message/numSegments: expected an integer, got 1.5"
        ),
        (
            #""numSegments":1"#, #""numSegments":-1"#,
            "response 200: /message/numSegments: expected a segment count of 0 or more, got -1"
        ),
        (#""numSegments":1,"#, "", "response 200: /message/numSegments: missing required field"),
        (
            #""sentAt":"2023-09-19T04:55:50.723Z""#, #""sentAt":"2023-09-19""#,
            #"response 200: /message/sentAt: expected an ISO 8601 date-time, got "2023-09-19": missing the time (T…) after the date at character 11"#
        ),
        (
            #""metadata":{"customId":"123456789"}"#, #""metadata":"x""#,
            #"response 200: /message/metadata: expected an object, got "x""#
        ),
        (#""body":"Hello world""#, #""body":null"#, "response 200: /message/body: expected a string, got null"),
        (
            #""metadata":{"customId":"123456789"}"#, #""metadata":null"#,
            "response 200: /message/metadata: expected an object, got null"
        ),
        (#"{"message":{"#, #"{"msg":{"#, "response 200: /message: missing required field"),
    ]

    @Test("a body that breaks the contract is a decoding error naming the pointer", arguments: broken)
    func brokenBodies(_ edit: (from: String, to: String, description: String)) async {
        guard
            case .decoding(let error)? = await failure(.json(200, replacing(sendoDocumented, edit.from, with: edit.to)))
        else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(error.description == edit.description)
    }

    @Test(
        "each documented error status gives the typed error", arguments: [400, 401, 403, 404, 429, 500, 502, 503, 599])
    func documentedErrors(_ status: Int) async {
        guard case .api(let error)? = await failure(.json(status, #"{"message":null,"error":"Message not found"}"#))
        else {
            Issue.record("expected an API error")
            return
        }
        #expect(error == SendoAPIError(status: status, error: "Message not found"))
        #expect(SendoError.api(error).description == "Sendo \(status): Message not found")
    }

    @Test("an error body that breaks the envelope is a decoding error")
    func brokenErrorBodies() async {
        for (body, description) in [
            (#"{"error":"x"}"#, "response 404: /message: missing required field"),
            (#"{"message":{"id":"1"},"error":"x"}"#, "response 404: /message: expected null, got an object"),
            (#"{"message":null}"#, "response 404: /error: missing required field"),
        ] {
            guard case .decoding(let error)? = await failure(.json(404, body)) else {
                Issue.record("expected a decoding error for \(body)")
                continue
            }
            #expect(error.description == description)
        }
    }

    @Test("undocumented statuses keep the raw body", arguments: [201, 302, 402, 418])
    func undocumented(_ status: Int) async {
        guard case .unexpectedStatus(let error)? = await failure(.json(status, "teapot")) else {
            Issue.record("expected unexpectedStatus")
            return
        }
        #expect(error == UnexpectedStatusError(status: status, body: Array("teapot".utf8)))
    }

    @Test("an empty id is refused and ids are percent-encoded")
    func ids() async throws {
        let (client, transport) = client(.json(200, sendoDocumented))
        do {
            _ = try await client.message(id: "")
            Issue.record("sent")
        } catch {
            guard case .invalidArgument = error else {
                Issue.record("\(error)")
                return
            }
        }
        _ = try await client.message(id: "a b/c")
        #expect(await transport.requests.map(\.url.absoluteString) == ["https://api.sendo.dev/v1/message/a%20b%2Fc"])
    }
}
