import Foundation
import HTTPTransport
import Testing

@testable import Cassettes

/// Replay errors stay small whatever the request: a URL with 200,000 query parameters made `verify`
/// print 535 MB.
@Suite struct HostileReplayTests {
    @Test("a mismatch on 50,000 query parameters lists 20 differences, quotes bounded excerpts and counts the rest")
    func hugeQuery() throws {
        let count = 50_000
        let recorded = "https://a.example/x?" + (0..<count).map { "p\($0)=a" }.joined(separator: "&")
        let live = "https://a.example/x?" + (0..<count).map { "p\($0)=b" }.joined(separator: "&")
        let transport = ReplayTransport(
            cassette: Cassette(
                operationId: "op", provenance: .init(kind: .documented, source: "test"),
                interactions: [interaction(recorded, body: "{}")]),
            file: "huge.json")
        let error = #expect(throws: ReplayError.self) {
            try transport.replay(HTTPRequest(method: .get, url: URL(string: live)!))
        }
        #expect(error?.differences.count == ReplayError.maxDifferences)
        #expect(error?.message.hasSuffix("; and \(count - ReplayError.maxDifferences) more differences") == true)
        #expect((error?.message.utf8.count ?? .max) < 8 * 1024)
        #expect((error?.request?.utf8.count ?? .max) <= ReplayError.maxQuotedBytes)
    }
}
