import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

@Suite struct ReplayTests {
    let cassette = Cassette(
        operationId: "messages_list", provenance: .init(kind: .documented, source: "seed 003"),
        interactions: [
            interaction("https://api.courier.com/messages?status=SENT&status=DELIVERED&recipient=r1", body: #"{"page":1}"#),
            interaction("https://api.courier.com/messages?cursor=abc", body: #"{"page":2}"#),
            interaction("https://api.courier.com/messages?cursor=abc", body: #"{"page":2,"again":true}"#),
        ])

    func request(_ url: String, headers: HTTPFields = [:]) -> HTTPRequest {
        HTTPRequest(url: URL(string: url)!, headers: headers)
    }

    @Test func matchesQueryParametersInAnyOrder() throws {
        let replay = ReplayTransport(cassette: cassette, file: "list.json")
        let response = try replay.replay(request("https://api.courier.com/messages?recipient=r1&status=DELIVERED&status=SENT"))
        #expect(response.text == #"{"page":1}"#)
    }

    @Test func identicalRequestsReplayInOrderThenFail() throws {
        let replay = ReplayTransport(cassette: cassette, file: "list.json")
        #expect(try replay.replay(request("https://api.courier.com/messages?cursor=abc")).text == #"{"page":2}"#)
        #expect(try replay.replay(request("https://api.courier.com/messages?cursor=abc")).text == #"{"page":2,"again":true}"#)
        let error = #expect(throws: ReplayError.self) { try replay.replay(request("https://api.courier.com/messages?cursor=abc")) }
        #expect(error?.description == "list.json: GET https://api.courier.com/messages?cursor=abc matches 2 recorded interactions, all already replayed (a request made more often than recorded)")
    }

    @Test func unmatchedRequestNamesTheNearestAndTheDifference() {
        let replay = ReplayTransport(cassette: cassette, file: "list.json")
        let error = #expect(throws: ReplayError.self) {
            try replay.replay(request("https://api.courier.com/messages?status=SENT&recipient=r1"))
        }
        #expect(error?.description == "list.json: no recorded interaction matches GET https://api.courier.com/messages?status=SENT&recipient=r1; nearest is interaction 0 (GET https://api.courier.com/messages?status=SENT&status=DELIVERED&recipient=r1): query parameter \"status\": expected [DELIVERED, SENT], got [SENT]")
        let path = #expect(throws: ReplayError.self) { try replay.replay(HTTPRequest(method: .post, url: URL(string: "https://api.courier.com/send?cursor=abc")!)) }
        #expect(path?.description.hasSuffix("nearest is interaction 1 (GET https://api.courier.com/messages?cursor=abc): method: expected GET, got POST; path: expected /messages, got /send") == true)
    }

    @Test func secretsNeverAppearInMismatchMessages() {
        let canary = "sk_canary_3f9a7c2e1b"
        let secretCassette = Cassette(
            operationId: "x", provenance: .init(kind: .recorded, source: "test"),
            interactions: [interaction("https://api.example.com/x?api_key=\(canary)&page=1", headers: ["Authorization": "Bearer \(canary)"], body: "{}")])
        let replay = ReplayTransport(cassette: secretCassette, file: "s.json", matcher: Matcher.default.adding(.headers(["Authorization"])))
        let error = #expect(throws: ReplayError.self) {
            try replay.replay(self.request("https://user:\(canary)@api.example.com/x?api_key=other\(canary)&page=2", headers: ["Authorization": "Bearer x\(canary)"]))
        }
        let text = error?.description ?? ""
        #expect(!text.contains(canary))
        // Requests are redacted before matching, so the differing key and Authorization values
        // (both secrets) are not differences; the page is.
        #expect(text == "s.json: no recorded interaction matches GET https://<redacted:user>:<redacted:password>@api.example.com/x?api_key=<redacted:api_key>&page=2; nearest is interaction 0 (GET https://api.example.com/x?api_key=<redacted:api_key>&page=1): query parameter \"page\": expected [1], got [2]")
    }

    @Test func unusedInteractionsCanFailTheTest() throws {
        let replay = ReplayTransport(cassette: cassette, file: "list.json")
        _ = try replay.replay(request("https://api.courier.com/messages?cursor=abc"))
        #expect(replay.unusedInteractions == [0, 2])
        let error = #expect(throws: ReplayError.self) { try replay.verifyAllUsed() }
        #expect(error?.description == "list.json: 2 recorded interactions were never replayed: 0 (GET https://api.courier.com/messages?status=SENT&status=DELIVERED&recipient=r1), 2 (GET https://api.courier.com/messages?cursor=abc)")
    }

    @Test func optInRulesForHeadersAndBodies() throws {
        let post = Cassette(
            operationId: "send", provenance: .init(kind: .documented, source: "t"),
            interactions: [interaction("https://a.example/send", method: .post, headers: ["X-Version": "2"], requestBody: Array(#"{"b":1,"a":[1,2]}"#.utf8), body: "ok")])
        let json = ReplayTransport(cassette: post, file: "p.json", matcher: Matcher.default.adding(.jsonBody).adding(.headers(["X-Version"])))
        #expect(try json.replay(HTTPRequest(method: .post, url: URL(string: "https://a.example/send")!, headers: ["x-version": "2"], body: Array(#"{ "a": [1, 2], "b": 1.0 }"#.utf8))).text == "ok")
        let exact = ReplayTransport(cassette: post, file: "p.json", matcher: Matcher.default.adding(.exactBody))
        #expect(throws: ReplayError.self) { try exact.replay(HTTPRequest(method: .post, url: URL(string: "https://a.example/send")!, body: Array(#"{"a":[1,2],"b":1}"#.utf8))) }
        let custom = Matcher.default.adding(MatchRule(name: "tenant") { request, recorded in
            request.headers["X-Tenant"] == "t1" ? nil : RequestDifference(part: "tenant", expected: "t1", actual: request.headers["X-Tenant"] ?? "absent")
        })
        let error = #expect(throws: ReplayError.self) {
            try ReplayTransport(cassette: post, file: "p.json", matcher: custom).replay(HTTPRequest(method: .post, url: URL(string: "https://a.example/send")!))
        }
        #expect(error?.description.hasSuffix("tenant: expected t1, got absent") == true)
    }

    @Test func parallelReplaysAreIndependent() async throws {
        let results = try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<32 {
                group.addTask {
                    let replay = ReplayTransport(cassette: cassette, file: "list.json")
                    var texts: [String] = []
                    for _ in 0..<2 { texts.append(try await replay.send(request("https://api.courier.com/messages?cursor=abc")).text) }
                    return texts
                }
            }
            var all: [[String]] = []
            for try await texts in group { all.append(texts) }
            return all
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == [#"{"page":2}"#, #"{"page":2,"again":true}"#] })
    }

    @Test func concurrentIdenticalRequestsConsumeEachInteractionOnce() async throws {
        let many = Cassette(
            operationId: "x", provenance: .init(kind: .documented, source: "t"),
            interactions: (0..<50).map { interaction("https://a.example/x", body: "\($0)") })
        let replay = ReplayTransport(cassette: many, file: "m.json")
        let bodies = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<50 { group.addTask { try await replay.send(HTTPRequest(url: URL(string: "https://a.example/x")!)).text } }
            var all: [String] = []
            for try await body in group { all.append(body) }
            return all
        }
        #expect(Set(bodies) == Set((0..<50).map(String.init)))
        #expect(replay.unusedInteractions.isEmpty)
    }
}

@Suite struct RedactorAndModeTests {
    @Test func redactsHeadersURLQueryAndBodyFields() {
        let canary = "canary-secret-7731"
        let redactor = Redactor.default.redacting(bodyFields: ["pin"])
        let request = redactor.redact(
            HTTPRequest(
                method: .post, url: URL(string: "https://me:\(canary)@api.example.com/v1?api_key=\(canary)&page=2")!,
                headers: ["Authorization": "Basic \(canary)", "Cookie": "s=\(canary)", "Accept": "application/json"],
                body: Array(#"{"user":{"password":"\#(canary)","pin":"\#(canary)"},"text":"hello"}"#.utf8)))
        let everything = request.url.absoluteString + request.headers.map { $0.name + $0.value }.joined() + String(decoding: request.body, as: UTF8.self)
        #expect(!everything.contains(canary))
        #expect(request.headers["Authorization"] == "<redacted:authorization>")
        #expect(request.headers["Accept"] == "application/json")
        #expect(request.url.query == "api_key=%3Credacted:api_key%3E&page=2")
        #expect(String(decoding: request.body, as: UTF8.self) == #"{"user":{"password":"<redacted:password>","pin":"<redacted:pin>"},"text":"hello"}"#)
        let response = redactor.redact(HTTPResponse(status: 200, headers: ["Set-Cookie": "id=\(canary)"]))
        #expect(response.headers["set-cookie"] == "<redacted:set-cookie>")
    }

    @Test func bodiesWithoutSecretsKeepTheirBytes() {
        let body = Array("{ \"text\" : \"hi\" }".utf8)
        #expect(Redactor.default.redact(body: body) == body)
    }

    @Test("record mode from the environment", arguments: [
        ([:], "none"), (["CONFORMANCE_RECORD": "once"], "once"), (["CONFORMANCE_RECORD": "new_episodes"], "newEpisodes"),
        (["CONFORMANCE_RECORD": "newEpisodes"], "newEpisodes"), (["CONFORMANCE_RECORD": "all"], "all"), (["CONFORMANCE_RECORD": "none"], "none"),
    ])
    func recordMode(environment: [String: String], expected: String) throws {
        #expect(try RecordMode.from(environment: environment).description == expected)
    }

    @Test func badRecordModeIsAClearError() {
        let error = #expect(throws: RecordModeError.self) { try RecordMode.from(environment: ["CONFORMANCE_RECORD": "sometimes"]) }
        #expect(error?.description == "CONFORMANCE_RECORD=sometimes is not a record mode (expected none, once, new_episodes or all)")
        #expect(!RecordMode.none.mayRecord)
        #expect(RecordMode.once.mayRecord)
    }
}
