/// Plain-text and Markdown renderings: a table per provider and operation, then every failure with
/// its cassette, mutation, place, expected vs actual and the command that reproduces it.
extension VerificationReport {
    /// The terminal rendering.
    public func text() -> String {
        var lines: [String] = []
        for check in checks {
            lines.append("\(check.passed ? "ok  " : "FAIL") \(check.name): \(check.summary)")
            for problem in check.problems.prefix(50) { lines.append("     \(problem)") }
            if check.problems.count > 50 { lines.append("     … \(check.problems.count - 50) more") }
        }
        if !cases.isEmpty {
            lines.append("")
            let header = ["provider", "operation", "client", "cases", "passed", "failed", "mutation score"]
            var table = [header]
            for row in rows {
                table.append([
                    row.provider, row.operationId, row.client, String(row.cases), String(row.passed),
                    String(row.failed),
                    row.mutations == 0
                        ? "-" : "\(row.mutationScore.oneDecimal)% (\(row.mutationsCaught)/\(row.mutations))",
                ])
            }
            let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
            for (index, row) in table.enumerated() {
                lines.append(
                    row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(
                        separator: "  "))
                if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
        }
        let failures = cases.filter { !$0.passed }
        if !failures.isEmpty {
            lines.append("")
            lines.append("FAILURES (\(failures.count))")
            for record in failures.prefix(200) {
                lines.append("")
                lines += failureLines(record)
            }
            if failures.count > 200 { lines.append("… \(failures.count - 200) more failures (see the JSON report)") }
        }
        lines.append("")
        let caseSummary = "\(cases.count) cases, \(cases.filter(\.passed).count) passed, \(failures.count) failed"
        lines.append(
            "\(passed ? "PASSED" : "FAILED"): \(checks.filter(\.passed).count)/\(checks.count) checks, \(caseSummary) in \(duration.twoDecimals) s"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    func failureLines(_ record: CaseRecord) -> [String] {
        var lines = ["✗ \(record.client) \(record.id)", "  cassette: \(record.cassette)"]
        if let mutation = record.mutation { lines.append("  mutation: \(mutation)") }
        lines.append("  expected: \(record.expected); observed: \(record.observed)")
        for finding in record.findings.prefix(10) { lines.append("  - \(finding)") }
        if record.findings.count > 10 { lines.append("  - … \(record.findings.count - 10) more") }
        lines.append("  reproduce: \(record.reproduce)")
        return lines
    }

    /// A pull-request summary.
    public func markdown() -> String {
        var lines = ["## Conformance: \(passed ? "passed ✅" : "failed ❌")", ""]
        lines.append(
            "\(cases.count) cases, \(cases.filter(\.passed).count) passed, \(cases.filter { !$0.passed }.count) failed · contracts `\(contractsDigest.prefix(12))` · recordings `\(recordingsDigest.prefix(12))`"
        )
        lines.append("")
        lines.append("| check | result |")
        lines.append("|---|---|")
        for check in checks {
            lines.append("| \(check.name) | \(check.passed ? "✅ " : "❌ ")\(escape(check.summary)) |")
        }
        if !cases.isEmpty {
            lines += [
                "", "| provider | operation | client | cases | passed | failed | mutation score |",
                "|---|---|---|---:|---:|---:|---:|",
            ]
            for row in rows {
                let score =
                    row.mutations == 0
                    ? "–" : "\(row.mutationScore.oneDecimal)% (\(row.mutationsCaught)/\(row.mutations))"
                lines.append(
                    "| \(row.provider) | `\(row.operationId)` | \(row.client) | \(row.cases) | \(row.passed) | \(row.failed) | \(score) |"
                )
            }
        }
        let failures = cases.filter { !$0.passed }
        if !failures.isEmpty {
            lines += [
                "", "<details><summary>\(failures.count) failing case\(failures.count == 1 ? "" : "s")</summary>", "",
                "```",
            ]
            for record in failures.prefix(100) { lines += failureLines(record) }
            lines += ["```", "</details>"]
        }
        for check in checks where !check.passed {
            lines += ["", "**\(check.name)**", ""]
            for problem in check.problems.prefix(50) { lines.append("- \(escape(problem))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}

extension Double {
    var twoDecimals: String {
        let hundredths = Int((self * 100).rounded())
        let fraction = String(hundredths % 100)
        return "\(hundredths / 100).\(fraction.count == 1 ? "0" + fraction : fraction)"
    }
}
