import Foundation
import Testing

@testable import Cassettes

/// A fixed corpus of credential shapes, each in the place and encoding it is found in cassettes,
/// HAR files and configuration: the scanner must catch at least 95% of them and flag none of the
/// look-alikes. Values are generated at run time (a fixed pseudo-random sequence, prefixes joined
/// by concatenation) so that this file itself trips no secret scanner.
@Suite struct SecretCorpusTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var testDescription: String { name }
    }

    static let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    static let hex = "0123456789abcdef"

    /// `length` characters of `alphabet`, the same on every run for the same `seed`.
    static func fake(_ length: Int, _ alphabet: String = letters, seed: UInt64) -> String {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let characters = Array(alphabet)
        return String(
            (0..<length).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return characters[Int((state >> 33) % UInt64(characters.count))]
            })
    }

    static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    static func unicodeEscaped(_ text: String) -> String { text.utf8.map { String(format: "\\u%04x", $0) }.joined() }
    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static func header(_ name: String, _ value: String) -> String {
        #"          ["\#(name)", "\#(jsonEscaped(value))"],"#
    }
    static func textBody(_ body: String) -> String { #"        "body": {"text": "\#(jsonEscaped(body))"}"# }
    static func base64Body(_ body: String) -> String { #"        "body": {"base64": "\#(base64(body))"}"# }
    static func member(_ name: String, _ value: String) -> String { #"{"\#(name)": "\#(jsonEscaped(value))"}"# }
    static func harHeader(_ name: String, _ value: String) -> String { #"{"name": "\#(name)", "value": "\#(value)"}"# }

    static let positives: [Sample] = {
        var seed: UInt64 = 0
        func f(_ length: Int, _ alphabet: String = letters) -> String {
            seed += 1
            return fake(length, alphabet, seed: seed)
        }
        let awsKey = "AKIA" + f(16, upper)
        let awsSecret = f(40, letters + "/+")
        let jwt = "eyJ" + f(20) + ".eyJ" + f(30) + "." + f(43)
        let stripe = "sk_" + "live_" + f(24)
        let github = "gh" + "p_" + f(36)
        let slack = "xox" + "b-" + f(12, "0123456789") + "-" + f(24)
        let pemBody = "MIIEow" + "IBAAKCAQEA" + f(54, letters + "+/")
        let bearer = f(32)
        let password = f(14)
        return [
            Sample(name: "AWS access key in a header", text: header("X-Amz-Key-Id", awsKey)),
            Sample(
                name: "AWS access key split in a text body",
                text: textBody("id: " + awsKey.prefix(9) + "\n" + awsKey.dropFirst(9))),
            Sample(
                name: "AWS access key split across file lines",
                text: "key = " + awsKey.prefix(10) + "\n" + awsKey.dropFirst(10) + "\n"),
            Sample(name: "aws_secret_access_key in .env", text: "aws_secret_access_key = " + awsSecret),
            Sample(name: "aws_secret_access_key in JSON", text: member("aws_secret_access_key", awsSecret)),
            Sample(name: "AWS secret in credentials JSON", text: member("SecretAccessKey", awsSecret)),
            Sample(name: "Stripe live key", text: member("key", stripe)),
            Sample(name: "Stripe restricted test key", text: "STRIPE=" + "rk_" + "test_" + f(24)),
            Sample(name: "Stripe webhook secret", text: member("endpoint", "wh" + "sec_" + f(32))),
            Sample(name: "GitHub token", text: header("Authorization", "token " + github)),
            Sample(name: "GitHub fine-grained token", text: "github" + "_pat_" + f(22) + "_" + f(59)),
            Sample(name: "GitHub OAuth token", text: member("oauth", "gh" + "o_" + f(36))),
            Sample(name: "Slack bot token", text: member("bot", slack)),
            Sample(
                name: "Slack app token",
                text: member("app", "xa" + "pp-1-" + f(11, upper) + "-" + f(13, "0123456789") + "-" + f(64, hex))),
            Sample(
                name: "Slack webhook URL",
                text: member(
                    "hook", "https://hooks.slack.com/services/T" + f(8, upper) + "/B" + f(8, upper) + "/" + f(24))),
            Sample(name: "Google API key", text: member("maps", "AI" + "za" + f(35, letters + "_-"))),
            Sample(name: "GitLab token", text: header("X-Token-Echo", "gl" + "pat-" + f(20))),
            Sample(name: "npm token", text: "//registry.npmjs.org/:_authToken=" + "npm" + "_" + f(36)),
            Sample(name: "SendGrid key", text: member("sg", "SG" + "." + f(22) + "." + f(43))),
            Sample(name: "Anthropic key", text: member("llm", "sk-" + "ant-api03-" + f(80))),
            Sample(name: "OpenAI project key", text: member("llm", "sk-" + "proj-" + f(48))),
            Sample(name: "JWT in a member", text: member("session", jwt)),
            Sample(name: "JWT in a Location", text: header("Location", "https://app.example.com/cb?state=1#id=" + jwt)),
            Sample(
                name: "RSA private key header",
                text: textBody("-----BEGIN RSA " + "PRIVATE KEY-----\n" + pemBody + "\n")),
            Sample(name: "OpenSSH private key header", text: "-----BEGIN OPENSSH " + "PRIVATE KEY-----"),
            Sample(name: "PGP private key block", text: "-----BEGIN PGP " + "PRIVATE KEY BLOCK-----"),
            Sample(name: "PEM body without its header", text: textBody(pemBody + "\n" + f(64, letters + "+/"))),
            Sample(
                name: "PKCS#8 body without its header",
                text: member("k", "MIIEvQ" + "IBADANBgkqhkiG9w0BAQEFAASC" + f(40, letters + "+/"))),
            Sample(name: "URL password", text: member("url", "https://admin:" + password + "@db.example.com/x")),
            Sample(
                name: "JSON-escaped URL password",
                text: #"{"url": "https:\/\/admin:"# + password + #"@db.example.com\/x"}"#),
            Sample(
                name: "redis URL with an empty user",
                text: "REDIS_URL=redis://:" + password + "@cache.example.com:6379/0"),
            Sample(name: "postgres URL", text: member("dsn", "postgres://app:" + password + "@db.internal:5432/app")),
            Sample(name: "query api_key", text: header("Location", "https://api.example.com/v1?api_key=" + f(24))),
            Sample(
                name: "query api%5Fkey",
                text: #"        "url": "https://api.example.com/v1/m?api%5Fkey="# + f(24) + #"","#),
            Sample(
                name: "query access_token in Link",
                text: header("Link", "<https://api.example.com/v1/m?page=2&access_token=" + f(24) + ">; rel=\"next\"")),
            Sample(
                name: "fragment access_token",
                text: header("Location", "https://app.example.com/cb#access_token=" + f(32) + "&token_type=bearer")),
            Sample(
                name: "X-Amz-Signature",
                text: #"        "url": "https://b.s3.amazonaws.com/k?X-Amz-Signature="# + f(64, hex) + #"","#),
            Sample(name: "form client_secret", text: textBody("grant_type=client_credentials&client_secret=" + f(32))),
            Sample(name: "form pwd", text: textBody("user=ann&pwd=" + password)),
            Sample(name: "form pass", text: "user=ann&pass=" + password),
            Sample(name: "passphrase member", text: member("passphrase", f(20))),
            Sample(name: "secretKey member", text: member("secretKey", f(32))),
            Sample(name: "privateKey member", text: member("privateKey", f(44))),
            Sample(name: "clientSecret member", text: member("clientSecret", f(32))),
            Sample(name: "password member", text: member("password", password)),
            Sample(name: "pwd member", text: member("pwd", password)),
            Sample(name: "apiKey member", text: member("apiKey", f(32))),
            Sample(name: "api-key member", text: member("api-key", f(32))),
            Sample(name: "refresh_token member", text: member("refresh_token", f(40))),
            Sample(name: "opaque id_token member", text: member("id_token", f(40))),
            Sample(name: "sessionToken member", text: member("sessionToken", f(40))),
            Sample(name: "accessToken member", text: member("accessToken", f(40))),
            Sample(name: "authorization member", text: member("authorization", f(40))),
            Sample(name: "Private-Token header", text: header("Private-Token", f(20))),
            Sample(name: "X-Goog-Api-Key header", text: header("X-Goog-Api-Key", f(39))),
            Sample(name: "Ocp-Apim-Subscription-Key header", text: header("Ocp-Apim-Subscription-Key", f(32, hex))),
            Sample(name: "X-Auth header", text: header("X-Auth", f(24))),
            Sample(name: "Cookie header", text: header("Cookie", "sid=" + f(32))),
            Sample(name: "Set-Cookie header", text: header("Set-Cookie", "session=" + f(32) + "; HttpOnly")),
            Sample(name: "opaque Bearer header", text: header("Authorization", "Bearer " + bearer)),
            Sample(name: "Basic header", text: header("Authorization", "Basic " + base64("ann:" + password))),
            Sample(name: "Token header in HAR", text: harHeader("Token", f(32))),
            Sample(name: "Private-Token in HAR", text: harHeader("Private-Token", f(20))),
            Sample(name: "x-api-key in HAR", text: harHeader("x-api-key", f(32))),
            Sample(
                name: "unicode-escaped Bearer",
                text: #"{"text": ""# + unicodeEscaped("Authorization: Bearer " + bearer) + #""}"#),
            Sample(name: "unicode-escaped Stripe key", text: #"{"echo": ""# + unicodeEscaped(stripe) + #""}"#),
            Sample(name: "unicode-escaped password member", text: #"{"\u0070assword": ""# + password + #""}"#),
            Sample(name: "base64 body with a form password", text: base64Body("user=ann&password=" + password)),
            Sample(name: "base64 body with a token member", text: base64Body(#"{"access_token":""# + f(40) + #""}"#)),
            Sample(name: "base64 of a GitHub token", text: member("blob", base64(github))),
            Sample(name: "base64 of user:password", text: member("credentials64", base64("admin:" + password))),
            Sample(
                name: "base64url of a client secret",
                text: member(
                    "state",
                    base64(#"{"client_secret":""# + f(30) + #""}"#).replacingOccurrences(of: "+", with: "-")
                        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))),
            Sample(name: "stringified JSON token in a text body", text: textBody(#"{"token": ""# + f(40) + #""}"#)),
            Sample(name: "malformed JSON with a password", text: textBody(#"{"password": ""# + password + #"",}"#)),
            Sample(name: "plain text token line", text: textBody("token: " + f(32) + "\nok")),
            Sample(
                name: "HAR postData form password",
                text: #"{"postData": {"mimeType": "application/x-www-form-urlencoded", "text": "user=ann&password="#
                    + password + #""}}"#),
            Sample(
                name: "double-encoded access_token",
                text: header("Location", "https://app.example.com/login?next=%2Fcb%3Faccess_token%3D" + f(32))),
            Sample(
                name: "multipart password",
                text: textBody(
                    "--B\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n" + password + "\r\n--B--")),
            Sample(name: "YAML password", text: "database:\n  password: " + password + "\n"),
            Sample(name: ".env API key", text: "OPENPHONE_API_KEY=" + f(32)),
            Sample(name: ".env DB password", text: "DB_PASSWORD=" + password),
            Sample(
                name: "Bearer in free text",
                text: textBody("curl -H 'Authorization: Bearer " + bearer + "' https://api.example.com")),
            Sample(name: "Token scheme with hex", text: header("Authorization", "Token " + f(40, hex))),
            Sample(
                name: "Azure storage connection string",
                text: "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + f(86, letters + "+/") + "==;"),
            Sample(name: "Mailgun key", text: member("mg", "key" + "-" + f(32, hex))),
            Sample(
                name: "Telegram bot token", text: member("bot", f(9, "123456789") + ":" + "AA" + f(33, letters + "_-"))),
            Sample(name: "Square access token", text: member("square", "sq0" + "atp-" + f(22, letters + "_-"))),
            Sample(
                name: "JSON in a string in a string",
                text: textBody(#"{"inner": "{"token": ""# + f(32) + #""}"}"#)),
            Sample(
                name: "URL-encoded JSON in a query",
                text: header("Location", "https://a.example/cb?data=%7B%22token%22%3A%22" + f(32) + "%22%7D")),
            Sample(name: ".netrc", text: "machine api.example.com login ann password " + password),
            Sample(name: "Postman variable", text: #"{"key": "apiKey", "value": ""# + f(32) + #"", "enabled": true}"#),
            Sample(name: "HAR queryString code", text: #"{"name": "code", "value": ""# + f(30) + #""}"#),
            Sample(name: "HAR cookie", text: #""cookies": [{"name": "session", "value": ""# + f(32) + #""}]"#),
        ]
    }()

    static let negatives: [Sample] = {
        [
            Sample(name: "redacted header", text: header("Authorization", "<redacted:authorization>")),
            Sample(
                name: "redacted query",
                text: header("Location", "https://a.example/v1?api_key=%3Credacted:api_key%3E&page=2")),
            Sample(
                name: "redacted user info",
                text: #""url": "https://%3Credacted:user%3E:%3Credacted:password%3E@a.example/v1""#),
            Sample(
                name: "redacted members",
                text: #"{"password": "<redacted:password>", "token": "<redacted:token>", "secret": ""}"#),
            Sample(
                name: "pagination cursors",
                text: #"{"nextPageToken": "eyJwYWdlIjoyfQ", "token_type": "bearer", "tokens": 12}"#),
            Sample(
                name: "cursor query",
                text: header("Link", "<https://a.example/v1/m?cursor=MTIzNDU2Nzg5MA&limit=50>; rel=\"next\"")),
            Sample(name: "error code", text: #"{"category":"not-found","code":"message-not-found","message":"gone"}"#),
            Sample(
                name: "documentation",
                text: "Send Authorization: Bearer <token>, or api_key=YOUR_API_KEY, or token=${TOKEN}."),
            Sample(name: "Basic challenge", text: header("WWW-Authenticate", "Basic realm=\"api\", charset=\"UTF-8\"")),
            Sample(
                name: "Bearer challenge",
                text: header(
                    "WWW-Authenticate",
                    "Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"")),
            Sample(
                name: "identifiers",
                text:
                    #"{"id": "AC123abc", "phoneNumberId": "PN9f8e7d6c", "userId": "US1a2b3c4d", "messageId": "m-n5fz2yq8kd4wb7tx3hc6vj9ls"}"#
            ),
            Sample(name: "UUID", text: #"{"id": "f7d258bd-f697-4840-b8a6-165707e12345"}"#),
            Sample(
                name: "timestamps and numbers",
                text: #"{"createdAt": "2026-03-04T15:22:11.918Z", "expires_in": 3600, "to": ["+15555550123"]}"#),
            Sample(
                name: "plain URL with a port",
                text: header("Location", "https://api.example.com:443/v1/messages?status=delivered&page=2")),
            Sample(name: "URL with a user only", text: #"{"repo": "ssh://git@github.com/apple/swift.git"}"#),
            Sample(name: "email address", text: #"{"contact": "mailto:ann@example.com"}"#),
            Sample(name: "benign base64", text: base64Body("hello world, this is just a friendly message body")),
            Sample(
                name: "binary base64",
                text:
                    #""body": {"base64": "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwg"}"#
            ),
            Sample(name: "commit hash", text: #"{"commit": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b"}"#),
            Sample(
                name: "content headers",
                text: header("Content-Type", "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW")),
            Sample(name: "idempotency key", text: header("Idempotency-Key", "f7d258bd-f697-4840-b8a6-165707e12345")),
            Sample(
                name: "public key",
                text:
                    #"{"publicKey": "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U"}"#
            ),
            Sample(name: "key member with a word", text: #"{"key": "color", "value": "blue"}"#),
            Sample(
                name: "token type and scope",
                text: #"{"token_type": "Bearer", "scope": "messages:read", "expires_in": 3600}"#),
            Sample(name: "template variables", text: "password: ${DB_PASSWORD}\napi_key: {{ api_key }}\n"),
            Sample(
                name: "placeholder words",
                text: #"{"password": "changeme", "apiKey": "YOUR_API_KEY", "secret": "xxxxxxxx"}"#),
            Sample(name: "author", text: "author: Jane Doe\nAuthorization is described below.\n"),
            Sample(
                name: "message text",
                text: #"{"text": "Your appointment is confirmed for Tuesday at 10am. Reply STOP to opt out."}"#),
            Sample(name: "AKIA too short", text: "sk_live_ alone, and AKIA too short"),
            Sample(
                name: "page token query",
                text: header("Location", "https://a.example/v1?pageToken=abcdef123456&status=sent")),
        ]
    }()

    @Test func theCorpusCatchRateIsAtLeast95Percent() {
        var missed: [String] = []
        for sample in Self.positives where SecretScanner.scan(text: sample.text, file: "corpus").isEmpty {
            missed.append(sample.name)
        }
        let caught = Self.positives.count - missed.count
        let rate = Double(caught) / Double(Self.positives.count)
        print(
            "secret corpus: caught \(caught) of \(Self.positives.count) (\(String(format: "%.1f", rate * 100))%)"
                + (missed.isEmpty ? "" : "; missed: \(missed.joined(separator: ", "))"))
        #expect(Self.positives.count >= 61)
        #expect(rate >= 0.95, "missed: \(missed.joined(separator: ", "))")
    }

    @Test("look-alikes are not findings", arguments: negatives)
    func noFalsePositive(_ sample: Sample) {
        #expect(SecretScanner.scan(text: sample.text, file: "corpus").map(\.description) == [])
    }

    @Test("no finding shows a long secret whole", arguments: positives)
    func findingsAreMasked(_ sample: Sample) {
        for finding in SecretScanner.scan(text: sample.text, file: "corpus")
        where !finding.rule.hasPrefix("private-key") {
            let visible = finding.excerpt.split(separator: "*").first.map(String.init) ?? ""
            #expect(finding.excerpt.contains("********"), "\(finding)")
            #expect(visible.count < 60, "\(finding)")
        }
    }

    @Test func hiddenFoldersAreScannedButGitIsNot() throws {
        let root = temporaryPath("hidden")
        try FileManager.default.createDirectory(atPath: root + "/.fixtures", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        let secret = "gh" + "p_" + Self.fake(36, seed: 99)
        try Data(Self.member("token", secret).utf8).write(to: URL(fileURLWithPath: root + "/.fixtures/leak.json"))
        try Data(Self.member("token", secret).utf8).write(to: URL(fileURLWithPath: root + "/.git/config"))
        let findings = try SecretScanner.scan(root)
        #expect(findings.map(\.file) == [root + "/.fixtures/leak.json"])
    }
}
