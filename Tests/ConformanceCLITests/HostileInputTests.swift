import Foundation
import Testing

@testable import ConformanceCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The abuse corpus for commands: inputs built to trap, hang or flood. Each must end with a verdict or
/// a one-line error. Work is bounded by sizes, not timed.
@Suite struct HostileInputTests {
    /// A fresh folder under the temporary directory.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// An OpenAPI 3.0 contract whose one response is `S0`, with `S0` → `S1` → … → `S(n-1)` and the last
    /// schema `last` (JSON text).
    static func chainContract(_ n: Int, last: String) -> String {
        var schemas: [String] = []
        schemas.reserveCapacity(n)
        for i in 0..<(n - 1) { schemas.append(##""S\##(i)": {"$ref": "#/components/schemas/S\##(i + 1)"}"##) }
        schemas.append(##""S\##(n - 1)": \##(last)"##)
        return ##"""
            {"openapi": "3.0.3", "info": {"title": "chain", "version": "1"},
             "paths": {"/x": {"get": {"operationId": "getX", "responses": {"200": {"description": "ok",
               "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}}}},
             "components": {"schemas": {\##(schemas.joined(separator: ",\n"))}}}
            """##
    }

    static func write(_ text: String, _ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("validate --jsonl -j 9223372036854775807 runs (jobs are capped), one verdict per line")
    func hugeJobs() throws {
        let folder = try Self.folder()
        let schema = try Self.write(#"{"type": "integer"}"#, "s.json", in: folder)
        let lines = try Self.write("1\n\"x\"\n2\n", "i.jsonl", in: folder)
        for jobs in ["9223372036854775807", "4096", "3"] {
            let run = Run(["validate", "--schema", schema, "--jsonl", "-j", jobs, lines])
            #expect(run.code == 1)
            #expect(run.stdout.split(separator: "\n").map { $0.prefix(7) } == ["valid", "invalid", "valid"])
        }
        let run = Run(["validate", "--schema", schema, "--jsonl", "-j", "92233720368547758070", lines])
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "conformance validate: invalid value '92233720368547758070' for '--jobs' (expected a positive integer)\n"
        )
    }

    @Test(
        "counts of 2^63 and more, and ±1e400, in a schema: validate, lint and diff give verdicts",
        arguments: ["9223372036854775808", "1e400", "-1e400", "18446744073709551616.0"])
    func hugeCounts(_ literal: String) throws {
        let folder = try Self.folder()
        let keywords = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]
        let schema = "{" + keywords.map { "\"\($0)\": \(literal)" }.joined(separator: ", ") + "}"
        let schemaFile = try Self.write(schema, "s.json", in: folder)
        let body = try Self.write(#""text""#, "b.json", in: folder)
        let validate = Run(["validate", "--schema", schemaFile, body])
        let contract = try Self.write(Self.chainContract(1, last: schema), "c.openapi.json", in: folder)
        let lint = Run(["lint", contract])
        if literal.hasPrefix("-") {
            #expect(validate.code == 2)
            #expect(validate.stderr.contains(" must be a non-negative integer, found \(literal)"))
            #expect(lint.code == 1)
            #expect(runDiff([contract, contract]).code == 2)
        } else {
            // No string is 2^63 characters long: minLength fails, maxLength holds.
            #expect(validate.code == 1)
            #expect(validate.stdout.contains("minLength"))
            #expect(!validate.stdout.contains("maxLength"))
            #expect(lint.code == 0)
            #expect(runDiff([contract, contract]).code == 0)
        }
    }

    @Test("lint, validate and diff read a chain of 20,000 $refs (linear work)")
    func longChain() throws {
        let folder = try Self.folder()
        let contract = try Self.write(
            Self.chainContract(20_000, last: #"{"type": "object"}"#), "chain.openapi.json", in: folder)
        let lint = Run(["lint", contract])
        #expect(lint.code == 0)
        #expect(lint.stdout == "1 contract, 0 errors, 0 warnings\n")
        // A contract against itself: nothing changed, however long the chain.
        let diff = runDiff([contract, contract])
        #expect(diff.code == 0)
        #expect(diff.stdout.hasPrefix("no changes"))
    }

    @Test("a cyclic chain is one lint finding, and diff refuses it with exit status 2")
    func cyclicChain() throws {
        let folder = try Self.folder()
        let bad = try Self.write(
            Self.chainContract(5_000, last: ##"{"$ref": "#/components/schemas/S0"}"##), "bad.openapi.json", in: folder)
        let good = try Self.write(Self.chainContract(3, last: #"{"type": "object"}"#), "good.openapi.json", in: folder)
        let lint = Run(["lint", bad])
        #expect(lint.code == 1)
        #expect(lint.stdout.split(separator: "\n").count == 2, "one finding and the summary")
        #expect(lint.stdout.contains("$ref cycle that never reaches a schema: #/components/schemas/S0 → "))
        #expect(lint.stdout.contains("… (4992 more)"))
        for (old, new) in [(bad, good), (good, bad)] {
            let diff = runDiff([old, new])
            #expect(diff.code == 2)
            #expect(diff.stdout == "")
            #expect(
                diff.stderr.hasPrefix(
                    "conformance diff: \(bad)#/components/schemas/S0: error: $ref cycle that never reaches a schema"))
            #expect(diff.stderr.hasSuffix("(`conformance lint \(bad)` lists every problem)\n"))
        }
    }

    @Test("diff refuses a contract with a $ref that does not resolve")
    func missingRef() throws {
        let folder = try Self.folder()
        let bad = try Self.write(
            Self.chainContract(2, last: ##"{"$ref": "#/components/schemas/Gone"}"##), "bad.openapi.json", in: folder)
        let diff = runDiff([bad, bad])
        #expect(diff.code == 2)
        #expect(
            diff.stderr
                == "conformance diff: \(bad)#/components/schemas/S1/$ref: error: $ref \"#/components/schemas/Gone\" does not resolve (`conformance lint \(bad)` lists every problem)\n"
        )
    }

    @Test("a 1 MB path, option or value is quoted as a bounded excerpt")
    func longWords() {
        let long = String(repeating: "p", count: 1_000_000)
        for arguments in [
            ["validate", "--schema", "/" + long, "x"], ["lint", "/" + long], ["diff", "/" + long, "/b"],
            ["validate", "--" + long], ["validate", "--format", long, "x"], ["lint", long],
            ["serve", "--port", long, Files.repo("recordings")],
            ["validate", "--schema", "s.json", "--jsonl", "-j", long, "x"],
        ] {
            let run =
                arguments[0] == "diff"
                ? {
                    let d = runDiff(Array(arguments.dropFirst()))
                    return (d.code, d.stderr)
                }()
                : {
                    let r = Run(arguments)
                    return (r.code, r.stderr)
                }()
            #expect(run.0 == 2)
            #expect(run.1.utf8.count < 400, "\(arguments.map { $0.prefix(20) })")
            #expect(run.1.contains("(1000001 bytes)") || run.1.contains("(1000000 bytes)"), "\(run.1)")
        }
    }

    /// A FIFO nobody writes to: opening it to read would wait for a writer forever.
    static func fifo(_ name: String, in folder: String) throws -> String {
        let path = folder + "/" + name
        try #require(mkfifo(path, 0o600) == 0)
        return path
    }

    @Test("every reader refuses a FIFO named *.json, and a device, with one line instead of waiting")
    func nonRegularFiles() throws {
        let folder = try Self.folder()
        let fifo = try Self.fifo("body.json", in: folder)
        let schema = try Self.write(#"{"type": "object"}"#, "s.json", in: folder)
        let contract = Files.repo("contracts/openphone.openapi.json")
        let fifoMessage = "is a FIFO (named pipe; give - to read standard input), not a regular file"
        let runs: [([String], String)] = [
            (["validate", "--schema", schema, fifo], "\(fifo): \(fifoMessage)"),
            (["validate", "--schema", fifo, schema], "\(fifo): \(fifoMessage)"),
            (["validate", "--schema", schema, "--jsonl", fifo], "\(fifo): \(fifoMessage)"),
            (["validate", "--schema", schema, "/dev/null"], "/dev/null: is a character device, not a regular file"),
            (
                ["validate", "--contract", fifo, "--operation", "x", "--status", "200", schema],
                "\(fifo):1:1: \(fifoMessage)"
            ),
            (["lint", fifo], "\(fifo):1:1: \(fifoMessage)"),
            (["serve", folder], "\(fifo): \(fifoMessage)"),
        ]
        for (arguments, message) in runs {
            let run = Run(arguments)
            #expect(run.code == 2, "\(arguments)")
            #expect(run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1)
        }
        let diff = runDiff([fifo, contract])
        #expect(diff.code == 2)
        #expect(diff.stderr == "conformance diff: \(fifo): \(fifoMessage)\n")
    }

    @Test("verify and coverage report a FIFO among the cassettes as a problem and finish")
    func fifoCassette() throws {
        let root = try Self.folder()
        try FileManager.default.createDirectory(
            atPath: root + "/recordings/courier/messages_get", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/contracts", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Files.repo("contracts/courier.openapi.json"), toPath: root + "/contracts/courier.openapi.json")
        let fifo = try Self.fifo("recordings/courier/messages_get/stuck.json", in: root)
        let coverage = Run(["coverage", "--contracts", root + "/contracts", "--recordings", root + "/recordings"])
        #expect(
            coverage.stdout.contains(fifo) || coverage.stderr.contains(fifo), "\(coverage.stdout)\(coverage.stderr)")
        #expect((coverage.stdout + coverage.stderr).contains("is a FIFO"))
    }
}
