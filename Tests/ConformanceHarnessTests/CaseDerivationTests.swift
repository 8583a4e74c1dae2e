import ConformanceHarness
import Foundation
import JSON
import Testing

/// Cases are derived from the repository's contracts and cassettes, not written by hand.
@Suite struct CaseDerivationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let suite = ConformanceSuite.load(root: root)

    @Test("every cassette yields cases; every success body yields mutations of each kind it can")
    func derivation() throws {
        let (cases, problems) = Self.suite.cases()
        #expect(problems == [])
        var byOperation: [String: [String: Int]] = [:]
        for item in cases {
            byOperation["\(item.provider)/\(item.operationId)", default: [:]][
                item.mutation?.kind.name ?? item.kind.rawValue, default: 0] += 1
        }
        for key in byOperation.keys.sorted() { print(key, byOperation[key]!.sorted { $0.key < $1.key }) }
        print("total", cases.count)
    }
}
