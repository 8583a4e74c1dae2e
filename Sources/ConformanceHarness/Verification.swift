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
    /// Extra suite-level checks (e.g. coverage), appended after the built-in ones.
    public var additionalChecks: [VerificationReport.Check]

    public init(
        suite: ConformanceSuite, policy: MutationPolicy = .default, caseFilter: [String] = [],
        additionalChecks: [VerificationReport.Check] = []
    ) {
        self.suite = suite
        self.policy = policy
        self.caseFilter = caseFilter
        self.additionalChecks = additionalChecks
    }

    /// The cases to run, after the filter, and the problems met deriving them.
    public func cases() -> (cases: [ConformanceCase], problems: [String]) {
        let derived = suite.cases(policy: policy)
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
            problems: suite.problems.filter { !$0.hasPrefix(suite.recordingsDirectory) } + lintProblems)
        let loading = suite.problems.filter { $0.hasPrefix(suite.recordingsDirectory) }
        let validation = cassetteProblems()
        let cassettes = VerificationReport.Check(
            name: "cassettes",
            summary:
                "\(suite.cassettes.count) cassette\(suite.cassettes.count == 1 ? "" : "s") load and satisfy their contracts",
            problems: loading + validation + derivationProblems)
        return [lint, cassettes] + additionalChecks
    }

    /// Every response in every cassette against its documented schema; deliberate violations
    /// (with their reason) are exempt.
    func cassetteProblems() -> [String] {
        var problems: [String] = []
        for entry in suite.cassettes where entry.cassette.violation == nil {
            guard let contract = suite.contracts[entry.provider],
                let operation = contract.operation(id: entry.cassette.operationId)
            else { continue }
            for (index, interaction) in entry.cassette.interactions.enumerated() {
                let status = interaction.response.status
                guard let response = operation.response(forStatus: status) else {
                    problems.append(
                        "\(entry.path): interaction \(index): status \(status) is not documented for \(operation.id)")
                    continue
                }
                guard let validator = try? response.validator() else { continue }
                let document: JSONDocument
                do {
                    document = try JSONDocument.parse(interaction.response.body)
                } catch {
                    problems.append(
                        "\(entry.path): interaction \(index): body is not JSON: \(error.location): \(error.message)")
                    continue
                }
                for violation in validator.validate(document).prefix(5) {
                    problems.append(
                        "\(entry.path): /interactions/\(index)/response/body\(violation.instancePointer): \(violation.message)"
                    )
                }
            }
        }
        return problems
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
        for adapter in adapters {
            for item in cases where adapter.operations.contains(item.operationId) {
                let result = await runner.run(item, with: adapter)
                report.cases.append(Self.record(item, result))
            }
        }
        report.duration = Double((clock.now - start) / .milliseconds(1)) / 1000
        return report
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
    public static func record(_ item: ConformanceCase, _ result: CaseResult) -> VerificationReport.CaseRecord {
        let expected: String
        switch item.expectation {
        case .view: expected = item.mutation == nil ? "the recorded values" : "tolerate: the mutated values"
        case .apiError(let status, _): expected = "API error \(status) with its documented fields"
        case .rejection(let reason): expected = "reject (\(reason))"
        }
        return VerificationReport.CaseRecord(
            id: item.id, client: result.client, provider: item.provider, operationId: item.operationId,
            scenario: item.scenario, cassette: item.cassettePath,
            kind: item.kind, mutation: item.mutation, expected: expected, passed: result.passed,
            observed: result.observed, findings: result.findings,
            reproduce: item.reproduceCommand(client: result.client))
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

extension Verification {
    /// The coverage check: every documented response has a cassette and every documented enum value
    /// of a success body appears. Cassette validity is the `cassettes` check's job, so its findings are
    /// not repeated here.
    public static func coverageCheck(contractsDirectory: String, recordingsDirectory: String)
        -> VerificationReport.Check
    {
        let repeated: Set<CoverageReport.Problem.Kind> = [.contractViolation, .undocumentedStatus, .loadError]
        do {
            let coverage = try CoverageReport.compute(
                contractsDirectory: contractsDirectory, recordingsDirectory: recordingsDirectory)
            let cells = coverage.operations.reduce(0) { $0 + $1.statuses.count }
            var values: Set<String> = []
            for operation in coverage.operations {
                for field in operation.enums {
                    for value in field.values {
                        values.insert(operation.provider + field.schemaLocation + JSONWriter.string(value.value))
                    }
                }
            }
            return .init(
                name: "coverage",
                summary:
                    "\(coverage.operations.count) operations: \(cells) documented responses and \(values.count) enum values each covered by a cassette",
                problems: coverage.problems.filter { !repeated.contains($0.kind) }.map(\.description))
        } catch {
            return .init(name: "coverage", summary: "coverage could not be computed", problems: [error.description])
        }
    }
}
