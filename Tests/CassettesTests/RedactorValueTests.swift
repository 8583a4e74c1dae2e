import Foundation
import HTTPTransport
import JSON
import Testing

@testable import Cassettes

/// Redaction by value (every encoding of a known secret), the documented name rule, bodies in
/// every form, and echoes of the request's own credentials.
@Suite struct RedactorValueTests {
    static let secret = "sk_" + "canaryValue/+42"
    static let redactor = Redactor.default.scrubbing(values: ["API_KEY": secret])

    static func percentEncoded(_ text: String) -> String { text.utf8.map { String(format: "%%%02X", $0) }.joined() }

    static let spellings: [(String, String)] = {
        let base64 = Data(secret.utf8).base64EncodedString()
        let base64URL = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return [
            ("raw", secret),
            ("percent-encoded", percentEncoded(secret)),
            ("lowercase percent", percentEncoded(secret).lowercased()),
            ("form-encoded", secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            ("JSON-escaped slash", secret.replacingOccurrences(of: "/", with: "\\/")),
            ("unicode-escaped", secret.utf8.map { String(format: "\\u%04X", $0) }.joined()),
            ("base64", base64),
            ("base64url unpadded", base64URL.replacingOccurrences(of: "=", with: "")),
            ("base64 of user:secret", Data("someone:\(secret)".utf8).base64EncodedString()),
            ("base64 at offset 1", Data("a:\(secret)".utf8).base64EncodedString()),
        ]
    }()

    @Test("every encoding of a known secret is scrubbed from a text body", arguments: spellings)
    func encodings(name: String, form: String) {
        let body = Array("before \(form) after".utf8)
        let redacted = String(decoding: Self.redactor.redact(body: body, contentType: "text/plain"), as: UTF8.self)
        #expect(!redacted.contains(form), "\(name) survived: \(redacted)")
        #expect(redacted.contains("<redacted:api_key>"))
        #expect(redacted.hasPrefix("before "))
    }

    @Test func aBinaryBodyLosesTheSecretBytes() {
        let body: [UInt8] = [0xFF, 0x00, 0x81] + Array(Self.secret.utf8) + [0xFE]
        let redacted = Self.redactor.redact(HTTPResponse(status: 200, body: body)).body
        #expect(redacted == [0xFF, 0x00, 0x81] + Array("<redacted:api_key>".utf8) + [0xFE])
    }

    @Test func aBinaryBodyLosesSecretPairs() {
        let body: [UInt8] =
            [0xFF, 0xFE] + Array(#"{"token":"abc12345"}"#.utf8) + [0x80, 0x0A] + Array("password=hunter22".utf8) + [
                0x00, 0x81,
            ]
        let redacted = Redactor.default.redact(HTTPResponse(status: 200, body: body)).body
        #expect(
            redacted
                == [0xFF, 0xFE] + Array(#"{"token":"<redacted:token>"}"#.utf8) + [0x80, 0x0A]
                + Array("password=%3Credacted:password%3E".utf8) + [0x00, 0x81])
    }

    @Test func aRecordedContentLengthFollowsTheRedactedBody() {
        let body = Array("key \(Self.secret)".utf8)
        let response = Self.redactor.redact(
            HTTPResponse(status: 200, headers: ["Content-Length": String(body.count)], body: body))
        #expect(response.headers["Content-Length"] == String(response.body.count))
        #expect(response.body == Array("key <redacted:api_key>".utf8))
    }

    @Test func aJSONBodyKeepsItsLayoutWhenOnlyAValueChanges() {
        let body = Array("{\n  \"echo\": \"\(Self.secret.replacingOccurrences(of: "/", with: "\\/"))\"\n}".utf8)
        let redacted = String(decoding: Self.redactor.redact(body: body, contentType: nil), as: UTF8.self)
        #expect(redacted == "{\n  \"echo\": \"<redacted:api_key>\"\n}")
    }

    @Test func urlsLoseTheSecretInEveryPart() throws {
        let encoded = Self.percentEncoded(Self.secret)
        let url = try #require(
            URL(string: "https://me:\(encoded)@a.example/keys/\(encoded)/x?q=\(encoded)#frag=\(encoded)"))
        let redacted = Self.redactor.redact(url).absoluteString
        #expect(!redacted.contains(encoded))
        #expect(
            redacted
                == "https://%3Credacted:user%3E:%3Credacted:api_key%3E@a.example/keys/%3Credacted:api_key%3E/x?q=%3Credacted:api_key%3E#frag=%3Credacted:api_key%3E"
        )
        #expect(Self.redactor.redact(URL(string: redacted)!).absoluteString == redacted, "idempotent")
    }

    @Test func shortSecretsAreReplacedOnlyAsWholeComponents() throws {
        let redactor = Redactor.default.scrubbing(values: ["BANDWIDTH_USER_ID": "u-42"])
        let url = try #require(URL(string: "https://a.example/v1/users/u-42/messages/u-420?user=u-42&x=u-421"))
        #expect(
            redactor.redact(url).absoluteString
                == "https://a.example/v1/users/%3Credacted:bandwidth_user_id%3E/messages/u-420?user=%3Credacted:bandwidth_user_id%3E&x=u-421"
        )
        #expect(
            redactor.redact(HTTPFields([(name: "X-User", value: "u-42")]))["X-User"] == "<redacted:bandwidth_user_id>")
        #expect(redactor.redact(body: Array(#"{"id":"u-42"}"#.utf8), contentType: nil) == Array(#"{"id":"u-42"}"#.utf8))
        #expect(
            redactor.scrub("GET /v1/users/u-42/m (u-420)") == "GET /v1/users/<redacted:bandwidth_user_id>/m (u-420)")
    }

    @Test func environmentVariablesNamedLikeCredentialsAreScrubbed() {
        let redactor = Redactor.default.scrubbing(environment: [
            "GITHUB_TOKEN": "gh-env-value-1234", "DB_PASSWORD": "db-env-value-5678", "HOME": "/home/runner-12345",
            "PAGE_TOKEN": "x", "AWS_SECRET_ACCESS_KEY": "aws-env-value-9012", "SHORT_API_KEY": "1",
        ])
        #expect(redactor.knownSecrets.map(\.name).sorted() == ["AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "GITHUB_TOKEN"])
        let text = redactor.scrub("gh-env-value-1234 /home/runner-12345 page=1")
        #expect(text == "<redacted:github_token> /home/runner-12345 page=1")
    }

    @Test func aPlaceholderPathSegmentMatchesAnySegmentOnReplay() throws {
        let recorded = Redactor.default.scrubbing(values: ["BANDWIDTH_USER_ID": "u-42"]).redact(
            HTTPRequest(url: URL(string: "https://a.example/v1/users/u-42/messages/m-1")!))
        let replay = ReplayTransport(
            cassette: Cassette(
                operationId: "getMessage", provenance: .init(kind: .recorded, source: "t"),
                interactions: [.init(request: recorded, response: HTTPResponse(status: 200))]),
            file: "m.json")
        #expect(
            try replay.replay(HTTPRequest(url: URL(string: "https://a.example/v1/users/u-7/messages/m-1")!)).status
                == 200)
        let error = #expect(throws: ReplayError.self) {
            try replay.replay(HTTPRequest(url: URL(string: "https://a.example/v1/users/u-7/messages/m-2")!))
        }
        #expect(
            error?.description.contains("path: expected /v1/users/<redacted:bandwidth_user_id>/messages/m-1") == true)
    }

    @Test(
        "the documented name rule",
        arguments: [
            ("header", "Private-Token", true), ("header", "X-Auth", true), ("header", "Token", true),
            ("header", "Ocp-Apim-Subscription-Key", true), ("header", "X-Goog-Api-Key", true),
            ("header", "X-Amz-Security-Token", true), ("header", "X-Csrf-Token", true),
            ("header", "X-Echo-Authorization", true), ("header", "X-Session-Id", true),
            ("header", "WWW-Authenticate", false), ("header", "Content-Type", false), ("header", "Location", false),
            ("header", "Idempotency-Key", false), ("header", "Link", false),
            ("query", "refresh_token", true), ("query", "id_token", true), ("query", "access-token", true),
            ("query", "X-Amz-Signature", true), ("query", "code", true), ("query", "key", true),
            ("query", "cursor", false), ("query", "pageToken", false), ("query", "page", false),
            ("body", "sessionToken", true), ("body", "accessToken", true), ("body", "clientSecret", true),
            ("body", "privateKey", true), ("body", "private_key", true), ("body", "secretKey", true),
            ("body", "pwd", true), ("body", "pass", true), ("body", "passphrase", true), ("body", "api-key", true),
            ("body", "aws_secret_access_key", true), ("body", "authorization", true), ("query", "AccountKey", true),
            ("body", "code", false), ("body", "nextPageToken", false), ("body", "token_type", false),
            ("body", "key", false), ("body", "status", false),
        ])
    func names(kind: String, name: String, sensitive: Bool) {
        let redactor = Redactor.default
        switch kind {
        case "header": #expect(redactor.isSensitive(header: name) == sensitive)
        case "query": #expect(redactor.isSensitive(query: name) == sensitive)
        default: #expect(redactor.isSensitive(bodyField: name) == sensitive)
        }
    }

    @Test(
        "text bodies lose secret pairs whatever their shape",
        arguments: [
            (#"{"token":"abc12345","token":"dup"}"#, #"{"token":"<redacted:token>","token":"<redacted:token>"}"#),
            (#"{"password":"abc12345",}"#, #"{"password":"<redacted:password>",}"#),
            ("password: abc12345\nname: ann", "password: <redacted:password>\nname: ann"),
            ("id_token=abc&x=1", "id_token=%3Credacted:id_token%3E&x=1"),
            (
                "--B\r\nContent-Disposition: form-data; name=\"pwd\"\r\n\r\nabc12345\r\n--B--",
                "--B\r\nContent-Disposition: form-data; name=\"pwd\"\r\n\r\n<redacted:pwd>\r\n--B--"
            ),
            ("see https://u:abc12345@h.example/x", "see https://u:%3Credacted:password%3E@h.example/x"),
            ("Authorization: Bearer abc12345xyz", "Authorization: <redacted:authorization>"),
            ("sent Bearer abc12345xyz ok", "sent Bearer <redacted:authorization> ok"),
            (
                "k=-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- done",
                "k=<redacted:private-key> done"
            ),
            ("hello world", "hello world"),
        ])
    func textBodies(body: String, expected: String) {
        let redacted = Redactor.default.redact(body: Array(body.utf8), contentType: "text/plain")
        #expect(String(decoding: redacted, as: UTF8.self) == expected)
        #expect(Redactor.default.redact(body: redacted, contentType: "text/plain") == redacted, "idempotent")
    }

    @Test func headersLoseSecretQueryParametersAndChallengeParameters() {
        let headers = Redactor.default.redact(
            HTTPFields([
                (name: "Location", value: "https://a.example/cb?state=1&refresh_token=r1#id_token=i1"),
                (name: "WWW-Authenticate", value: #"Bearer realm="api", error="invalid_token", token="t1""#),
            ]))
        #expect(
            headers["Location"]
                == "https://a.example/cb?state=1&refresh_token=%3Credacted:refresh_token%3E#id_token=%3Credacted:id_token%3E"
        )
        #expect(headers["WWW-Authenticate"] == #"Bearer realm="api", error="invalid_token", token="<redacted:token>""#)
    }

    @Test func theRequestsOwnCredentialsAreScrubbedFromItsResponse() {
        let key = "live-" + "echoKey123"
        let pair = Data("ann:\(key)".utf8).base64EncodedString()
        let interaction = Cassette.Interaction(
            request: HTTPRequest(
                url: URL(string: "https://a.example/x?access_token=\(key)")!,
                headers: ["Authorization": "Basic \(pair)"]),
            response: HTTPResponse(
                status: 200, headers: ["X-Echo": key, "Location": "/y?k=\(key)"],
                body: Array(#"{"echo":"\#(key)","basic":"\#(pair)"}"#.utf8)))
        let redacted = Redactor.default.redact(interaction)
        let text =
            redacted.response.headers.map(\.value).joined() + String(decoding: redacted.response.body, as: UTF8.self)
            + redacted.request.url.absoluteString
        #expect(!text.contains(key) && !text.contains(pair))
        #expect(redacted.response.headers["X-Echo"]?.hasPrefix("<redacted:") == true)
    }
}
