import Cassettes
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import ConformanceTesting

/// The path a team takes: the bundled suite found without a path, a Codable URLSession client
/// plugged in with a few lines, every case run in parallel, and a wrong suite failing loudly.
@Suite struct ConformanceTestingTests {
    static let adapter = CodableOpenPhoneAdapter()

    @Test func bundledSuiteIsFoundWithoutAPath() throws {
        let suite = try ConformanceSuite.bundled()
        #expect(suite.contracts.keys.sorted() == ["bandwidth-v1", "courier", "openphone", "sendo"])
        #expect(suite.cassettes.count >= 60)
        #expect(suite.problems.isEmpty)
        #expect(FileManager.default.fileExists(atPath: ConformanceSuite.bundledRoot + "/Package.swift"))
    }

    /// Every OpenPhone case through URLSession and the replay bridge, in parallel (the default):
    /// far more live configurations at once than the old fixed 32 slots. The plain Codable client
    /// passes every recorded scenario and error (its view built by `JSONValue(encoding:)`) and fails
    /// only where it really has gaps: no ID-prefix or E.164 checks, required-nullable members
    /// accepted when absent, a closed enum, an id it does not escape. Never because of the bridge.
    @Test(arguments: try ConformanceSuite.bundled().cases(for: ConformanceTestingTests.adapter))
    func codableClientThroughURLSession(_ item: ConformanceCase) async {
        let result = await CaseRunner().run(item, with: Self.adapter)
        let gaps: Set<Mutation.Kind> = [.breakPattern, .removeRequired, .unknownEnumValue]
        if item.kind == .request {
            // It puts the id into the URL as it is; an id that needs escaping never reaches the server.
            #expect(!result.passed)
        } else if let kind = item.mutation?.kind, gaps.contains(kind) {
            #expect(!result.findings.contains { $0.message.contains("replay") || $0.message.contains("cassette") })
        } else {
            #expect(result.passed, "\(result.findings.map(\.description))")
        }
    }

    /// Exactly the plain client's real gaps fail, each at its field.
    @Test func thePlainClientFailsExactlyItsGaps() async throws {
        var failures: [String: Set<String>] = [:]
        for item in try ConformanceSuite.bundled().cases(for: Self.adapter) {
            let result = await CaseRunner().run(item, with: Self.adapter)
            guard !result.passed else { continue }
            failures[item.mutation?.kind.name ?? item.kind.rawValue, default: []].insert(
                item.mutation?.pointer.description ?? item.scenario)
        }
        #expect(Set(failures.keys) == ["remove-required", "break-pattern", "unknown-enum-value", "request"])
        #expect(failures["remove-required"] == ["/data/phoneNumberId", "/data/userId"])
        #expect(failures["break-pattern"]?.isSuperset(of: ["/data/id", "/data/to/0", "/data/from"]) == true)
        #expect(failures["unknown-enum-value"] == ["/data/direction"])
        #expect(failures["request"] == ["documented-example"])
    }

    @Test func wrongRootThrowsWithThePathItLookedAt() {
        let missing = "/nonexistent/conformance-suite"
        #expect {
            _ = try ConformanceSuite.load(roots: [missing])
        } throws: { error in
            let text = String(describing: error)
            return text.contains(missing) && text.contains("no contracts/ or recordings/ folder")
        }
    }

    @Test func anOperationWithoutCasesIsAnError() throws {
        struct Elsewhere: ConformanceAdapter {
            var name: String { "Elsewhere" }
            var version: String { "0" }
            var operations: Set<String> { ["getMessageById_v1", "sendMessage_v9"] }
            func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue { .null }
        }
        let suite = try ConformanceSuite.bundled()
        #expect {
            _ = try suite.cases(for: Elsewhere())
        } throws: { error in
            String(describing: error).contains("operation 'sendMessage_v9' is in no contract")
        }
    }

    @Test func aCaseFilterThatMatchesNothingIsAnError() throws {
        let suite = try ConformanceSuite.bundled()
        let one = try suite.cases(operations: ["getMessageById_v1"], filter: "openphone/getMessageById_v1/error-404")
        #expect(one.map(\.id) == ["openphone/getMessageById_v1/error-404"])
        #expect(throws: SuiteError.self) {
            _ = try suite.cases(operations: ["getMessageById_v1"], filter: "openphone/nothing-like-this")
        }
    }

    /// A defective client fails through the entry point with one issue per finding, each naming
    /// the cause, the cassette and the command that reproduces it.
    @Test func eachFindingIsRecordedOnceWithTheReproduceCommand() async throws {
        let suite = try ConformanceSuite.bundled()
        let item = try #require(
            try suite.cases(for: Self.adapter).first { $0.id == "openphone/getMessageById_v1/incoming-user-null" })
        let texts = IssueTexts()
        let result = await withKnownIssue {
            await expectConformance(item, with: CodableOpenPhoneAdapter(dropsFractions: true))
        } matching: { issue in
            texts.append(issue.comments.map(\.rawValue).joined())
            return true
        }
        _ = result
        let recorded = texts.all
        let direct = await CaseRunner().run(item, with: CodableOpenPhoneAdapter(dropsFractions: true))
        #expect(!direct.passed)
        #expect(recorded.count == direct.findings.count)
        let first = try #require(recorded.first)
        #expect(first.contains("fractional seconds dropped?"))
        #expect(first.contains("cassette: ") && first.contains("incoming-user-null.json"))
        #expect(
            first.contains(
                "reproduce: CONFORMANCE_CASE='openphone/getMessageById_v1/incoming-user-null' swift test --filter 'eachFindingIsRecordedOnceWithTheReproduceCommand'"
            ))
        #expect(recorded.allSatisfy { text in recorded.filter { $0 == text }.count == 1 })
    }

    @Test func theBundledSuiteIsSound() throws {
        expectSoundSuite(try ConformanceSuite.bundled())
    }

    /// A team's own folder beside the bundled one: its cassette adds cases, its contract replaces
    /// the bundled one of the same provider.
    @Test func aTeamsOwnFolderAddsToTheBundledSuite() throws {
        let team = FileManager.default.temporaryDirectory.appendingPathComponent("team-suite-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: team) }
        let source = ConformanceSuite.bundledRoot + "/recordings/openphone/getMessageById_v1/documented-example.json"
        try FileManager.default.createDirectory(
            atPath: team + "/recordings/openphone/getMessageById_v1", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: source, toPath: team + "/recordings/openphone/getMessageById_v1/team-scenario.json")
        let bundled = try ConformanceSuite.bundled()
        let both = try ConformanceSuite.load(roots: [ConformanceSuite.bundledRoot, team])
        #expect(both.cassettes.count == bundled.cassettes.count + 1)
        #expect(try both.cases(for: Self.adapter).contains { $0.id == "openphone/getMessageById_v1/team-scenario" })
    }
}

/// Issue texts collected from a `withKnownIssue` matcher. `@unchecked Sendable`: `texts` only under `lock`.
final class IssueTexts: @unchecked Sendable {
    private let lock = NSLock()
    private var texts: [String] = []
    func append(_ text: String) { lock.withLock { texts.append(text) } }
    var all: [String] { lock.withLock { texts } }
}
