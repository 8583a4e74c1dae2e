import Cassettes
import Contracts
import Foundation
import JSON
import JSONSchema

/// The run that gates a release: suite-level checks (contracts lint clean, every cassette satisfies
/// its contract, every documented response is covered), then every client's cases.
public struct Verification: Sendable {
    /// The contracts and cassettes.
    public var suite: ConformanceSuite
    /// What each mutation must cause.
    public var policy: MutationPolicy
    /// Case ids to run (exact, or with `*` wildcards); empty runs all.
    public var caseFilter: [String]
    /// How a failure's reproduce line starts: the gate executable that runs this verification
    /// (`swift run conformance`, or a team's `swift run my-gate`). Nil for a verification run from
    /// tests: the reproduce line is then `CONFORMANCE_CASE='<id>' swift test`, and ``cases()`` honours
    /// `CONFORMANCE_CASE` as ``ConformanceSuite/cases(for:policy:)`` does.
    public var command: String?

    public init(
        suite: ConformanceSuite, policy: MutationPolicy = .default, caseFilter: [String] = [],
        command: String? = nil
    ) {
        self.suite = suite
        self.policy = policy
        self.caseFilter = caseFilter
        self.command = command
    }

    /// The cases to run, after the filter, and the problems met deriving them.
    public func cases() -> (cases: [ConformanceCase], problems: [String]) {
        let derived = suite.cases(policy: policy)
        var caseFilter = self.caseFilter
        if command == nil, caseFilter.isEmpty, let filter = ProcessInfo.processInfo.environment["CONFORMANCE_CASE"] {
            caseFilter = filter.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        guard !caseFilter.isEmpty else { return derived }
        return (
            derived.cases.filter { item in caseFilter.contains { Self.matches(item.id, pattern: $0) } },
            derived.problems
        )
    }

    /// Contract lint, loading, cassettes against contracts, case derivation, and the additional checks.
    public func checks(derivationProblems: [String]) -> [VerificationReport.Check] {
        var lintProblems: [String] = []
        for provider in suite.contracts.keys.sorted() {
            guard let contract = suite.contracts[provider] else { continue }
            var seen: Set<String> = []
            for finding in contract.lint() where finding.severity == .error && seen.insert(finding.description).inserted
            {
                lintProblems.append(finding.description)
            }
        }
        let lint = VerificationReport.Check(
            name: "contracts",
            summary: "\(suite.contracts.count) contract\(suite.contracts.count == 1 ? "" : "s") load and lint clean",
            problems: suite.problems.filter { problem in
                !suite.recordingsDirectories.contains { problem.hasPrefix($0) }
            } + lintProblems)
        // Coverage reads and validates every cassette once; its findings feed two checks: whether the
        // cassettes load and satisfy their contracts, and whether every documented response is covered.
        let validity: Set<CoverageReport.Problem.Kind> = [.contractViolation, .undocumentedStatus, .loadError]
        var cassetteProblems = suite.recordingsFolderProblems + derivationProblems
        var coverageProblems: [String] = []
        var coverageSummary = "coverage could not be computed"
        if suite.contractFiles.isEmpty || suite.cassetteFiles.isEmpty {
            coverageProblems.append(
                "nothing to cover: \(suite.contractFiles.count) contracts, \(suite.cassetteFiles.count) cassettes found"
            )
        } else {
            let coverage = CoverageReport.compute(
                contractFiles: suite.contractFiles, cassetteFiles: suite.cassetteFiles)
            for problem in coverage.problems {
                if validity.contains(problem.kind) {
                    cassetteProblems.append(problem.description)
                } else {
                    coverageProblems.append(problem.description)
                }
            }
            coverageSummary = Self.coverageSummary(coverage)
        }
        let cassettes = VerificationReport.Check(
            name: "cassettes",
            summary:
                "\(suite.cassettes.count) cassette\(suite.cassettes.count == 1 ? "" : "s") load and satisfy their contracts",
            problems: cassetteProblems)
        return [lint, cassettes, .init(name: "coverage", summary: coverageSummary, problems: coverageProblems)]
    }

    static func coverageSummary(_ coverage: CoverageReport) -> String {
        let cells = coverage.operations.reduce(0) { $0 + $1.statuses.count }
        var values: Set<String> = []
        for operation in coverage.operations {
            for field in operation.enums {
                for value in field.values {
                    values.insert(operation.provider + field.schemaLocation + JSONWriter.string(value.value))
                }
            }
        }
        return
            "\(coverage.operations.count) operations: \(cells) documented responses and \(values.count) enum values each covered by a cassette"
    }

    /// Runs every check and every adapter's cases in this process.
    public func run(adapters: [any ConformanceAdapter], runner: CaseRunner = CaseRunner(), toolVersion: String = "")
        async -> VerificationReport
    {
        let clock = ContinuousClock()
        let start = clock.now
        var report = begin(adapters: adapters, toolVersion: toolVersion)
        let (cases, problems) = self.cases()
        report.checks = checks(derivationProblems: problems)
        report.cases = await records(cases, adapters: adapters, runner: runner)
        if let empty = Self.emptyRunCheck(adapters: adapters, records: report.cases, filtered: !caseFilter.isEmpty) {
            report.checks.append(empty)
        }
        report.duration = Double((clock.now - start) / .milliseconds(1)) / 1000
        return report
    }

    /// Runs each adapter on the cases for the operations it implements, in order.
    public func records(_ cases: [ConformanceCase], adapters: [any ConformanceAdapter], runner: CaseRunner) async
        -> [VerificationReport.CaseRecord]
    {
        var records: [VerificationReport.CaseRecord] = []
        for adapter in adapters {
            for item in cases where adapter.operations.contains(item.operationId) {
                records.append(record(item, await runner.run(item, with: adapter)))
            }
        }
        return records
    }

    /// A failed check when a client was asked for but ran no case: a gate never passes having
    /// checked nothing (a wrong suite folder, operations no contract has, a `--case` that matches nothing).
    /// With a case filter, only a run with no case at all fails (the filter may name one client's cases).
    public static func emptyRunCheck(
        adapters: [any ConformanceAdapter], records: [VerificationReport.CaseRecord], filtered: Bool = false
    ) -> VerificationReport.Check? {
        var idle = adapters.filter { adapter in !records.contains { $0.client == adapter.name } }
        if filtered && !records.isEmpty { idle = [] }
        guard !idle.isEmpty else { return nil }
        return VerificationReport.Check(
            name: "cases", summary: "every client runs at least one case",
            problems: idle.map { adapter in
                "\(adapter.name) ran no case: none of its operations (\(adapter.operations.sorted().joined(separator: ", "))) has a case in this suite or matches the --case filter"
            })
    }

    /// A report with the hashed inputs and the clients filled in, no checks or cases yet.
    public func begin(adapters: [any ConformanceAdapter], toolVersion: String) -> VerificationReport {
        VerificationReport(
            toolVersion: toolVersion,
            startedAt: Instant.rfc3339(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded())),
            duration: 0,
            contracts: suite.contracts.values.map(\.file).sorted().map(Self.hashed),
            recordings: suite.cassettes.map(\.path).sorted().map(Self.hashed),
            checks: [], clients: adapters.map { .init(name: $0.name, version: $0.version) }, cases: [])
    }

    static func hashed(_ path: String) -> VerificationReport.HashedFile {
        let bytes = (try? FileBytes.read(path)) ?? []
        return .init(path: path, sha256: SHA256.hex(bytes))
    }

    /// The report record of a case's result.
    public func record(_ item: ConformanceCase, _ result: CaseResult) -> VerificationReport.CaseRecord {
        let expected = item.expectationSummary
        return VerificationReport.CaseRecord(
            id: item.id, client: result.client, provider: item.provider, operationId: item.operationId,
            scenario: item.scenario, cassette: item.cassettePath,
            kind: item.kind, mutation: item.mutation, expected: expected, passed: result.passed,
            observed: result.observed, findings: result.findings,
            reproduce: command.map { item.reproduceCommand(client: result.client, command: $0) }
                ?? "CONFORMANCE_CASE='\(item.id)' swift test")
    }

    /// `*` matches any run of characters; everything else literally.
    static func matches(_ text: String, pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return text == pattern }
        var rest = Substring(text)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts[parts.count - 1])
    }
}
