import ConformanceHarness
import Testing

/// Runs one case with `adapter` and records each finding once, as a Swift Testing issue carrying
/// the whole story: what was expected, what the client did, the cassette, and the command that
/// runs just this case again. Returns the result for further checks.
///
/// ```swift
/// @Test(arguments: try ConformanceSuite.bundled().cases(for: MyAdapter()))
/// func conforms(_ item: ConformanceCase) async {
///     await expectConformance(item, with: MyAdapter())
/// }
/// ```
/// Cases are independent (each replays its own copy of the traffic), so the test runs in parallel.
@discardableResult
public func expectConformance(
    _ item: ConformanceCase, with adapter: some ConformanceAdapter, runner: CaseRunner = CaseRunner(),
    sourceLocation: SourceLocation = #_sourceLocation
) async -> CaseResult {
    let result = await runner.run(item, with: adapter)
    guard !result.passed else { return result }
    let reproduce = reproduceLine(for: item)
    for finding in result.findings {
        Issue.record(
            Comment(rawValue: ConformanceIssueText.text(finding, item: item, result: result, reproduce: reproduce)),
            sourceLocation: sourceLocation)
    }
    if result.findings.isEmpty {
        Issue.record(
            Comment(rawValue: "\(result.client) failed \(item.id) (\(result.observed))\n  reproduce: \(reproduce)"),
            sourceLocation: sourceLocation)
    }
    return result
}

/// Runs the suite-level checks — contracts load and lint clean, every cassette satisfies its
/// contract, every documented response and enum value is covered — and records each problem as an
/// issue. One call a team puts in its tests: `@Test func suiteIsSound() throws { expectSoundSuite(try .bundled()) }`.
public func expectSoundSuite(_ suite: ConformanceSuite, sourceLocation: SourceLocation = #_sourceLocation) {
    let verification = Verification(suite: suite)
    let (_, derivationProblems) = verification.cases()
    for check in verification.checks(derivationProblems: derivationProblems) {
        for problem in check.problems {
            Issue.record(Comment(rawValue: "\(check.name): \(problem)"), sourceLocation: sourceLocation)
        }
    }
}

/// The command that runs just `item` again in this test: `CONFORMANCE_CASE` narrows
/// ``ConformanceSuite/cases(for:policy:)`` to it, `--filter` the test function.
func reproduceLine(for item: ConformanceCase) -> String {
    let function = Test.current.map { test in
        String(test.name.prefix { $0 != "(" })
    }
    let filter = function.map { " --filter '\($0)'" } ?? ""
    return "CONFORMANCE_CASE='\(item.id)' swift test\(filter)"
}

/// The text of one finding as an issue.
enum ConformanceIssueText {
    static func text(_ finding: Finding, item: ConformanceCase, result: CaseResult, reproduce: String) -> String {
        """
        \(result.client) \(item.id): \(finding)
          expected: \(item.expectationSummary); observed: \(result.observed)
          cassette: \(item.cassettePath)
          reproduce: \(reproduce)
        """
    }
}
