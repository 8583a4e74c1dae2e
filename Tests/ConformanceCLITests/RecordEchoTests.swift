import Cassettes
import Foundation
import TestSupport
import Testing

@testable import ConformanceCLI

/// A stand-in provider that echoes the credential back in every place a real one has been seen to:
/// `record` must put it nowhere on disk and print it nowhere, in any encoding.
@Suite struct RecordEchoTests {
    /// Built by concatenation so that no scanner mistakes this file for a leak.
    static let key = "op_live_" + "ECHO7c4d1e9b2a6f"
    static let planted = ["planted-token-1234", "planted-pass-5678", "planted-id-99aa", "planted-session-88bb"]

    struct Echo: Sendable, CustomTestStringConvertible {
        var name: String
        var headers: [(String, String)]
        var body: String
        var testDescription: String { name }
    }

    static func percentEncodedEverywhere(_ text: String) -> String {
        text.utf8.map { String(format: "%%%02X", $0) }.joined()
    }

    static func unicodeEscaped(_ text: String) -> String {
        text.utf8.map { String(format: "\\u%04x", $0) }.joined()
    }

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static let json = ("Content-Type", "application/json")

    static let echoes: [Echo] = {
        let k = key
        return [
            Echo(name: "Location query", headers: [("Location", "/v1/messages/AC1?key=\(k)")], body: "{}"),
            Echo(name: "Location unnamed query", headers: [("Location", "/v1/messages/AC1?x=\(k)")], body: "{}"),
            Echo(name: "Content-Location", headers: [("Content-Location", "/v1/m?q=\(k)")], body: "{}"),
            Echo(
                name: "Link", headers: [("Link", "<https://api.example.com/v1/m?access_token=\(k)>; rel=\"next\"")],
                body: "{}"),
            Echo(name: "Refresh", headers: [("Refresh", "0; url=https://api.example.com/?t=\(k)")], body: "{}"),
            Echo(
                name: "WWW-Authenticate",
                headers: [("WWW-Authenticate", "Bearer realm=\"api\", error=\"invalid_token\", key=\"\(k)\"")],
                body: "{}"),
            Echo(name: "X-Echo-Authorization", headers: [("X-Echo-Authorization", k)], body: "{}"),
            Echo(name: "X-Amz-Security-Token", headers: [("X-Amz-Security-Token", k)], body: "{}"),
            Echo(name: "X-Csrf-Token", headers: [("X-Csrf-Token", k)], body: "{}"),
            Echo(name: "unlisted header", headers: [("X-Echo", "you sent \(k)")], body: "{}"),
            Echo(name: "Set-Cookie", headers: [("Set-Cookie", "sid=\(k); HttpOnly")], body: "{}"),
            Echo(name: "accessToken", headers: [json], body: #"{"accessToken":"\#(k)"}"#),
            Echo(name: "clientSecret", headers: [json], body: #"{"data":{"clientSecret":"\#(k)"}}"#),
            Echo(name: "api-key", headers: [json], body: #"{"api-key":"\#(k)"}"#),
            Echo(name: "authorization member", headers: [json], body: #"{"authorization":"\#(k)"}"#),
            Echo(name: "privateKey", headers: [json], body: #"{"privateKey":"\#(k)"}"#),
            Echo(name: "unlisted member", headers: [json], body: #"{"echo":"\#(k)"}"#),
            Echo(name: "free text in JSON", headers: [json], body: #"{"message":"key \#(k) is not valid"}"#),
            Echo(name: "plain text", headers: [("Content-Type", "text/plain")], body: "your key \(k) expired"),
            Echo(
                name: "URL userinfo in a body", headers: [json], body: #"{"cb":"https://me:\#(k)@hooks.example.com/x"}"#
            ),
            Echo(name: "URL userinfo in Location", headers: [("Location", "https://me:\(k)@x.example/")], body: "{}"),
            Echo(name: "base64", headers: [json], body: #"{"blob":"\#(base64(k))"}"#),
            Echo(name: "base64 of user:key", headers: [json], body: #"{"basic":"\#(base64("me:" + k))"}"#),
            Echo(
                name: "percent-encoded", headers: [("Location", "/v1/m?q=\(percentEncodedEverywhere(k))")], body: "{}"),
            Echo(name: "unicode-escaped JSON", headers: [json], body: #"{"echo":"\#(unicodeEscaped(k))"}"#),
            Echo(name: "escaped URL in JSON", headers: [json], body: #"{"u":"https:\/\/x.example\/?k=\#(k)"}"#),
            Echo(name: "key in the path", headers: [("Location", "/v1/keys/\(k)/usage")], body: "{}"),
            Echo(name: "fragment", headers: [("Location", "/cb#access_token=\(k)&state=1")], body: "{}"),
            Echo(
                name: "duplicate key", headers: [json],
                body: #"{"token":"planted-token-1234","token":"planted-token-1234","k":"\#(k)"}"#),
            Echo(name: "trailing comma", headers: [json], body: #"{"password":"planted-pass-5678","k":"\#(k)",}"#),
            Echo(
                name: "plain text pairs", headers: [("Content-Type", "text/plain")],
                body: "token: planted-token-1234\npassword=planted-pass-5678\n\(k)\n"),
            Echo(
                name: "form response", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: "id_token=planted-id-99aa&sessionToken=planted-session-88bb&expires_in=3600&k=\(k)"),
            Echo(
                name: "form without a type", headers: [],
                body: "id_token=planted-id-99aa&sessionToken=planted-session-88bb"),
            Echo(
                name: "stringified JSON", headers: [json], body: #"{"payload":"{\"password\":\"planted-pass-5678\"}"}"#),
            Echo(
                name: "multipart", headers: [("Content-Type", "multipart/form-data; boundary=XyZ")],
                body:
                    "--XyZ\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\nplanted-pass-5678\r\n--XyZ\r\nContent-Disposition: form-data; name=\"echo\"\r\n\r\n\(k)\r\n--XyZ--\r\n"
            ),
            Echo(name: "X-Api-Key", headers: [("X-Api-Key", k)], body: "{}"),
            Echo(name: "Bearer in text", headers: [("Content-Type", "text/plain")], body: "sent: Authorization: \(k)"),
            Echo(name: "HTML", headers: [("Content-Type", "text/html")], body: "<p data-key='\(k)'>hi</p>"),
            Echo(name: "JSON array", headers: [json], body: #"["\#(k)"]"#),
            Echo(name: "member name", headers: [json], body: #"{"\#(k)":1}"#),
        ]
    }()

    /// Every spelling of the secrets that must not reach disk or output.
    static let forbidden: [String] = {
        let k = key
        return [k, percentEncodedEverywhere(k), base64(k), base64("me:" + k), unicodeEscaped(k)]
            + [String(base64(k).dropLast(2)), String(base64("me:" + k).dropFirst(4).dropLast(4))] + planted
    }()

    func record(
        _ server: LoopbackServer, provider: String = "openphone", operation: String = "getMessageById_v1",
        parameters: [String] = ["id=AC1"], environment: [String: String]
    ) async throws -> (
        code: Int32, stdout: String, stderr: String, file: String
    ) {
        let recordings = FileManager.default.temporaryDirectory.appendingPathComponent("echo-\(UUID().uuidString)").path
        let result = await RecordCommandTests().run(
            ["record", "--provider", provider, "--operation", operation, "--scenario", "echo"]
                + parameters.flatMap { ["--param", $0] }
                + [
                    "--base-url", "http://127.0.0.1:\(server.port)", "--contracts", Files.repo("contracts"),
                    "--recordings", recordings,
                ],
            environment: environment)
        let folder = provider == "bandwidth" ? "bandwidth-v1" : provider
        let path = "\(recordings)/\(folder)/\(operation)/echo.json"
        let file = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return (result.code, result.stdout, result.stderr, file)
    }

    @Test("an echoed credential reaches neither disk nor output", arguments: echoes)
    func echoIsScrubbed(_ echo: Echo) async throws {
        let server = try LoopbackServer(status: 200, headers: echo.headers, body: echo.body)
        defer { server.stop() }
        let result = try await record(server, environment: ["OPENPHONE_API_KEY": Self.key])
        #expect(result.code != 2, "\(result.stderr)")
        #expect(result.file.contains("\"interactions\""), "no cassette was written")
        for spelling in Self.forbidden {
            #expect(!result.file.contains(spelling), "the cassette holds \(spelling)")
            #expect(!result.stdout.contains(spelling) && !result.stderr.contains(spelling))
        }
        #expect(SecretScanner.scan(text: result.file, file: "echo.json") == [])
    }

    @Test func bandwidthCredentialsAndTheUserIdStayOffDiskAndOutput() async throws {
        let user = "u-xa2n3oxk6it4efbglisna6a"
        let token = "bw-token-" + "CANARY4411"
        let secret = "bw-secret-" + "CANARY9922"
        let basic = Data("\(token):\(secret)".utf8).base64EncodedString()
        let server = try LoopbackServer(
            status: 200, headers: [("X-Echo", "Basic \(basic)"), ("Location", "/v1/users/\(user)/x?s=\(secret)")],
            body: #"{"userId":"\#(user)","note":"token \#(token)"}"#)
        defer { server.stop() }
        let result = try await record(
            server, provider: "bandwidth", operation: "getMessage", parameters: ["messageId=m-abc"],
            environment: ["BANDWIDTH_USER_ID": user, "BANDWIDTH_API_TOKEN": token, "BANDWIDTH_API_SECRET": secret])
        #expect(try #require(server.received.first).hasPrefix("GET /v1/users/\(user)/messages/m-abc HTTP/1.1\r\n"))
        for spelling in [user, token, secret, basic] {
            #expect(!result.file.contains(spelling), "the cassette holds \(spelling)")
            #expect(!result.stdout.contains(spelling) && !result.stderr.contains(spelling))
        }
        #expect(result.file.contains("/v1/users/%3Credacted:bandwidth_user_id%3E/messages/m-abc"))
        #expect(result.stdout.hasPrefix("recorded "))
        #expect(result.stdout.contains("GET /v1/users/<redacted:bandwidth_user_id>/messages/m-abc → 200"))
    }

    @Test func aShortUserIdIsReplacedInTheURLAndTheOutput() async throws {
        let server = try LoopbackServer(status: 404, headers: [], body: #"{"code":"message-not-found"}"#)
        defer { server.stop() }
        let result = try await record(
            server, provider: "bandwidth", operation: "getMessage", parameters: ["messageId=m-abc"],
            environment: ["BANDWIDTH_USER_ID": "u-42", "BANDWIDTH_API_TOKEN": "t", "BANDWIDTH_API_SECRET": "s"])
        #expect(!result.file.contains("u-42") && !result.stdout.contains("u-42"))
        #expect(result.stdout.contains("GET /v1/users/<redacted:bandwidth_user_id>/messages/m-abc → 404"))
        #expect(result.file.contains("\"message-not-found\""), "short values are not scrubbed inside bodies")
    }

    @Test func aRedirectToAnotherOriginIsNotFollowedWithTheCredentials() async throws {
        let elsewhere = try LoopbackServer(status: 200, headers: [], body: "{}")
        defer { elsewhere.stop() }
        let server = try LoopbackServer(
            status: 302, headers: [("Location", "http://127.0.0.1:\(elsewhere.port)/collect")], body: "")
        defer { server.stop() }
        let result = try await record(server, environment: ["OPENPHONE_API_KEY": Self.key])
        #expect(server.received.count == 1)
        #expect(elsewhere.received.isEmpty, "the credentials went to another origin")
        #expect(result.code == 2)
        #expect(
            result.stderr.hasSuffix(
                "/openphone/getMessageById_v1/echo.json: GET /v1/messages/AC1 → 302 redirects to another origin (http://127.0.0.1:\(elsewhere.port)); refused to follow it with the credentials, recorded the 302 only\n"
            ))
        #expect(result.stderr.hasPrefix("conformance record: "))
        #expect(!result.file.contains(Self.key))
    }
}
