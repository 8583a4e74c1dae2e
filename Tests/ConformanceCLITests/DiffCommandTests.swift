import Foundation
import Testing

@testable import ConformanceCLI

/// Runs `conformance diff ARGUMENTS`: through `CLI.run` once the command is in `CLI.registry`, and
/// until then the way `CLI.run` would (parse with the spec, `--help`, run), so these tests hold either way.
func runDiff(_ arguments: [String]) -> DiffRun {
    if CLI.registry.contains(where: { $0.spec.name == "diff" }) {
        let run = Run(["diff"] + arguments)
        return DiffRun(code: run.code, stdout: run.stdout, stderr: run.stderr)
    }
    let out = Output()
    let err = Output()
    let code: Int32
    do {
        let parsed = try DiffCommand.spec.parse(arguments)
        if parsed.flag("help") {
            out.write(DiffCommand.spec.help)
            code = CLI.ExitCode.success
        } else {
            code = DiffCommand.run(
                CommandContext(arguments: parsed, environment: [:], stdout: out, stderr: err, command: "diff"))
        }
    } catch {
        err.line(error.description)
        code = CLI.ExitCode.usage
    }
    out.flush()
    err.flush()
    return DiffRun(code: code, stdout: out.text, stderr: err.text)
}

struct DiffRun {
    let code: Int32
    let stdout: String
    let stderr: String
}

@Suite struct DiffCommandTests {
    static func pair(_ name: String) -> String { Files.repo("Tests/ContractsTests/Fixtures/diff/\(name).json") }
    let courier = pair("courier")
    let newStatus = pair("courier-new-status")

    @Test func breakingChangesExitOneWithOneLinePerChangeAndASummary() {
        let run = runDiff([courier, newStatus])
        #expect(run.code == 1)
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                BREAKING  messages_get 200 /components/schemas/MessageStatus  status: enum value added ("REQUEUED") (also messages_list 200)
                INFO      messages_list request /components/schemas/MessageStatus  query parameter status[]: enum value added ("REQUEUED")
                2 changes in 2 operations: 1 breaking, 1 non-breaking (\(courier) -> \(newStatus))

                """)
    }

    @Test func onlyBreakingHidesTheRestButCountsIt() {
        let run = runDiff([courier, newStatus, "--only-breaking"])
        #expect(run.code == 1)
        #expect(
            run.stdout.split(separator: "\n") == [
                "BREAKING  messages_get 200 /components/schemas/MessageStatus  status: enum value added (\"REQUEUED\") (also messages_list 200)",
                "2 changes in 2 operations: 1 breaking, 1 non-breaking (not shown) (\(courier) -> \(newStatus))",
            ])
    }

    @Test func nonBreakingChangesExitZero() {
        let new = Self.pair("openphone-userid-not-nullable")
        let run = runDiff([Self.pair("openphone"), new])
        #expect(run.code == 0)
        #expect(
            run.stdout.split(separator: "\n").first
                == "INFO      getMessageById_v1 200 /components/schemas/Message/properties/userId  data.userId: nullable removed (was string | null, now string)"
        )
        #expect(
            runDiff([Self.pair("openphone"), new, "--only-breaking"]).stdout.hasPrefix(
                "1 change in 1 operation: 0 breaking"))
    }

    @Test func identicalContractsHaveNoChanges() {
        let contract = Files.repo("contracts/sendo.openapi.json")
        let run = runDiff([contract, contract])
        #expect(run.code == 0)
        #expect(run.stdout == "no changes (\(contract) -> \(contract))\n")
    }

    @Test func jsonListsEveryChangeWithBothPointers() throws {
        let run = runDiff([Self.pair("courier"), Self.pair("courier-list-parameters"), "--format", "json"])
        #expect(run.code == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["breaking"] as? Bool == true)
        #expect((report["summary"] as? [String: Any])?["breaking"] as? Int == 3)
        let changes = try #require(report["changes"] as? [[String: Any]])
        #expect(
            changes.map { $0["kind"] as? String } == [
                "parameter-newly-required", "parameter-removed", "enum-value-removed", "parameter-added",
            ])
        let narrowed = changes[2]
        #expect(narrowed["severity"] as? String == "breaking")
        #expect(narrowed["side"] as? String == "request")
        #expect(narrowed["status"] is NSNull)
        #expect(narrowed["field"] as? String == "query parameter status[]")
        #expect(narrowed["oldPointer"] as? String == "/components/schemas/MessageStatus")
        #expect(narrowed["newPointer"] as? String == "/paths/~1messages/get/parameters/5/schema/items")
        #expect(changes[1]["newPointer"] is NSNull)
    }

    @Test func jsonListsEveryOperationThatReachesASharedChange() throws {
        let run = runDiff([courier, newStatus, "--format", "json"])
        #expect(run.code == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["changes"] as? Int == 2)
        #expect(summary["operations"] as? Int == 2)
        #expect(summary["breakingOperations"] as? Int == 2)
        let changes = try #require(report["changes"] as? [[String: Any]])
        let operations = try #require(changes.first?["operations"] as? [[String: Any]])
        #expect(operations.map { $0["operationId"] as? String } == ["messages_get", "messages_list"])
        #expect(operations.map { $0["status"] as? String } == ["200", "200"])
        #expect(operations.map { $0["field"] as? String } == ["status", "results[].status"])
        #expect(operations.map { $0["side"] as? String } == ["response", "response"])
    }

    @Test func malformedContractIsOneLineWithFileLineAndColumn() {
        let malformed = Self.pair("malformed.openapi")
        let run = runDiff([courier, malformed])
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(run.stderr == "conformance diff: \(malformed):6:3: trailing comma before '}'\n")
    }

    @Test func documentThatIsNotAContractNamesThePointer() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).json").path
        try Data(#"{"openapi": "2.0", "paths": {}}"#.utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = runDiff([file, courier])
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "conformance diff: \(file)#/openapi: unsupported OpenAPI version 2.0 (expected 3.0.x or 3.1.x)\n")
    }

    @Test func missingFileAndWrongArgumentsAreUsageErrors() {
        let missing = runDiff([courier, "/nonexistent/new.json"])
        #expect(missing.code == 2)
        #expect(missing.stderr == "conformance diff: /nonexistent/new.json: cannot open: No such file or directory\n")
        let one = runDiff([courier])
        #expect(one.code == 2)
        #expect(one.stderr == "conformance diff: expected two contract files, OLD and NEW (got 1); see --help\n")
        let format = runDiff([courier, courier, "--format", "yaml"])
        #expect(format.code == 2)
        #expect(format.stderr == "conformance diff: invalid value 'yaml' for '--format' (expected text, json)\n")
    }

    @Test func helpDescribesTheCommand() {
        let run = runDiff(["--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("conformance diff OLD NEW [--format text|json] [--only-breaking]"))
        #expect(run.stdout.contains("Exit status: 0 nothing breaks, 1 something breaks, 2 usage or input error."))
    }
}
