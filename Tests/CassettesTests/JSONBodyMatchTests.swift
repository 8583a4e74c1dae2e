import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

@Suite struct JSONBodyMatchTests {
    static let recorded = #"{"to":"+15550100","message":{"text":"hi","tags":["a","b"]},"password":"recorded"}"#

    func mismatch(_ body: String) throws -> String? {
        let cassette = Cassette(
            operationId: "send", provenance: .init(kind: .documented, source: "t"),
            interactions: [
                interaction("https://a.example/send", method: .post, requestBody: Array(Self.recorded.utf8), body: "ok")
            ])
        let transport = ReplayTransport(
            cassette: cassette, file: "send.json", matcher: Matcher.default.adding(.jsonBody))
        do {
            _ = try transport.replay(
                HTTPRequest(method: .post, url: URL(string: "https://a.example/send")!, body: Array(body.utf8)))
            return nil
        } catch {
            let prefix =
                "send.json: no recorded interaction matches POST https://a.example/send; nearest is interaction 0 (POST https://a.example/send): "
            try #require(error.description.hasPrefix(prefix))
            return String(error.description.dropFirst(prefix.count))
        }
    }

    @Test(
        "the first differing member is named",
        arguments: [
            (
                #"{"to":"+15550111","message":{"text":"hi","tags":["a","b"]}}"#,
                #"body at /to: expected "+15550100", got "+15550111""#
            ),
            (#"{"to":"+15550100","message":{"tags":["a","b"]}}"#, #"body at /message/text: expected "hi", got absent"#),
            (
                #"{"to":"+15550100","message":{"text":"hi","tags":["a","b"],"x":1}}"#,
                "body at /message/x: expected absent, got 1"
            ),
            (
                #"{"to":"+15550100","message":{"text":"hi","tags":["a"]}}"#,
                "body at /message/tags: expected 2 elements, got 1 element"
            ),
            (
                #"{"to":"+15550100","message":{"text":"hi","tags":["a","c"]}}"#,
                #"body at /message/tags/1: expected "b", got "c""#
            ),
            (#"[1]"#, #"body: expected {"to":"+15550100","message":{"text":"hi","tags":["a","b"]},…, got [1]"#),
            (
                "to=+15550100",
                #"body: expected 92 bytes ({"to":"+15550100","message":{"text":"hi","tags":["a","b"]},"password":"<redacted…), got 12 bytes (to=+15550100)"#
            ),
        ])
    func differences(body: String, expected: String) throws {
        #expect(try mismatch(body) == expected)
    }

    @Test func equalAsJSONMatches() throws {
        // Member order, spacing, number spelling and redacted secrets do not matter.
        #expect(
            try mismatch(#"{ "password": "live", "message": {"tags": ["a", "b"], "text": "hi"}, "to": "+15550100" }"#)
                == nil)
    }
}
