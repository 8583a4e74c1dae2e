import Foundation
import JSON
import Testing

@testable import ConformanceCLI

/// Runs `conformance coverage ARGUMENTS` as `CLI.run` does (parse, `--help`, run), straight through
/// the command's spec, so these tests do not depend on the command's line in `CLI.registry`.
struct CoverageRun {
    let code: Int32
    let stdout: String
    let stderr: String

    init(_ arguments: [String]) {
        let out = Output()
        let err = Output()
        do {
            let parsed = try CoverageCommand.spec.parse(arguments)
            if parsed.flag("help") {
                out.write(CoverageCommand.spec.help)
                code = CLI.ExitCode.success
            } else {
                code = CoverageCommand.run(
                    CommandContext(arguments: parsed, environment: [:], stdout: out, stderr: err, command: "coverage"))
            }
        } catch {
            err.line(error.description)
            code = CLI.ExitCode.usage
        }
        out.flush()
        err.flush()
        stdout = out.text
        stderr = err.text
    }
}

/// `conformance coverage`: the matrix, the problems, and exit 0 complete / 1 incomplete / 2 usage.
@Suite struct CoverageCommandTests {
    /// A temporary contracts/ + recordings/ pair: one operation documenting 200 (with an enum) and 404.
    struct Fixture {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-cli-\(UUID().uuidString)")
            .path

        func write(_ relative: String, _ text: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        func cassette(status: Int, body: String) -> String {
            """
            {"version": 1, "operationId": "getThing", "provenance": {"kind": "documented", "source": "test"},
             "interactions": [{"request": {"method": "GET", "url": "https://api.example.com/things/T1", "headers": []},
               "response": {"status": \(status), "headers": [], "body": {"json": \(body)}}}]}
            """
        }

        init() throws {
            try write(
                "contracts/things.openapi.json",
                """
                {"openapi": "3.1.0", "info": {"title": "Things", "version": "1"}, "paths": {"/things/{id}": {"get": {
                  "operationId": "getThing",
                  "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object",
                      "properties": {"status": {"enum": ["on", "off"]}}}}}},
                    "404": {"description": "missing", "content": {"application/json": {"schema": {"type": "object"}}}}}}}}}
                """)
            try write("recordings/things/getThing/on.json", cassette(status: 200, body: #"{"status": "on"}"#))
            try write("recordings/things/getThing/off.json", cassette(status: 200, body: #"{"status": "off"}"#))
        }

        var arguments: [String] {
            ["--contracts", root + "/contracts", "--recordings", root + "/recordings"]
        }
    }

    @Test("the repository's contracts and recordings are completely covered")
    func repository() {
        let run = CoverageRun(["--contracts", Files.repo("contracts"), "--recordings", Files.repo("recordings")])
        #expect(run.stderr == "")
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.contains("openphone getMessageById_v1 (GET /v1/messages/{id})"))
        #expect(run.stdout.contains("  status 5XX (500, 503)  2: error-500, error-503"))
        #expect(run.stdout.contains("enum results[].status (shared with messages_get): \"CANCELED\" 1,"))
        #expect(!run.stdout.contains("MISSING"))
        #expect(run.stdout.hasSuffix(" 0 problems\n"))
        #expect(
            run.stdout.split(separator: "\n").last?.hasPrefix(
                "coverage complete: 9 operations, 50/50 documented responses covered") == true)
    }

    @Test("a documented status without a cassette: the matrix says MISSING, the problem names the place, exit 1")
    func missingStatus() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = CoverageRun(fixture.arguments)
        #expect(run.code == 1)
        #expect(
            run.stdout == """
                things getThing (GET /things/{id}) — \(fixture.root)/contracts/things.openapi.json, 2 cassettes
                  status 200  2: off, on
                  status 404  MISSING: no cassette
                  enum status: "on" 1, "off" 1
                problems (1):
                  missing-response: \(fixture.root)/contracts/things.openapi.json#/paths/~1things~1%7Bid%7D/get/responses/404: getThing documents response 404 but no cassette covers it: add recordings/things/getThing/<scenario>.json with a 404 response
                coverage incomplete: 1 operation, 1/2 documented responses covered, 2/2 enum values seen, 2 cassettes, 1 problem

                """)
    }

    @Test("complete coverage exits 0; a cassette breaking its contract exits 1 unless it says why")
    func violations() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try fixture.write("recordings/things/getThing/error-404.json", fixture.cassette(status: 404, body: "{}"))
        #expect(CoverageRun(fixture.arguments).code == 0)

        try fixture.write(
            "recordings/things/getThing/on.json", fixture.cassette(status: 200, body: #"{"status": "dimmed"}"#))
        let broken = CoverageRun(fixture.arguments)
        #expect(broken.code == 1)
        #expect(
            broken.stdout.contains(
                "contract-violation: \(fixture.root)/recordings/things/getThing/on.json#/interactions/0/response/body/json/status: response 200 (200): "
            ))
        #expect(broken.stdout.contains("MISSING: \"on\""))

        try fixture.write(
            "recordings/things/getThing/on.json",
            fixture.cassette(status: 200, body: #"{"status": "dimmed"}"#).replacingOccurrences(
                of: #""provenance""#, with: #""violation": "the device reports dimmed since firmware 2", "provenance""#)
        )
        try fixture.write(
            "recordings/things/getThing/on-2.json", fixture.cassette(status: 200, body: #"{"status": "on"}"#))
        let accepted = CoverageRun(fixture.arguments)
        #expect(accepted.code == 0, "\(accepted.stdout)")
        #expect(
            accepted.stdout.contains(
                "accepted violations (1):\n  \(fixture.root)/recordings/things/getThing/on.json: the device reports dimmed since firmware 2\n    "
            ))
    }

    @Test("--format json prints the report as JSON")
    func jsonFormat() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let run = CoverageRun(fixture.arguments + ["--format", "json"])
        #expect(run.code == 1)
        let json = try JSONDocument.parse(run.stdout).value()
        #expect(json["complete"] == false)
        #expect(json["operations"]?[0]?["statuses"]?[1]?["status"] == "404")
        #expect(json["problems"]?[0]?["kind"] == "missing-response")
    }

    @Test(
        "usage errors and unreadable folders exit 2 with one line",
        arguments: [
            (
                ["--format", "xml"],
                "conformance coverage: invalid value 'xml' for '--format' (expected text, json)"
            ),
            (
                ["--contracts", "/nonexistent/contracts"],
                "conformance coverage: /nonexistent/contracts: no such directory\n"
            ),
            (["extra"], "conformance coverage: "),
        ])
    func usage(arguments: [String], expected: String) {
        let run = CoverageRun(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix(expected))
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stdout == "")
    }

    @Test("help describes the options and the exit status")
    func help() {
        let run = CoverageRun(["--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("conformance coverage [--root DIR...] [--contracts DIR...] [--recordings DIR...] [--format text|json]"))
        #expect(run.stdout.contains("Exit status: 0 complete"))
    }
}
