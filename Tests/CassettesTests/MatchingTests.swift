import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

@Suite struct NearestInteractionTests {
    func replay(_ urls: [String], requireAllUsed: Bool = false) -> ReplayTransport {
        ReplayTransport(
            cassette: Cassette(
                operationId: "x", provenance: .init(kind: .documented, source: "t"),
                interactions: urls.map { interaction($0, body: "{}") }),
            file: "recordings/openphone/getMessageById_v1/ok.json", requireAllUsed: requireAllUsed)
    }

    @Test func pathDifferenceIsNamed() {
        let error = #expect(throws: ReplayError.self) {
            try replay(["https://api.openphone.com/v1/messages/AC1"]).replay(
                HTTPRequest(url: URL(string: "https://api.openphone.com/v1/messages/AC2")!))
        }
        #expect(
            error?.description
                == "recordings/openphone/getMessageById_v1/ok.json: no recorded interaction matches GET https://api.openphone.com/v1/messages/AC2; nearest is interaction 0 (GET https://api.openphone.com/v1/messages/AC1): path: expected /v1/messages/AC1, got /v1/messages/AC2"
        )
    }

    @Test func samePathWithOtherQueryIsNearerThanOtherPath() {
        let transport = replay(["https://a.example/v1/messages/AC1", "https://a.example/v1/messages/AC2?a=1&b=2"])
        let error = #expect(throws: ReplayError.self) {
            try transport.replay(HTTPRequest(url: URL(string: "https://a.example/v1/messages/AC2")!))
        }
        #expect(
            error?.description.hasSuffix(
                #"nearest is interaction 1 (GET https://a.example/v1/messages/AC2?a=1&b=2): query parameter "a": expected [1], got absent; query parameter "b": expected [2], got absent"#
            ) == true)
        #expect(error?.request == "GET https://a.example/v1/messages/AC2")
        #expect(error?.nearestInteraction == 1)
        #expect(error?.differences.map(\.part) == [#"query parameter "a""#, #"query parameter "b""#])
    }

    @Test func repeatedParametersAreMultisets() {
        let transport = replay(["https://a.example/messages?status=delivered&status=sent"])
        let error = #expect(throws: ReplayError.self) {
            try transport.replay(HTTPRequest(url: URL(string: "https://a.example/messages?status=sent&status=sent")!))
        }
        #expect(
            error?.description.hasSuffix(#"query parameter "status": expected [delivered, sent], got [sent, sent]"#)
                == true)
    }

    @Test func ignoredQueryParametersDoNotMatter() throws {
        let cassette = Cassette(
            operationId: "x", provenance: .init(kind: .documented, source: "t"),
            interactions: [interaction("https://a.example/list?page=2&_ts=1700000000", body: "{}")])
        let matcher = Matcher(rules: [.method, .path, .query(ignoring: ["_ts"])])
        let transport = ReplayTransport(cassette: cassette, file: "q.json", matcher: matcher)
        #expect(
            try transport.replay(HTTPRequest(url: URL(string: "https://a.example/list?_ts=1800000000&page=2")!)).status
                == 200)
        let strict = ReplayTransport(cassette: cassette, file: "q.json")
        let error = #expect(throws: ReplayError.self) {
            try strict.replay(HTTPRequest(url: URL(string: "https://a.example/list?page=2")!))
        }
        #expect(error?.description.hasSuffix(#"query parameter "_ts": expected [1700000000], got absent"#) == true)
    }

    @Test func finishChecksUnusedOnlyWhenAsked() throws {
        let lenient = replay(["https://a.example/1", "https://a.example/2"])
        _ = try lenient.replay(HTTPRequest(url: URL(string: "https://a.example/1")!))
        try lenient.finish()
        let strict = replay(["https://a.example/1", "https://a.example/2"], requireAllUsed: true)
        _ = try strict.replay(HTTPRequest(url: URL(string: "https://a.example/2")!))
        let error = #expect(throws: ReplayError.self) { try strict.finish() }
        #expect(
            error?.description
                == "recordings/openphone/getMessageById_v1/ok.json: 1 recorded interaction was never replayed: 0 (GET https://a.example/1)"
        )
    }

    @Test func redactedRecordingsMatchRequestsCarryingRealCredentials() throws {
        let recorded = Redactor.default.redact(
            HTTPRequest(
                url: URL(string: "https://a.example/v1/x?token=real-1&page=2")!, headers: ["X-Api-Key": "real-1"]))
        let transport = ReplayTransport(
            cassette: Cassette(
                operationId: "x", provenance: .init(kind: .recorded, source: "t"),
                interactions: [.init(request: recorded, response: HTTPResponse(status: 204))]),
            file: "r.json", matcher: Matcher.default.adding(.headers(["X-Api-Key"])))
        let response = try transport.replay(
            HTTPRequest(
                url: URL(string: "https://a.example/v1/x?page=2&token=other-2")!, headers: ["x-api-key": "other-2"]))
        #expect(response.status == 204)
    }
}

@Suite struct SensitiveHeaderMatchTests {
    @Test func sensitiveHeadersMatchOnPresenceOnly() throws {
        let recorded = HTTPRequest(
            url: URL(string: "https://a.example/x")!, headers: ["Authorization": "Bearer recorded"])
        let transport = ReplayTransport(
            cassette: Cassette(
                operationId: "x", provenance: .init(kind: .recorded, source: "t"),
                interactions: [
                    .init(request: recorded, response: HTTPResponse(status: 200)),
                    .init(request: recorded, response: HTTPResponse(status: 201)),
                ]),
            file: "h.json", matcher: Matcher.default.adding(.headers(["Authorization"])))
        let other = HTTPRequest(url: recorded.url, headers: ["authorization": "Bearer live"])
        #expect(try transport.replay(other).status == 200)
        let error = #expect(throws: ReplayError.self) { try transport.replay(HTTPRequest(url: recorded.url)) }
        #expect(
            error?.description
                == #"h.json: no recorded interaction matches GET https://a.example/x; nearest is interaction 1 (GET https://a.example/x): header "Authorization": expected <redacted:authorization>, got absent"#
        )
    }
}

@Suite struct RedactorTests {
    @Test(
        "credential-looking header names are redacted",
        arguments: [
            ("X-Sendo-Api-Key", true), ("X-Webhook-Signature", true), ("X-Client-Secret", true), ("X-Auth-Token", true),
            ("Authorization", true), ("proxy-authorization", true), ("Accept", false), ("Idempotency-Key", false),
            ("X-Request-Id", false),
        ])
    func headerNames(name: String, sensitive: Bool) {
        #expect(Redactor.default.isSensitive(header: name) == sensitive)
        let redacted = Redactor.default.redact(HTTPFields([(name: name, value: "v")]))
        #expect(redacted[name] == (sensitive ? "<redacted:\(name.lowercased())>" : "v"))
    }

    @Test func otherQueryParametersKeepTheirEncoding() {
        let url = URL(string: "https://a.example/s?q=a%20b&Token=xyz&plus=1+2&sig=abc")!
        #expect(
            Redactor.default.redact(url).absoluteString
                == "https://a.example/s?q=a%20b&Token=%3Credacted:token%3E&plus=1+2&sig=%3Credacted:sig%3E")
    }

    @Test(
        "odd query strings are redacted without trapping",
        arguments: [
            "https://a.example/s?q=a|b&token=1", "https://a.example/s?q=[1]&token=1",
            "https://a.example/s?q={x}&token=1",
            "https://a.example/s?q=%ZZ&token=1", "https://a.example/s?q=a%22b&token=1", "https://a.example/s?token",
            "https://a.example/s?&&token=1&",
            "https://a.example/s?q=a^b&token=1", "https://a.example/s?q=%E2%82%AC&token=1",
        ])
    func oddQueries(text: String) throws {
        let url = try #require(URL(string: text))
        let redacted = Redactor.default.redact(url).absoluteString
        #expect(!redacted.contains("token=1"))
        #expect(Redactor.default.describe(HTTPRequest(url: url)).hasPrefix("GET https://a.example/s?"))
    }

    @Test func unusualParameterNamesNeverTrap() {
        var redactor = Redactor.default
        redactor.queryNames.insert("my key")
        let url = URL(string: "https://a.example/s?my%20key=v&b=1")!
        #expect(redactor.redact(url).absoluteString == "https://a.example/s?my%20key=%3Credacted:my%20key%3E&b=1")
    }

    @Test func redactionIsIdempotent() {
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://u:p@a.example/x?api_key=k")!, headers: ["Cookie": "c"],
            body: Array(#"{"a":{"password":"p"},"list":[{"token":"t"}]}"#.utf8))
        let once = Redactor.default.redact(request)
        #expect(Redactor.default.redact(once) == once)
        #expect(
            String(decoding: once.body, as: UTF8.self)
                == #"{"a":{"password":"<redacted:password>"},"list":[{"token":"<redacted:token>"}]}"#)
    }

    @Test func additionsExtendTheDefaults() {
        var redactor = Redactor.default.redacting(bodyFields: ["phoneNumber"])
        redactor.headerNames.insert("x-tenant")
        let body = redactor.redact(body: Array(#"{"phoneNumber":"+15550100","deep":[{"PHONENUMBER":"+1"}]}"#.utf8))
        #expect(
            String(decoding: body, as: UTF8.self)
                == #"{"phoneNumber":"<redacted:phonenumber>","deep":[{"PHONENUMBER":"<redacted:phonenumber>"}]}"#)
        #expect(redactor.redact(HTTPFields([(name: "X-Tenant", value: "t1")]))["x-tenant"] == "<redacted:x-tenant>")
    }

    @Test func formBodiesAreRedactedByContentType() {
        let request = HTTPRequest(
            method: .post, url: URL(string: "https://auth.example/oauth/token")!,
            headers: ["Content-Type": "application/x-www-form-urlencoded; charset=utf-8"],
            body: Array("grant_type=client_credentials&client_id=app&client_secret=s3cr3t&Password=p%26w".utf8))
        let redacted = Redactor.default.redact(request)
        #expect(
            String(decoding: redacted.body, as: UTF8.self)
                == "grant_type=client_credentials&client_id=app&client_secret=%3Credacted:client_secret%3E&Password=%3Credacted:password%3E"
        )
        #expect(Redactor.default.redact(redacted) == redacted)
        let plain = Array("grant_type=client_credentials&client_id=app".utf8)
        #expect(Redactor.default.redact(formBody: plain) == plain)
        // Without the form content type the bytes still read as a form, and are redacted the same way.
        let untyped = HTTPRequest(method: .post, url: request.url, body: request.body)
        #expect(Redactor.default.redact(untyped).body == redacted.body)
    }
}
