import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

/// Every rule finds its canary, reports it masked, and leaves placeholders alone.
@Suite struct SecretScannerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var line: String
        var secret: String
        var column: Int
        var excerpt: String
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(
            rule: "bearer-token", line: #"["Authorization", "Bearer tok3nCanaryValue0987654321"]"#,
            secret: "tok3nCanaryValue0987654321", column: 20, excerpt: "Bearer tok3********"),
        Case(
            rule: "basic-auth", line: "Authorization: Basic dXNlcjpjYW5hcnlQYXNzd29yZDE=",
            secret: "dXNlcjpjYW5hcnlQYXNzd29yZDE=", column: 16, excerpt: "Basic dXNl********"),
        Case(
            rule: "stripe-key", line: #"{"key": "sk_live_51CanaryStripeKey0000"}"#,
            secret: "sk_live_51CanaryStripeKey0000", column: 10, excerpt: "sk_live_51Ca********"),
        Case(
            rule: "stripe-key", line: "STRIPE=rk_test_51CanaryRestricted", secret: "rk_test_51CanaryRestricted",
            column: 8, excerpt: "rk_test_51Ca********"),
        Case(
            rule: "aws-access-key", line: "aws_access_key_id = AKIAIOSFODNN7CANARY1", secret: "AKIAIOSFODNN7CANARY1",
            column: 21, excerpt: "AKIAIOSF********"),
        Case(
            rule: "slack-token", line: "hook xoxb-123456789012-canarySlackToken",
            secret: "xoxb-123456789012-canarySlackToken", column: 6, excerpt: "xoxb-1234********"),
        Case(
            rule: "github-token", line: "token: ghp_CanaryGitHubToken0123456789abcdef",
            secret: "ghp_CanaryGitHubToken0123456789abcdef", column: 8, excerpt: "ghp_Cana********"),
        Case(
            rule: "github-token", line: "github_pat_11CANARY0123456789_abcdefghijklmnop",
            secret: "github_pat_11CANARY0123456789_abcdefghijklmnop", column: 1, excerpt: "github_pat_11CA********"),
        Case(
            rule: "jwt", line: #""id_token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlQ2FuYXJ5""#,
            secret: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlQ2FuYXJ5", column: 14,
            excerpt: "eyJhbGc********"),
        Case(
            rule: "private-key", line: #""body": {"text": "-----BEGIN RSA PRIVATE KEY-----\nMIIEcanary..."}"#,
            secret: "MIIEcanary", column: 19, excerpt: "-----BEGIN RSA PRIVATE KEY-----"),
        Case(
            rule: "url-password", line: #""url": "https://admin:CanaryPassw0rd@api.example.com/v1""#,
            secret: "CanaryPassw0rd", column: 9, excerpt: "https://admin:Ca********@"),
        Case(
            rule: "query-secret", line: #""url": "https://api.example.com/v1?page=2&api_key=CanaryQueryKey42""#,
            secret: "CanaryQueryKey42", column: 43, excerpt: "api_key=Cana********"),
        Case(
            rule: "query-secret", line: "client_secret=CanaryFormSecret7&grant_type=client_credentials",
            secret: "CanaryFormSecret7", column: 1, excerpt: "client_secret=Cana********"),
        Case(
            rule: "sensitive-header", line: #"{"name": "X-Api-Key", "value": "CanaryHeaderKey"}"#,
            secret: "CanaryHeaderKey", column: 2, excerpt: #""name": "X-Api-Key", "value": "Ca********""#),
        Case(
            rule: "json-secret", line: #"{"user": "ann", "password": "CanaryJsonPassword"}"#,
            secret: "CanaryJsonPassword", column: 17, excerpt: #""password": "Cana********""#),
        Case(
            rule: "json-secret", line: #"{"clientSecret": "CanaryClientSecret"}"#, secret: "CanaryClientSecret",
            column: 2, excerpt: #""clientSecret": "Cana********""#),
    ]

    @Test("each rule finds its canary and never shows it whole", arguments: cases)
    func findsTheCanary(_ testCase: Case) throws {
        let findings = SecretScanner.scan(text: "first line\n  \n" + testCase.line + "\n", file: "f.json")
        let finding = try #require(findings.first, "no finding in \(testCase.rule)'s line")
        #expect(findings.count == 1)
        #expect(finding.rule == testCase.rule)
        #expect(finding.line == 3)
        #expect(finding.column == testCase.column)
        #expect(finding.excerpt == testCase.excerpt)
        #expect(finding.description == "f.json:3:\(testCase.column): \(testCase.rule): \(testCase.excerpt)")
        #expect(!finding.description.contains(testCase.secret))
    }

    @Test(
        "placeholders and look-alikes never count",
        arguments: [
            #"["Authorization", "<redacted:authorization>"]"#,
            #"["Authorization", "Bearer <redacted:authorization>"]"#,
            #"{"name": "Cookie", "value": "<redacted:cookie>"}"#,
            #""url": "https://api.example.com/v1?api_key=%3Credacted:api_key%3E&page=2""#,
            #""url": "https://%3Credacted:user%3E:%3Credacted:password%3E@api.example.com/v1""#,
            #"{"password": "<redacted:password>", "token": "<redacted:token>", "secret": ""}"#,
            #"{"nextPageToken": "eyJwYWdlIjoyfQ", "token_type": "bearer", "tokens": 12}"#,
            "Send the key as Authorization: Bearer <token>, or api_key=YOUR_API_KEY, or token=${TOKEN}.",
            "Use Bearer authentication; see https://example.com/docs?key=xxxx",
            "Authorization: Basic aGVsbG8gd29ybGQ=",
            "sk_live_ alone, and AKIA too short",
        ])
    func placeholders(line: String) {
        #expect(SecretScanner.scan(text: line, file: "p.json") == [])
    }

    @Test func theSameSecretIsReportedOnceByItsMostSpecificRule() {
        let findings = SecretScanner.scan(
            text:
                #"["Authorization", "Bearer sk_live_51CanaryStripeKey0000"] {"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"}"#,
            file: "f")
        #expect(findings.map(\.rule) == ["stripe-key", "jwt"])
    }

    @Test func columnsCountUnicodeScalars() {
        let findings = SecretScanner.scan(text: "é😀 Bearer abc123def456\r\n", file: "f")
        #expect(findings.map(\.column) == [4])
        #expect(findings.map(\.excerpt) == ["Bearer ab********"])
    }

    @Test func redactedRecordingsScanClean() async throws {
        let canary = "sk_live_51ScanCanary0000"
        let live = FakeLive { _ in
            HTTPResponse(
                status: 200, headers: ["Content-Type": "application/json", "Set-Cookie": "sid=\(canary)"],
                body: Array(#"{"id":"AC1","access_token":"\#(canary)","refresh_token":"\#(canary)"}"#.utf8))
        }
        let root = temporaryPath("scan")
        for scenario in ["ok", "again"] {
            let transport = try CassetteTransport(
                path: "\(root)/example/getMessage/\(scenario).json", mode: .once, live: live, operationId: "getMessage",
                source: "https://api.example.com")
            _ = try await transport.send(
                HTTPRequest(
                    method: .post, url: URL(string: "https://me:\(canary)@api.example.com/v1/m?token=\(canary)")!,
                    headers: [
                        "Authorization": "Bearer \(canary)", "X-Api-Key": canary, "Content-Type": "application/json",
                    ],
                    body: Array(#"{"password":"\#(canary)","client_secret":"\#(canary)"}"#.utf8)))
        }
        #expect(try SecretScanner.scan(root) == [])

        // The same traffic unredacted is found.
        let leaked = Cassette(
            operationId: "getMessage", provenance: .init(kind: .recorded, source: "test"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(string: "https://api.example.com/v1/m")!,
                        headers: ["Authorization": "Bearer \(canary)"]),
                    response: HTTPResponse(status: 200))
            ])
        try leaked.write(to: "\(root)/example/getMessage/leaked.json")
        let findings = try SecretScanner.scan(root)
        #expect(
            findings.map(\.description) == [
                "\(root)/example/getMessage/leaked.json:14:37: stripe-key: sk_live_51Sc********"
            ])
    }

    @Test func hiddenAndBinaryFilesAreSkippedAndMissingPathsAreErrors() throws {
        let root = temporaryPath("skip")
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        try Data("token=ghp_CanaryGitHubToken0123456789abcdef".utf8).write(
            to: URL(fileURLWithPath: root + "/.git/config"))
        try Data([0x00, 0x01] + Array("ghp_CanaryGitHubToken0123456789abcdef".utf8)).write(
            to: URL(fileURLWithPath: root + "/image.png"))
        #expect(try SecretScanner.scan(root) == [])
        let error = #expect(throws: SecretScanError.self) { try SecretScanner.scan(root + "/missing") }
        #expect(error?.description == "\(root)/missing: no such file or directory")
    }

    @Test func theRepositoryRecordingsScanClean() throws {
        let root = RepositoryRecordingsTests.packageRoot
        for folder in ["recordings", "Tests/CassettesTests/recordings/demo"] {
            let path = root.appendingPathComponent(folder).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            #expect(try SecretScanner.scan(path).map(\.description) == [])
        }
    }
}
