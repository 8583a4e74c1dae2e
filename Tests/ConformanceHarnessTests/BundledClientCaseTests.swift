import BundledAdapters
import ConformanceHarness
import Foundation
import Testing

/// The same cases `conformance verify` runs, one parameterized test case per derived case, named by
/// cassette and mutation, so a red case in CI names itself.
@Suite struct BundledClientCaseTests {
    static let cases: [ConformanceCase] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return ConformanceSuite.load(root: root).cases().cases
    }()

    static func adapter(for item: ConformanceCase) -> (any ConformanceAdapter)? {
        BundledAdapters.all().first { $0.operations.contains(item.operationId) }
    }

    @Test("bundled client handles the case", arguments: cases)
    func handles(_ item: ConformanceCase) async throws {
        let adapter = try #require(Self.adapter(for: item), "no bundled client implements \(item.operationId)")
        let result = await CaseRunner().run(item, with: adapter)
        #expect(
            result.passed,
            "\(result.findings.map(\.description).joined(separator: "\n"))\nreproduce: \(item.reproduceCommand(client: BundledAdapters.shortName(adapter)))"
        )
    }

    @Test("every operation with cassettes has a bundled client and cases of every kind")
    func completeness() {
        let operations = Set(Self.cases.map(\.operationId))
        #expect(
            operations == [
                "messages_get", "messages_list", "send_message", "getMessageById_v1", "sendMessage_v1",
                "retrieveMessage", "sendMessage", "getMessage", "sendMessages",
            ])
        for operation in operations {
            let kinds = Set(Self.cases.filter { $0.operationId == operation }.map(\.kind))
            #expect(kinds.contains(.success) && kinds.contains(.mutation), "\(operation): \(kinds)")
        }
    }
}
