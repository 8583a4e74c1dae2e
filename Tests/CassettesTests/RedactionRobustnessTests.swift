import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

/// The redactor and the scanner on hostile text (a HAR from anywhere goes through both): a fixed
/// pseudo-random sequence of fragments that steer every scanner to its edges (unterminated quotes,
/// escapes at the end, placeholders, line breaks inside pairs). Nothing may trap, and a secret known
/// by value never survives.
@Suite struct RedactionRobustnessTests {
    static let fragments = [
        "=", "&", "?", "#", "%", "%3", "%3C", "%2F", "\\", "\\u", "\\u00", "\\u0073", "\\/", "\"", "'", "@", ":", "://",
        ":\\/\\/", "/", "-", "--", "\r\n", "\n", " ", "\t", "token", "password", "pwd", "code", "Bearer ", "basic ",
        "Token ", "<redacted:", "%3Credacted:", ">", "-----BEGIN ", "PRIVATE KEY", "-----END ", "-----", "form-data",
        "name=\"", "\r\n\r\n", "\n--", "{", "}", "[", "]", ",", "AKIA", "ABCDEFGH", "dXNlcjpw", "==", "+", "é", "😀",
        "s3cretValue9", "s3cret", "%73", "\\u0073",
    ]

    static func text(seed: UInt64, count: Int) -> String {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var result = ""
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            result += fragments[Int((state >> 33) % UInt64(fragments.count))]
        }
        return result
    }

    @Test func hostileTextNeverTrapsAndNeverKeepsAKnownSecret() throws {
        let secret = "s3cretValue9"
        let redactor = Redactor.default.scrubbing(values: ["KEY": secret])
        for seed in 0..<3000 as Range<UInt64> {
            let text = Self.text(seed: seed, count: Int(seed % 40) + 1)
            let body = redactor.redact(body: Array(text.utf8), contentType: seed % 3 == 0 ? "multipart/form-data" : nil)
            #expect(!String(decoding: body, as: UTF8.self).contains(secret), "seed \(seed)")
            let headers = redactor.redact(HTTPFields([(name: "X-Echo", value: text)]))
            #expect(!(headers["X-Echo"] ?? "").contains(secret), "seed \(seed)")
            _ = Redactor.default.redact(body: Array(text.utf8), contentType: "application/x-www-form-urlencoded")
            _ = redactor.scrub(text)
            _ = SecretScanner.scan(text: text, file: "f")
            let encoded = text.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? ""
            if let url = URL(string: "https://u:p@a.example/x/\(encoded)?\(encoded)#\(encoded)") {
                let redacted = redactor.redact(url)
                #expect(!redacted.absoluteString.contains(secret), "seed \(seed)")
                #expect(!redacted.absoluteString.contains("u:p@"), "seed \(seed)")
            }
        }
    }
}
