import Foundation
import HTTPTransport
import OpenPhoneClient
import Testing

/// The `200` example of contracts/openphone.openapi.json (documented: assembled from the field
/// examples of seed 004_93250fff0dcab281.txt).
let openPhoneDocumented = """
    {"data":{"id":"AC123abc","to":["+15555555555"],"from":"+15555555555","text":"Hello, world!",\
    "phoneNumberId":"PN123abc","direction":"incoming","userId":"US123abc","status":"sent",\
    "createdAt":"2022-01-01T00:00:00Z","updatedAt":"2022-01-01T00:00:00Z"}}
    """

@Suite struct OpenPhoneClientTests {
    func client(_ responses: HTTPResponse...) -> (OpenPhoneClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (OpenPhoneClient(apiKey: "op-key-123", transport: transport), transport)
    }

    func failure(_ response: HTTPResponse, id: String = "AC123abc") async -> OpenPhoneError? {
        let (client, _) = client(response)
        do {
            let message = try await client.message(id: id)
            Issue.record("decoded \(message)")
            return nil
        } catch {
            return error
        }
    }

    func decodingError(_ body: String) async -> ResponseDecodingError? {
        guard case .decoding(let error)? = await failure(.json(200, body)) else { return nil }
        return error
    }

    @Test("the documented example decodes to exact values")
    func documentedExample() async throws {
        let (client, _) = client(.json(200, openPhoneDocumented))
        let message = try await client.message(id: "AC123abc")
        #expect(message.id.rawValue == "AC123abc")
        #expect(message.to.map(\.rawValue) == ["+15555555555"])
        #expect(message.from.rawValue == "+15555555555")
        #expect(message.text == "Hello, world!")
        #expect(message.phoneNumberId?.rawValue == "PN123abc")
        #expect(message.direction == .incoming)
        #expect(message.userId?.rawValue == "US123abc")
        #expect(message.status == .sent)
        #expect(epochMilliseconds(message.createdAt) == 1_640_995_200_000)
        #expect(epochMilliseconds(message.updatedAt) == 1_640_995_200_000)
    }

    @Test("the contract's example file decodes, milliseconds kept")
    func exampleFile() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let body = try Data(contentsOf: root.appendingPathComponent("contracts/examples/openphone-message.json"))
        let (client, _) = client(HTTPResponse(status: 200, body: [UInt8](body)))
        let message = try await client.message(id: "AC3f5e2b1c9d8a7f6e5d4c3b2a19")
        #expect(epochMilliseconds(message.createdAt) == 1_772_637_731_123)
        #expect(epochMilliseconds(message.updatedAt) == 1_772_637_734_456)
        #expect(message.status == .delivered)
        #expect(message.direction == .outgoing)
    }

    @Test("request: GET /v1/messages/{id} with the raw key in Authorization")
    func request() async throws {
        let (client, transport) = client(.json(200, openPhoneDocumented))
        _ = try await client.message(id: "AC123abc")
        let requests = await transport.requests
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "https://api.openphone.com/v1/messages/AC123abc")
        #expect(request.headers.values(for: "Authorization") == ["op-key-123"])
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.body.isEmpty)
    }

    @Test("an id without the AC prefix is refused before sending")
    func invalidID() async throws {
        for id in ["XY12", "", "ac1", "AC1\n"] {
            let (client, transport) = client(.json(200, openPhoneDocumented))
            do {
                _ = try await client.message(id: id)
                Issue.record("sent \(id)")
            } catch {
                guard case .invalidArgument(let argument) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(argument.argument == "id")
            }
            #expect(await transport.requests.isEmpty)
        }
    }

    @Test("ids are percent-encoded into the path")
    func pathEncoding() async throws {
        let (client, transport) = client(.json(200, openPhoneDocumented))
        _ = try await client.message(id: "AC1/../x?y")
        #expect(
            await transport.requests.first?.url.absoluteString
                == "https://api.openphone.com/v1/messages/AC1%2F..%2Fx%3Fy")
    }

    @Test("ISO 8601 with and without fractions and offsets gives the right instant", arguments: TimestampTests.instants)
    func timestamps(_ instant: (text: String, milliseconds: Int64)) async throws {
        let body = replacing(
            openPhoneDocumented, #""createdAt":"2022-01-01T00:00:00Z""#, with: #""createdAt":"\#(instant.text)""#)
        let (client, _) = client(.json(200, body))
        #expect(epochMilliseconds(try await client.message(id: "AC123abc").createdAt) == instant.milliseconds)
    }

    @Test("nullable ids: userId null (incoming) and phoneNumberId null decode; missing keys do not")
    func nullables() async throws {
        let nulls = replacing(
            replacing(openPhoneDocumented, #""userId":"US123abc""#, with: #""userId":null"#),
            #""phoneNumberId":"PN123abc""#,
            with: #""phoneNumberId":null"#)
        let (client, _) = client(.json(200, nulls))
        let message = try await client.message(id: "AC123abc")
        #expect(message.userId == nil)
        #expect(message.phoneNumberId == nil)
        let missing = await decodingError(replacing(openPhoneDocumented, #""userId":"US123abc","#, with: ""))
        #expect(missing?.description == "response 200: /data/userId: missing required field")
    }

    static let broken: [(from: String, to: String, description: String)] = [
        (
            #""id":"AC123abc""#, #""id":"XY12""#,
            #"response 200: /data/id: expected an ID starting with "AC", got "XY12""#
        ),
        (
            #""phoneNumberId":"PN123abc""#, #""phoneNumberId":"AC1""#,
            #"response 200: /data/phoneNumberId: expected an ID starting with "PN", got "AC1""#
        ),
        (
            #""userId":"US123abc""#, #""userId":"us1""#,
            #"response 200: /data/userId: expected an ID starting with "US", got "us1""#
        ),
        (
            #""to":["+15555555555"]"#, #""to":["+15555555555","555-0100"]"#,
            #"response 200: /data/to/1: expected an E.164 phone number (+ then 2 to 15 digits, no leading 0), got "555-0100""#
        ),
        (
            #""from":"+15555555555""#, #""from":"+1555555555512345""#,
            #"response 200: /data/from: expected an E.164 phone number (+ then 2 to 15 digits, no leading 0), got "+1555555555512345""#
        ),
        (#""text":"Hello, world!""#, #""text":5"#, "response 200: /data/text: expected a string, got 5"),
        (
            #""to":["+15555555555"]"#, #""to":"+15555555555""#,
            #"response 200: /data/to: expected an array, got "+15555555555""#
        ),
        (
            #""createdAt":"2022-01-01T00:00:00Z""#, #""createdAt":"2022-01-01T00:00:00""#,
            #"response 200: /data/createdAt: expected an ISO 8601 date-time, got "2022-01-01T00:00:00": missing the UTC offset (Z or ±HH:MM) at character 20"#
        ),
        (
            #""createdAt":"2022-01-01T00:00:00Z""#, #""createdAt":1640995200000"#,
            "response 200: /data/createdAt: expected a string, got 1640995200000"
        ),
        (#""status":"sent""#, #""status":null"#, "response 200: /data/status: expected a string, got null"),
        (#"{"data":"#, #"{"payload":"#, "response 200: /data: missing required field"),
    ]

    @Test("a body that breaks the contract is a decoding error naming the pointer", arguments: broken)
    func brokenBodies(_ edit: (from: String, to: String, description: String)) async {
        let error = await decodingError(replacing(openPhoneDocumented, edit.from, with: edit.to))
        #expect(error?.description == edit.description)
    }

    @Test("malformed JSON is a decoding error at the root")
    func malformed() async {
        let error = await decodingError(String(openPhoneDocumented.dropLast()))
        #expect(error?.pointer == "")
        #expect(error?.message.hasPrefix("not valid JSON") == true)
    }

    @Test("status values outside the documented set are kept")
    func unknownEnums() async throws {
        let body = replacing(
            replacing(openPhoneDocumented, #""status":"sent""#, with: #""status":"received""#),
            #""direction":"incoming""#,
            with: #""direction":"sideways""#)
        let (client, _) = client(.json(200, body))
        let message = try await client.message(id: "AC123abc")
        #expect(message.status == .unknown("received"))
        #expect(message.status.rawValue == "received")
        #expect(message.direction == .unknown("sideways"))
    }

    /// The six documented error bodies, with every documented field.
    static let documentedErrors: [(status: Int, code: String, title: String, description: String?)] = [
        (400, "0206400", "A2P Registration Not Approved", "A2P Registration Not Approved"),
        (401, "0200401", "Unauthorized", nil),
        (
            402, "0200402", "Not Enough Credits",
            "The organization does not have enough prepaid credits to send the message"
        ),
        (403, "0202403", "Not Phone Number User", "Not Phone Number User"),
        (404, "0200404", "Not Found", nil),
        (500, "0201500", "Unknown", nil),
    ]

    @Test("each documented error status gives the typed error with every field", arguments: documentedErrors)
    func documentedError(_ documented: (status: Int, code: String, title: String, description: String?)) async throws {
        let description = documented.description.map { #","description":"\#($0)""# } ?? ""
        let body = """
            {"message":"m \(documented.status)","code":"\(documented.code)","status":\(documented.status),\
            "docs":"https://openphone.com/docs","title":"\(documented.title)"\(description),"trace":"t-1",\
            "errors":[{"path":"/id","message":"bad","value":null,"schema":{"type":"string"}},\
            {"path":"/to","message":"worse","schema":{"type":"array"}}]}
            """
        guard case .api(let error)? = await failure(.json(documented.status, body)) else {
            Issue.record("not an API error")
            return
        }
        #expect(error.status == documented.status)
        #expect(error.bodyStatus == documented.status)
        #expect(error.message == "m \(documented.status)")
        #expect(error.code == documented.code)
        #expect(error.title == documented.title)
        #expect(error.docs == "https://openphone.com/docs")
        #expect(error.description == documented.description)
        #expect(error.trace == "t-1")
        #expect(
            error.errors == [
                OpenPhoneErrorDetail(path: "/id", message: "bad", value: .null, schema: .init(type: "string")),
                OpenPhoneErrorDetail(path: "/to", message: "worse", value: nil, schema: .init(type: "array")),
            ])
        #expect(
            OpenPhoneError.api(error).description
                == "OpenPhone \(documented.status) \(documented.code) \(documented.title): m \(documented.status)")
    }

    @Test("an error body missing a required field is a decoding error with the status")
    func brokenErrorBodies() async {
        let noDescription = #"{"message":"m","code":"0206400","status":400,"docs":"d","title":"t"}"#
        guard case .decoding(let error)? = await failure(.json(400, noDescription)) else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(error.description == "response 400: /description: missing required field")
        guard
            case .decoding(let other)? = await failure(
                .json(404, #"{"message":"m","code":"0200404","status":"404","docs":"d","title":"t"}"#))
        else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(other.description == #"response 404: /status: expected an integer, got "404""#)
        guard case .decoding(let html)? = await failure(.json(500, "<html>")) else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(html.status == 500)
    }

    @Test("undocumented statuses keep the status and the raw body", arguments: [201, 302, 405, 418, 429, 503])
    func undocumentedStatus(_ status: Int) async {
        let body = "not json \(status)"
        guard case .unexpectedStatus(let error)? = await failure(HTTPResponse(status: status, body: Array(body.utf8)))
        else {
            Issue.record("expected unexpectedStatus")
            return
        }
        #expect(error.status == status)
        #expect(error.body == Array(body.utf8))
    }

    @Test("a transport failure is reported as such")
    func transportFailure() async {
        let transport = StubTransport(results: [.failure(StubFailure(reason: "offline"))])
        do {
            _ = try await OpenPhoneClient(apiKey: "k", transport: transport).message(id: "AC1")
            Issue.record("no error")
        } catch {
            guard case .transport(let underlying) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(underlying as? StubFailure == StubFailure(reason: "offline"))
        }
    }

    @Test("a base URL with a path keeps it")
    func baseURLPath() async throws {
        let transport = StubTransport(.json(200, openPhoneDocumented))
        let client = OpenPhoneClient(
            apiKey: "k", transport: transport, baseURL: try #require(URL(string: "http://127.0.0.1:8080/openphone/")))
        _ = try await client.message(id: "AC123abc")
        #expect(
            await transport.requests.first?.url.absoluteString == "http://127.0.0.1:8080/openphone/v1/messages/AC123abc"
        )
    }
}
