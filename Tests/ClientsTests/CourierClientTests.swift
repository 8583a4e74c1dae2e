import CourierClient
import Foundation
import HTTPTransport
import Testing

/// The response example of seed 003_d55b29ae61e40cbb.txt (Courier, List messages), verbatim
/// (documented).
let courierDocumentedPage = """
    {"paging":{"cursor":"MTU4OTQ5NTI1ODY4NywxLTVlYmRjNWRhLTEwODZlYWFjMWRmMjEwMTNjM2I0ZjVhMA==","more":true},\
    "results":[{"id":"1-5e2b2615-05efbb3acab9172f88dd3f6f","status":"DELIVERED","enqueued":1562611073426,\
    "sent":1562611074138,"delivered":1562611077139,"opened":1562611083411,"clicked":1562611084123,\
    "recipient":"CC607F6E84A34305AE98B72C","event":"my-event","notification":"TAFGNB3GNQ4MZVHW4WV4R8Q8ZVN4",\
    "error":"400 Bad Request","reason":"UNSUBSCRIBED"}]}
    """

/// The same message as a `MessageDetailsExtended` body (the documented fields plus `providers`).
let courierDocumentedMessage = """
    {"id":"1-5e2b2615-05efbb3acab9172f88dd3f6f","status":"DELIVERED","enqueued":1562611073426,\
    "sent":1562611074138,"delivered":1562611077139,"opened":1562611083411,"clicked":1562611084123,\
    "recipient":"CC607F6E84A34305AE98B72C","event":"my-event","notification":"TAFGNB3GNQ4MZVHW4WV4R8Q8ZVN4",\
    "error":"400 Bad Request","reason":"UNSUBSCRIBED","providers":[{"provider":"sendgrid","status":"DELIVERED"}]}
    """

func courierPage(ids: [String], cursor: String?, more: Bool) -> HTTPResponse {
    let results = ids.map {
        #"{"id":"\#($0)","status":"SENT","enqueued":1562611073426,"recipient":"r","event":"e","notification":"n"}"#
    }
    let cursorJSON = cursor.map { #""\#($0)""# } ?? "null"
    return .json(
        200, #"{"paging":{"cursor":\#(cursorJSON),"more":\#(more)},"results":[\#(results.joined(separator: ","))]}"#)
}

@Suite struct CourierClientTests {
    func client(_ responses: HTTPResponse...) -> (CourierClient, StubTransport) {
        let transport = StubTransport(results: responses.map { .success($0) })
        return (CourierClient(apiKey: "ck-123", transport: transport), transport)
    }

    func messageFailure(_ response: HTTPResponse) async -> CourierError? {
        let (client, _) = client(response)
        do {
            let details = try await client.message(id: "1-abc")
            Issue.record("decoded \(details)")
            return nil
        } catch {
            return error
        }
    }

    @Test("the documented list example decodes to exact values")
    func documentedPage() async throws {
        let (client, _) = client(.json(200, courierDocumentedPage))
        let page = try await client.listMessages()
        #expect(page.paging.more)
        #expect(page.paging.cursor == .some("MTU4OTQ5NTI1ODY4NywxLTVlYmRjNWRhLTEwODZlYWFjMWRmMjEwMTNjM2I0ZjVhMA=="))
        let message = try #require(page.results.first)
        #expect(page.results.count == 1)
        #expect(message.id == "1-5e2b2615-05efbb3acab9172f88dd3f6f")
        #expect(message.status == .delivered)
        #expect(epochMilliseconds(message.enqueued) == 1_562_611_073_426)
        #expect(message.sent.map(epochMilliseconds) == 1_562_611_074_138)
        #expect(message.delivered.map(epochMilliseconds) == 1_562_611_077_139)
        #expect(message.opened.map(epochMilliseconds) == 1_562_611_083_411)
        #expect(message.clicked.map(epochMilliseconds) == 1_562_611_084_123)
        #expect(message.recipient == "CC607F6E84A34305AE98B72C")
        #expect(message.event == "my-event")
        #expect(message.notification == "TAFGNB3GNQ4MZVHW4WV4R8Q8ZVN4")
        #expect(message.error == .some("400 Bad Request"))
        #expect(message.reason == .some(.unsubscribed))
    }

    @Test("message(id:) decodes MessageDetailsExtended and sends the Bearer key")
    func messageDetails() async throws {
        let (client, transport) = client(.json(200, courierDocumentedMessage))
        let details = try await client.message(id: "1-5e2b2615-05efbb3acab9172f88dd3f6f")
        #expect(details.status == .delivered)
        #expect(epochMilliseconds(details.enqueued) == 1_562_611_073_426)
        #expect(details.providers == .some([["provider": .string("sendgrid"), "status": .string("DELIVERED")]]))
        let request = try #require(await transport.requests.first)
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "https://api.courier.com/messages/1-5e2b2615-05efbb3acab9172f88dd3f6f")
        #expect(request.headers.values(for: "Authorization") == ["Bearer ck-123"])
    }

    @Test("optional fields: absent, null and present are told apart")
    func nullables() async throws {
        let required = #"{"id":"1-a","status":"ENQUEUED","enqueued":1,"recipient":"r","event":"e","notification":"n"}"#
        let (absentClient, _) = client(.json(200, required))
        let absent = try await absentClient.message(id: "1-a")
        #expect(absent.error == nil && absent.reason == nil && absent.providers == nil)
        #expect(absent.sent == nil && absent.delivered == nil && absent.opened == nil && absent.clicked == nil)
        let nulls = replacing(
            required, #""notification":"n""#, with: #""notification":"n","error":null,"reason":null,"providers":null"#)
        let (nullClient, _) = client(.json(200, nulls))
        let null = try await nullClient.message(id: "1-a")
        #expect(null.error == .some(nil) && null.reason == .some(nil) && null.providers == .some(nil))
    }

    @Test("values outside the documented enums are kept")
    func unknownEnums() async throws {
        let body = replacing(
            replacing(courierDocumentedMessage, #""status":"DELIVERED""#, with: #""status":"received""#),
            #""reason":"UNSUBSCRIBED""#, with: #""reason":"SPAM""#)
        let (client, _) = client(.json(200, body))
        let details = try await client.message(id: "1-a")
        #expect(details.status == .unknown("received"))
        #expect(details.status.rawValue == "received")
        #expect(details.reason == .some(.unknown("SPAM")))
    }

    static let broken: [(from: String, to: String, description: String)] = [
        (
            "1562611073426,", "1562611073426.5,",
            "response 200: /enqueued: expected an integer number of milliseconds, got 1562611073426.5"
        ),
        ("1562611073426,", #""1562611073426","#, #"response 200: /enqueued: expected an integer, got "1562611073426""#),
        (#""enqueued":1562611073426,"#, "", "response 200: /enqueued: missing required field"),
        (
            #""recipient":"CC607F6E84A34305AE98B72C""#, #""recipient":null"#,
            "response 200: /recipient: expected a string, got null"
        ),
        (#""reason":"UNSUBSCRIBED""#, #""reason":4"#, "response 200: /reason: expected a string, got 4"),
        ("1562611074138", "null", "response 200: /sent: expected an integer, got null"),
        (#""providers":[{"#, #""providers":["x",{"#, #"response 200: /providers/0: expected an object, got "x""#),
    ]

    @Test("a body that breaks the contract is a decoding error naming the pointer", arguments: broken)
    func brokenBodies(_ edit: (from: String, to: String, description: String)) async {
        guard
            case .decoding(let error)? = await messageFailure(
                .json(200, replacing(courierDocumentedMessage, edit.from, with: edit.to)))
        else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(error.description == edit.description)
    }

    @Test("each documented error status gives the typed error", arguments: [400, 404])
    func documentedErrors(_ status: Int) async {
        let body = #"{"message":"Message Not Found","type":"invalid_request_error"}"#
        guard case .api(let error)? = await messageFailure(.json(status, body)) else {
            Issue.record("expected an API error")
            return
        }
        #expect(error.status == status)
        #expect(error.type == .invalidRequestError)
        #expect(error.message == "Message Not Found")
        #expect(error.description == "Courier \(status) invalid_request_error: Message Not Found")
    }

    @Test("a broken error body is a decoding error with its status")
    func brokenErrorBody() async {
        guard case .decoding(let error)? = await messageFailure(.json(404, #"{"type":"invalid_request_error"}"#)) else {
            Issue.record("expected a decoding error")
            return
        }
        #expect(error.description == "response 404: /message: missing required field")
    }

    @Test("undocumented statuses keep the raw body", arguments: [401, 500, 503])
    func undocumented(_ status: Int) async {
        guard case .unexpectedStatus(let error)? = await messageFailure(.json(status, "{\"oops\":true}")) else {
            Issue.record("expected unexpectedStatus")
            return
        }
        #expect(error.status == status)
        #expect(error.body == Array("{\"oops\":true}".utf8))
    }

    @Test("an empty id is refused before sending")
    func emptyID() async {
        let (client, transport) = client()
        do {
            _ = try await client.message(id: "")
            Issue.record("sent")
        } catch {
            guard case .invalidArgument(let argument) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(argument.argument == "id")
        }
        #expect(await transport.requests.isEmpty)
    }

    @Test("list filters are query parameters, statuses comma-joined, cursor percent-encoded")
    func listQuery() async throws {
        let (client, transport) = client(courierPage(ids: [], cursor: nil, more: false))
        let filter = CourierMessageFilter(
            event: "welcome-message", list: "event-change", messageId: "1-5fa64f03", notification: "n 1",
            recipient: "0460766e", status: [.delivered, .undeliverable, .unknown("NEW&X")])
        // As Courier's official SDKs send it (contracts/courier.openapi.json, status: explode false).
        _ = try await client.listMessages(filter, cursor: "MTU4OTQ5NTI1ODY4NywxLTVl==")
        #expect(
            await transport.requests.first?.url.absoluteString
                == "https://api.courier.com/messages?cursor=MTU4OTQ5NTI1ODY4NywxLTVl%3D%3D&event=welcome-message"
                + "&list=event-change&messageId=1-5fa64f03&notification=n%201&recipient=0460766e"
                + "&status=DELIVERED%2CUNDELIVERABLE%2CNEW%26X")
        let (plain, plainTransport) = self.client(courierPage(ids: [], cursor: nil, more: false))
        _ = try await plain.listMessages()
        #expect(await plainTransport.requests.first?.url.absoluteString == "https://api.courier.com/messages")
    }

    @Test("one status is sent alone; a status with a comma is refused before sending")
    func statusForms() async throws {
        let (client, transport) = client(courierPage(ids: [], cursor: nil, more: false))
        _ = try await client.listMessages(CourierMessageFilter(status: [.delivered]))
        #expect(
            await transport.requests.first?.url.absoluteString == "https://api.courier.com/messages?status=DELIVERED")
        let (refusing, refusingTransport) = self.client()
        do {
            _ = try await refusing.listMessages(CourierMessageFilter(status: [.sent, .unknown("A,B")]))
            Issue.record("sent")
        } catch {
            guard case .invalidArgument(let argument) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(argument.argument == "status")
            #expect(
                argument.description
                    == #"invalid status: expected statuses without a comma (they are sent comma-joined), got "A,B""#)
        }
        #expect(await refusingTransport.requests.isEmpty)
    }

    @Test("the page sequence follows the cursor and stops when more is false")
    func pagination() async throws {
        let (client, transport) = client(
            courierPage(ids: ["1-a", "1-b"], cursor: "c1==", more: true),
            courierPage(ids: ["1-c"], cursor: "c2", more: true),
            courierPage(ids: ["1-d"], cursor: "ignored", more: false))
        var pages: [[String]] = []
        for try await page in client.messages(CourierMessageFilter(status: [.sent, .opened])) {
            pages.append(page.results.map(\.id))
        }
        #expect(pages == [["1-a", "1-b"], ["1-c"], ["1-d"]])
        let urls = await transport.requests.map(\.url.absoluteString)
        #expect(
            urls == [
                "https://api.courier.com/messages?status=SENT%2COPENED",
                "https://api.courier.com/messages?cursor=c1%3D%3D&status=SENT%2COPENED",
                "https://api.courier.com/messages?cursor=c2&status=SENT%2COPENED",
            ])
    }

    @Test("results flattens the pages into messages")
    func flattened() async throws {
        let (client, _) = client(
            courierPage(ids: ["1-a"], cursor: "c1", more: true), courierPage(ids: [], cursor: "c2", more: true),
            courierPage(ids: ["1-b", "1-c"], cursor: nil, more: false))
        var ids: [String] = []
        for try await message in client.messages().results { ids.append(message.id) }
        #expect(ids == ["1-a", "1-b", "1-c"])
    }

    @Test("an error mid-way is thrown after the pages before it, then the sequence ends")
    func errorMidway() async throws {
        let (client, transport) = client(
            courierPage(ids: ["1-a"], cursor: "c1", more: true), .json(500, "upstream down"),
            courierPage(ids: ["1-z"], cursor: nil, more: false))
        var iterator = client.messages().makeAsyncIterator()
        let first = try await iterator.next()
        #expect(first?.results.map(\.id) == ["1-a"])
        do {
            _ = try await iterator.next()
            Issue.record("no error")
        } catch {
            guard case .unexpectedStatus(let status) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(status.status == 500)
            #expect(status.body == Array("upstream down".utf8))
        }
        #expect(try await iterator.next() == nil)
        #expect(await transport.requests.count == 2)
    }

    @Test("typed errors propagate out of for-try-await")
    func typedLoop() async {
        // `for try await` throws the sequence's `Failure` where `next(isolation:)` exists (Swift 6
        // runtimes; always on Linux).
        guard #available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, *) else { return }
        let (client, _) = client(.json(200, "{"))
        do throws(CourierError) {
            for try await _ in client.messages() {}
            Issue.record("no error")
        } catch {
            guard case .decoding(let decoding) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(decoding.pointer == "")
        }
    }

    @Test("more without a cursor, or a repeated cursor, stops with an error instead of looping")
    func loopGuards() async {
        for responses in [
            [courierPage(ids: ["1-a"], cursor: nil, more: true)],
            [.json(200, #"{"paging":{"more":true},"results":[]}"#)],
            [courierPage(ids: ["1-a"], cursor: "", more: true)],
            [
                courierPage(ids: ["1-a"], cursor: "same", more: true),
                courierPage(ids: ["1-b"], cursor: "same", more: true),
            ],
        ] {
            let transport = StubTransport(results: responses.map { .success($0) })
            var count = 0
            do {
                for try await _ in CourierClient(apiKey: "k", transport: transport).messages() { count += 1 }
                Issue.record("no error")
            } catch {
                guard case .decoding(let decoding) = error else {
                    Issue.record("\(error)")
                    return
                }
                #expect(decoding.pointer == "/paging/cursor")
            }
            #expect(await transport.requests.count == responses.count)
        }
    }
}
