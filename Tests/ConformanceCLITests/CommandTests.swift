import Foundation
import Testing

@testable import ConformanceCLI

enum Files {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
    static func repo(_ path: String) -> String { packageRoot.appendingPathComponent(path).path }
}

struct Run {
    let code: Int32
    let stdout: String
    let stderr: String

    init(_ arguments: [String]) {
        let out = Output()
        let err = Output()
        code = CLI.run(arguments, stdout: out, stderr: err)
        stdout = out.text
        stderr = err.text
    }
}

@Suite struct ValidateCommandTests {
    let contract = Files.repo("contracts/openphone.openapi.json")

    @Test func validBodyExitsZero() {
        let run = Run([
            "validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200",
            Files.repo("contracts/examples/openphone-message.json"),
        ])
        #expect(run.code == 0)
        #expect(run.stdout == "\(Files.repo("contracts/examples/openphone-message.json")): valid\n")
        #expect(run.stderr == "")
    }

    @Test func invalidBodyListsEveryViolation() {
        let file = Files.fixture("openphone-invalid.json")
        let run = Run(["validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200", file])
        #expect(run.code == 1)
        #expect(
            run.stdout == """
                \(file): invalid (3 violations)
                  /data/id: "XY3f5e2b1c9d8a7f6e5d4c3b2a19" does not match pattern ^AC(.*)$ [pattern at #/components/schemas/Message/properties/id/pattern]
                  /data/status: "received" is not one of the allowed values: "queued", "sent", "delivered", "undelivered" [enum at #/components/schemas/Message/properties/status/enum]
                  /data: required property "userId" is missing [required at #/components/schemas/Message/required]

                """)
    }

    @Test func jsonFormatIsParseableAndComplete() throws {
        let file = Files.fixture("openphone-invalid.json")
        let run = Run([
            "validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200", "--format",
            "json", file,
        ])
        #expect(run.code == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let files = try #require(report["files"] as? [[String: Any]])
        let violations = try #require(files.first?["violations"] as? [[String: Any]])
        #expect(violations.map { $0["instancePointer"] as? String } == ["/data/id", "/data/status", "/data"])
        #expect(violations.first?["keyword"] as? String == "pattern")
    }

    @Test func malformedBodyIsAnInputErrorWithFileAndPlace() {
        let file = Files.fixture("malformed.json")
        let run = Run(["validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200", file])
        #expect(run.code == 2)
        #expect(run.stderr == "conformance validate: \(file):4:18: invalid escape '\\q' in string\n")
    }

    @Test func errorStatusesUseTheirOwnSchema() throws {
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("op-404-\(UUID().uuidString).json")
        try Data(
            #"{"message":"Not found","code":"0200404","status":404,"docs":"https://openphone.com/docs","title":"Not Found"}"#
                .utf8
        ).write(to: body)
        defer { try? FileManager.default.removeItem(at: body) }
        #expect(
            Run(["validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "404", body.path])
                .code == 0)
        #expect(
            Run(["validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "401", body.path])
                .code == 1)
    }

    @Test(
        "usage errors exit 2 with one line",
        arguments: [
            (["validate"], "conformance validate: no FILE to validate (see --help)"),
            (
                ["validate", "x.json"],
                "conformance validate: give --contract FILE (with --operation and --status) or --schema FILE"
            ),
            (["validate", "--contract", "c.json", "x.json"], "conformance validate: --contract needs --operation ID"),
            (
                ["validate", "--contract", "/nonexistent.json", "--operation", "a", "--status", "200", "x.json"],
                "conformance validate: /nonexistent.json:1:1: cannot open: No such file or directory"
            ),
            (
                ["validate", "--schema", "s.json", "--contract", "c.json", "x"],
                "conformance validate: --contract and --schema cannot be combined"
            ),
            (
                ["validate", "--contract", "c.json", "--operation", "a", "--status", "abc", "x"],
                "conformance validate: invalid status 'abc' (expected an HTTP status code such as 200)"
            ),
            (
                ["valdate"],
                "conformance: unknown command 'valdate' (did you mean 'validate'?); see 'conformance --help'"
            ),
            (
                ["validate", "--formt", "json", "x"],
                "conformance validate: unknown option '--formt' (did you mean '--format'?)"
            ),
            (
                ["validate", "--format", "xml", "x"],
                "conformance validate: invalid value 'xml' for '--format' (expected text, json)"
            ),
            (
                ["validate", "--schema", "s.json", "--dialect", "draft7", "x"],
                "conformance validate: invalid value 'draft7' for '--dialect' (expected openapi-3.0, openapi-3.1, draft4, draft2020-12)"
            ),
            (["validate", "--schema"], "conformance validate: option '--schema' needs a value (FILE)"),
            (
                ["validate", "--schema", "s.json", "--jsonl", "--jobs", "0", "x"],
                "conformance validate: invalid value '0' for '--jobs' (expected a positive integer)"
            ),
            (
                ["validate", "--schema", "/nonexistent.json", "x"],
                "conformance validate: /nonexistent.json: cannot open: No such file or directory"
            ),
            (
                ["validate", "--schema", "s.json", "--status", "200", "x"],
                "conformance validate: --operation and --status apply to --contract only"
            ),
            (
                ["validate", "--contract", "c.json", "--dialect", "draft4", "x"],
                "conformance validate: --dialect applies to --schema only"
            ),
            (["lint", "--strictest"], "conformance lint: unknown option '--strictest'"),
            (
                ["validate", "--schema", "s.json", "-j", "2", "x"],
                "conformance validate: --jobs applies to --jsonl only"
            ),
        ])
    func usageErrors(arguments: [String], message: String) {
        let run = Run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr == message + "\n")
        #expect(run.stdout == "")
    }

    @Test func unknownOperationAndStatusNameWhatExists() {
        let op = Run(["validate", "--contract", contract, "--operation", "nope", "--status", "200", "x"])
        #expect(op.code == 2)
        #expect(
            op.stderr
                == "conformance validate: \(contract) has no operation 'nope' (operations: getMessageById_v1, sendMessage_v1)\n"
        )
        let status = Run([
            "validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "418", "x",
        ])
        #expect(
            status.stderr
                == "conformance validate: \(contract): getMessageById_v1 documents no response for status 418 (documented: 200, 400, 401, 402, 403, 404, 500)\n"
        )
    }

    @Test func jsonlWritesOneLinePerInstanceInOrder() {
        let run = Run([
            "validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", Files.fixture("instances.jsonl"),
        ])
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        #expect(lines[0] == "valid")
        #expect(lines[1] == #"invalid /id: "XY1" does not match pattern ^AC [pattern at #/properties/id/pattern]"#)
        #expect(lines[2] == "invalid 1:1: invalid literal: expected 'null'")
        #expect(
            lines[3]
                == #"invalid /count: -1 is less than the minimum of 0 [minimum at #/properties/count/minimum]; (root): required property "id" is missing [required at #/required]"#
        )
        #expect(lines[4] == "invalid 1:1: empty document: expected a JSON value")
        #expect(lines[5] == "valid")
    }

    @Test func malformedSchemaIsAnInputError() {
        let file = Files.fixture("bad-schema.json")
        let run = Run(["validate", "--schema", file, "--jsonl", Files.fixture("instances.jsonl")])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("conformance validate: \(file)#/properties/id/type: unknown type \"strng\""))
    }

    @Test func missingBodyIsAnInputErrorAndTheOthersStillRun() {
        let run = Run([
            "validate", "--schema", Files.fixture("id-schema.json"), "/nonexistent/body.json",
            Files.fixture("malformed.json"),
        ])
        #expect(run.code == 2)
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                conformance validate: /nonexistent/body.json: cannot open: No such file or directory
                conformance validate: \(Files.fixture("malformed.json")):4:18: invalid escape '\\q' in string

                """)
    }

    @Test func textReportNamesEachFile() {
        let good = Files.repo("contracts/examples/openphone-message.json")
        let bad = Files.fixture("openphone-invalid.json")
        let run = Run([
            "validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200", good, bad,
        ])
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(good): valid")
        #expect(lines.dropFirst().first == "\(bad): invalid (3 violations)")
        #expect(lines.count == 5)
    }

    @Test func dialectCanBeChosen() {
        let run = Run([
            "validate", "--schema", Files.fixture("id-schema.json"), "--dialect", "draft4",
            Files.repo("contracts/examples/openphone-message.json"),
        ])
        #expect(run.code == 1)
        #expect(run.stdout.contains("required property \"id\" is missing"))
    }
}

@Suite struct LintAndHelpTests {
    @Test func lintsTheBundledContracts() {
        let run = Run(["lint", Files.repo("contracts")])
        #expect(run.code == 0)
        #expect(run.stdout == "4 contracts, 0 errors, 0 warnings\n")
    }

    @Test func lintReportsEachFindingOnceAndExitsOne() {
        let directory = Files.fixture("lint")
        let file = directory + "/broken.openapi.json"
        let run = Run(["lint", directory])
        #expect(run.code == 1)
        #expect(
            run.stdout == """
                \(file)#/components/schemas/Thing/properties/owner/$ref: error: $ref "#/components/schemas/Owner" does not resolve
                \(file)#/paths/~1v1~1things~1%7BthingId%7D/get: error: path parameter {thingId} of /v1/things/{thingId} is not declared
                1 contract, 2 errors, 0 warnings

                """)
    }

    @Test func lintMissingPathIsAnInputError() {
        let run = Run(["lint", "/nonexistent/dir"])
        #expect(run.code == 2)
        #expect(run.stderr == "conformance lint: /nonexistent/dir: no such file or directory\n")
    }

    @Test("every command has --help", arguments: ["validate", "lint"])
    func help(command: String) {
        let run = Run([command, "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.hasPrefix("OVERVIEW: "))
        #expect(run.stdout.contains("conformance \(command)"))
    }

    @Test func topLevelHelpAndVersion() {
        #expect(Run(["--help"]).stdout.contains("COMMANDS:"))
        #expect(Run(["--version"]).stdout == CLI.version + "\n")
        #expect(Run([]).code == 2)
    }
}
