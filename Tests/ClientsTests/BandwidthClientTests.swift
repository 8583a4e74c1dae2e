import BandwidthClient
import Foundation
import HTTPTransport
import Testing

/// The example of seed 002_2ccae3a8da34f06e.txt (Bandwidth v1, Fetch Message information) with its
/// placeholders filled in, as in contracts/bandwidth-v1.openapi.json (documented).
let bandwidthDocumented = """
    {"direction":"in","from":"+19195551212","id":"m-dr4mcch2wfb6frcls677glq","state":"received",\
    "text":"Hey Duke, see you this afternoon!.","media":[],"time":"2014-06-09T19:29:09Z","to":"+19195554321",\
    "skipMMSCarrierValidation":false}
    """

@Suite struct BandwidthClientTests {
    func client(_ responses: HTTPResponse...) -> (BandwidthClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (
            BandwidthClient(userId: "u-abc", apiToken: "t-123", apiSecret: "s:ecret", transport: transport), transport
        )
    }

    func failure(_ response: HTTPResponse) async -> BandwidthError? {
        let (client, _) = client(response)
        do {
            let message = try await client.message(id: "m-dr4mcch2wfb6frcls677glq")
            Issue.record("decoded \(message)")
            return nil
        } catch {
            return error
        }
    }

    @Test("the documented example decodes to exact values")
    func documentedExample() async throws {
        let (client, transport) = client(.json(200, bandwidthDocumented))
        let message = try await client.message(id: "m-dr4mcch2wfb6frcls677glq")
        #expect(message.id.rawValue == "m-dr4mcch2wfb6frcls677glq")
        #expect(message.direction == .in)
        #expect(message.from == "+19195551212")
        #expect(message.to == "+19195554321")
        #expect(message.state == .received)
        #expect(message.text == "Hey Duke, see you this afternoon!.")
        #expect(message.media == [])
        #expect(epochMilliseconds(message.time) == 1_402_342_149_000)
        #expect(message.skipMMSCarrierValidation == false)
        #expect(message.deliveryCode == nil && message.receiptRequested == nil && message.callbackTimeout == nil)
        let request = try #require(await transport.requests.first)
        #expect(
            request.url.absoluteString
                == "https://api.catapult.inetwork.com/v1/users/u-abc/messages/m-dr4mcch2wfb6frcls677glq")
        // base64("t-123:s:ecret")
        #expect(request.headers.values(for: "Authorization") == ["Basic dC0xMjM6czplY3JldA=="])
    }

    @Test("ISO 8601 with and without fractions and offsets gives the right instant", arguments: TimestampTests.instants)
    func timestamps(_ instant: (text: String, milliseconds: Int64)) async throws {
        let body = replacing(
            bandwidthDocumented, #""time":"2014-06-09T19:29:09Z""#, with: #""time":"\#(instant.text)""#)
        let (client, _) = client(.json(200, body))
        #expect(
            epochMilliseconds(try await client.message(id: "m-dr4mcch2wfb6frcls677glq").time) == instant.milliseconds)
    }

    @Test("every optional field decodes; deliveryCode as a number or a digit string")
    func allFields() async throws {
        let extra = """
            "callbackUrl":"https://hooks.example.com/m","callbackTimeout":15000,"fallbackUrl":"https://f.example.com",\
            "tag":"t1","receiptRequested":"none","deliveryState":"not-delivered","deliveryCode":720,\
            "deliveryDescription":"Invalid destination number","state":"error"
            """
        let (client, _) = client(
            .json(200, replacing(bandwidthDocumented, #""state":"received""#, with: extra)),
            .json(
                200, replacing(bandwidthDocumented, #""state":"received""#, with: #""state":"sent","deliveryCode":"0""#)
            ))
        let message = try await client.message(id: "m-dr4mcch2wfb6frcls677glq")
        #expect(message.callbackUrl == "https://hooks.example.com/m")
        #expect(message.callbackTimeout == 15000)
        #expect(message.fallbackUrl == "https://f.example.com")
        #expect(message.tag == "t1")
        #expect(message.receiptRequested == .noReceipt)
        #expect(message.receiptRequested?.rawValue == "none")
        #expect(message.deliveryState == .notDelivered)
        #expect(message.deliveryCode == BandwidthDeliveryCode(rawValue: "720", isString: false))
        #expect(message.deliveryCode?.documentedMeaning == "Invalid destination number")
        #expect(message.deliveryDescription == "Invalid destination number")
        #expect(message.state == .error)
        let stringCode = try await client.message(id: "m-dr4mcch2wfb6frcls677glq")
        #expect(stringCode.deliveryCode == BandwidthDeliveryCode(rawValue: "0", isString: true))
        #expect(stringCode.deliveryCode?.value == 0)
        #expect(stringCode.deliveryCode?.description == #""0""#)
    }

    @Test("a message older than 30 days has no text")
    func expiredText() async throws {
        let (client, _) = client(
            .json(200, replacing(bandwidthDocumented, #""text":"Hey Duke, see you this afternoon!.","#, with: "")))
        #expect(try await client.message(id: "m-dr4mcch2wfb6frcls677glq").text == nil)
    }

    @Test("unknown enum values are kept")
    func unknownEnums() async throws {
        let body = replacing(
            replacing(
                bandwidthDocumented, #""state":"received""#,
                with: #""state":"delivering","deliveryState":"lost","receiptRequested":"some""#),
            #""direction":"in""#, with: #""direction":"both""#)
        let (client, _) = client(.json(200, body))
        let message = try await client.message(id: "m-dr4mcch2wfb6frcls677glq")
        #expect(message.state == .unknown("delivering"))
        #expect(message.deliveryState == .unknown("lost"))
        #expect(message.receiptRequested == .unknown("some"))
        #expect(message.direction == .unknown("both"))
    }

    static let broken: [(from: String, to: String, description: String)] = [
        (
            #""id":"m-dr4mcch2wfb6frcls677glq""#, #""id":"x-dr4mcch2wfb6frcls677glq""#,
            #"response 200: /id: expected an ID of "m-" and 23 lowercase letters or digits, got "x-dr4mcch2wfb6frcls677glq""#
        ),
        (
            #""id":"m-dr4mcch2wfb6frcls677glq""#, #""id":"m-short""#,
            #"response 200: /id: expected an ID of "m-" and 23 lowercase letters or digits, got "m-short""#
        ),
        (
            #""state":"received""#, #""state":"received","deliveryCode":"0x1""#,
            #"response 200: /deliveryCode: expected an integer or a string of digits, got "0x1""#
        ),
        (
            #""state":"received""#, #""state":"received","deliveryCode":"""#,
            #"response 200: /deliveryCode: expected an integer or a string of digits, got """#
        ),
        (
            #""state":"received""#, #""state":"received","deliveryCode":1.5"#,
            "response 200: /deliveryCode: expected an integer or a string of digits, got 1.5"
        ),
        (
            #""state":"received""#, #""state":"received","deliveryCode":true"#,
            "response 200: /deliveryCode: expected an integer, got true"
        ),
        (
            #""state":"received""#, #""state":"received","callbackTimeout":"15""#,
            #"response 200: /callbackTimeout: expected an integer, got "15""#
        ),
        (
            #""time":"2014-06-09T19:29:09Z""#, #""time":"2014-06-09T19:29:09""#,
            #"response 200: /time: expected an ISO 8601 date-time, got "2014-06-09T19:29:09": missing the UTC offset (Z or ±HH:MM) at character 20"#
        ),
        (#""time":"2014-06-09T19:29:09Z","#, "", "response 200: /time: missing required field"),
        (#""media":[]"#, #""media":[1]"#, "response 200: /media/0: expected a string, got 1"),
        (#""media":[]"#, #""media":null"#, "response 200: /media: expected an array, got null"),
        (
            #""text":"Hey Duke, see you this afternoon!.""#, #""text":null"#,
            "response 200: /text: expected a string, got null"
        ),
        (
            #""state":"received""#, #""state":"received","deliveryCode":null"#,
            "response 200: /deliveryCode: expected an integer or a string of digits, got null"
        ),
        (
            #""state":"received""#, #""state":"received","callbackTimeout":null"#,
            "response 200: /callbackTimeout: expected an integer, got null"
        ),
        (
            #""state":"received""#, #""state":"received","deliveryState":null"#,
            "response 200: /deliveryState: expected a string, got null"
        ),
    ]

    @Test("a body that breaks the contract is a decoding error naming the pointer", arguments: broken)
    func brokenBodies(_ edit: (from: String, to: String, description: String)) async {
        guard
            case .decoding(let error)? = await failure(
                .json(200, replacing(bandwidthDocumented, edit.from, with: edit.to)))
        else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(error.description == edit.description)
    }

    @Test("each documented error status gives the typed error with every field")
    func documentedErrors() async {
        let notFound = """
            {"category":"not-found","code":"message-not-found","message":"The message m-1 could not be found",\
            "details":[{"name":"messageId","value":"m-1"}]}
            """
        guard case .api(let error)? = await failure(.json(404, notFound)) else {
            Issue.record("expected an API error")
            return
        }
        #expect(
            error
                == BandwidthAPIError(
                    status: 404, category: "not-found", code: "message-not-found",
                    message: "The message m-1 could not be found",
                    details: [BandwidthErrorDetail(name: "messageId", value: "m-1")]))
        let denied = #"{"category":"authorization","code":"access-denied","message":"Access is denied","details":[]}"#
        guard case .api(let deniedError)? = await failure(.json(401, denied)) else {
            Issue.record("expected an API error")
            return
        }
        #expect(
            deniedError
                == BandwidthAPIError(
                    status: 401, category: "authorization", code: "access-denied", message: "Access is denied",
                    details: []))
        #expect(
            BandwidthError.api(deniedError).description == "Bandwidth 401 authorization/access-denied: Access is denied"
        )
        guard case .decoding(let broken)? = await failure(.json(401, #"{"category":"authorization","message":"x"}"#))
        else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(broken.description == "response 401: /code: missing required field")
    }

    @Test("undocumented statuses keep the raw body", arguments: [400, 403, 500])
    func undocumented(_ status: Int) async {
        guard case .unexpectedStatus(let error)? = await failure(.json(status, "{}")) else {
            Issue.record("expected unexpectedStatus")
            return
        }
        #expect(error == UnexpectedStatusError(status: status, body: Array("{}".utf8)))
    }

    /// Message ids as Bandwidth's v1 documentation publishes them (dev.bandwidth.com/ap-docs:
    /// apiCallbacks/mms.md, apiCallbacks/messagingEvents.md, guides' Location header): `m-` and 23
    /// lowercase letters or digits.
    static let publishedIDs = ["m-dr4mcch2wfb6frcls677glq", "m-wnbqotddpcm7ijboconi75i", "m-id3x6rblp4jrkih2u7zxjdy"]

    @Test("published message ids are requested and decoded", arguments: publishedIDs)
    func publishedID(_ id: String) async throws {
        #expect(BandwidthMessageID(rawValue: id)?.rawValue == id)
        let body = replacing(bandwidthDocumented, #""id":"m-dr4mcch2wfb6frcls677glq""#, with: #""id":"\#(id)""#)
        let (client, transport) = client(.json(200, body))
        let message = try await client.message(id: id)
        #expect(message.id.rawValue == id)
        #expect(
            await transport.requests.first?.url.absoluteString
                == "https://api.catapult.inetwork.com/v1/users/u-abc/messages/\(id)")
    }

    @Test("a malformed id or an empty user id is refused before sending")
    func invalidArguments() async throws {
        let (client, transport) = client()
        for id in [
            "", "m-short", "M-dr4mcch2wfb6frcls677glq", "m-dr4mcch2wfb6frcls677gl/", "m-DR4MCCH2WFB6FRCLS677GLQ",
            "m-dr4mcch2wfb6frcls677gl", "m-dr4mcch2wfb6frcls677glqa", "m-b3v2shd6xqzd7ha2dh7pqzi6a",
        ] {
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
        }
        let noUser = BandwidthClient(userId: "", apiToken: "t", apiSecret: "s", transport: transport)
        do {
            _ = try await noUser.message(id: "m-dr4mcch2wfb6frcls677glq")
            Issue.record("sent")
        } catch {
            guard case .invalidArgument(let argument) = error else { return }
            #expect(argument.argument == "userId")
        }
        #expect(await transport.requests.isEmpty)
    }
}
