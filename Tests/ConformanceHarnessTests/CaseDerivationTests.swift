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

/// Request cases: calls derived from the contract that a client must put on the wire as it says.
@Suite struct RequestCaseDerivationTests {
    static let cases = CaseDerivationTests.suite.cases().cases.filter { $0.kind == .request }

    @Test func aPathParameterThatNeedsEscapingIsRecordedEncoded() throws {
        let item = try #require(
            Self.cases.first { $0.id == "openphone/getMessageById_v1/documented-example#escaped-path-parameter:id" })
        #expect(item.call.parameter("id") == "AC123abc/needs escaping?#%ä")
        #expect(
            item.interactions[0].request.url.absoluteString
                == "https://api.openphone.com/v1/messages/AC123abc%2Fneeds%20escaping%3F%23%25%C3%A4")
        // Only where the schema allows such a value: Bandwidth's message ids have a strict pattern.
        #expect(!Self.cases.contains { $0.id.hasSuffix("#escaped-path-parameter:messageId") })
    }

    @Test func aRepeatableFilterGetsSeveralValuesInTheDocumentedForm() throws {
        let item = try #require(Self.cases.first { $0.id.hasSuffix("#several-values:status") })
        #expect(item.call.parameters["status"]?.count == 3)
        let query = item.interactions[0].request.url.query ?? ""
        // Courier documents style form, explode false: one comma-joined value.
        #expect(query.contains("status=" + (item.call.parameters["status"] ?? []).joined(separator: ",")))
    }
}
