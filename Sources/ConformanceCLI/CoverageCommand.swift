import ConformanceHarness
import JSON

/// `conformance coverage`: the matrix of contract operations × documented statuses and enum values,
/// with the cassettes that cover each cell, and what is missing or broken.
enum CoverageCommand {
    static let spec = CommandSpec(
        name: "coverage",
        summary: "Show which cassettes cover each documented status and enum value, and what is missing.",
        usage: ["[--root DIR...] [--contracts DIR...] [--recordings DIR...] [--format text|json]"],
        options: SuiteFolders.options + [
            OptionSpec("format", value: "FORMAT", help: "Output format.", allowed: ["text", "json"])
        ],
        positionals: nil,
        discussion: """
            A documented response is covered by a cassette with a response it documents (exact status, then NXX, then default).
            Enum values count across a provider's cassettes: operations sharing an enum share its coverage.
            A cassette that breaks its contract on purpose names the reason in its root member "violation".
            Exit status: 0 complete, 1 a documented response or enum value without a cassette, a cassette that does not
            satisfy its contract, or one that cannot be read; 2 usage error or unreadable folder.
            """ + "\n" + SuiteFolders.discussion)

    static func run(_ context: CommandContext) -> Int32 {
        let arguments = context.arguments
        let report: CoverageReport
        let folders: SuiteFolders
        switch SuiteFolders.resolve(arguments, gate: context.gate) {
        case .success(let resolved): folders = resolved
        case .failure(let problem): return context.fail(problem.text)
        }
        for directory in folders.recordings { StaleTemporaries.sweep(tree: directory) }
        do {
            report = try CoverageReport.compute(
                contractsDirectories: folders.contracts, recordingsDirectories: folders.recordings)
        } catch {
            return context.fail(error.description)
        }
        if arguments.value("format") == "json" {
            context.stdout.append(contentsOf: JSONWriter.write(report.json, options: .init(pretty: true)))
            context.stdout.line("")
        } else {
            for line in text(report) { context.stdout.line(line) }
        }
        return report.isComplete ? CLI.ExitCode.success : CLI.ExitCode.failure
    }

    /// The human-readable report: one block per operation, then problems and accepted violations,
    /// then a one-line summary.
    static func text(_ report: CoverageReport) -> [String] {
        var lines: [String] = []
        for operation in report.operations {
            lines.append(
                "\(operation.provider) \(operation.operationId) (\(operation.method) \(operation.path)) — \(operation.contractFile), \(count(operation.cassettes.count, "cassette"))"
            )
            let width = operation.statuses.map(\.key.count).max() ?? 3
            for cell in operation.statuses {
                let seen = cell.seenStatuses.map(String.init).filter { $0 != cell.key }
                let label =
                    "status " + cell.key.padding(toLength: width)
                    + (seen.isEmpty ? "" : " (\(seen.joined(separator: ", ")))")
                if cell.cassettes.isEmpty {
                    lines.append("  \(label)  MISSING: no cassette")
                } else {
                    lines.append(
                        "  \(label)  \(cell.cassettes.count): \(cell.cassettes.map { scenarioName($0) }.joined(separator: ", "))"
                    )
                }
            }
            for field in operation.enums {
                let values = field.values.map { "\(JSONWriter.string($0.value).singleLine) \($0.cassettes.count)" }
                let unseen =
                    field.unseen.isEmpty
                    ? "" : "  MISSING: \(field.unseen.map { JSONWriter.string($0).singleLine }.joined(separator: ", "))"
                // Counts are per enum, so an enum several operations share shows the same counts in each.
                let sharing = report.operations.filter { other in
                    other.operationId != operation.operationId && other.contractFile == operation.contractFile
                        && other.enums.contains { $0.schemaLocation == field.schemaLocation }
                }
                let shared =
                    sharing.isEmpty ? "" : " (shared with \(sharing.map(\.operationId).joined(separator: ", ")))"
                lines.append("  enum \(field.field)\(shared): \(values.joined(separator: ", "))\(unseen)")
            }
        }
        if !report.problems.isEmpty {
            lines.append("problems (\(report.problems.count)):")
            for problem in report.problems { lines.append("  \(problem.kind): \(problem.description.singleLine)") }
        }
        if !report.accepted.isEmpty {
            lines.append("accepted violations (\(report.accepted.count)):")
            for item in report.accepted {
                lines.append("  \(item.file): \(item.reason.singleLine)")
                for violation in item.violations { lines.append("    \(violation.description.singleLine)") }
            }
        }
        let documented = report.operations.reduce(0) { $0 + $1.statuses.count }
        let covered = report.operations.reduce(0) { $0 + $1.statuses.filter { !$0.cassettes.isEmpty }.count }
        // A shared enum's values are counted once.
        var enumValues: [String: Bool] = [:]
        for operation in report.operations {
            for field in operation.enums {
                for item in field.values {
                    enumValues[operation.contractFile + field.schemaLocation + "=" + JSONWriter.string(item.value)] =
                        !item.cassettes.isEmpty
                }
            }
        }
        let summary =
            "\(count(report.operations.count, "operation")), \(covered)/\(documented) documented responses covered, \(enumValues.values.filter { $0 }.count)/\(enumValues.count) enum values seen, \(count(report.cassettes.count, "cassette")), \(count(report.problems.count, "problem"))"
        lines.append((report.isComplete ? "coverage complete: " : "coverage incomplete: ") + summary)
        return lines
    }

    /// The scenario name of a cassette path (`error-404` for `…/error-404.json`).
    static func scenarioName(_ file: String) -> String {
        guard let name = file.split(separator: "/").last, name.hasSuffix(".json") else { return file }
        return String(name.dropLast(5))
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
