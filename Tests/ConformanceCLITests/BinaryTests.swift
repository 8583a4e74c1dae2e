import Foundation
import Testing

/// Runs the built `conformance` executable, as a user would.
@Suite struct BinaryTests {
    /// The `conformance` built beside this test bundle (same configuration), else the package's debug
    /// or release build; nil (and the tests below are skipped, saying why) when none is built.
    static let binary: URL? = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        var besides: [URL] = []
        var directory = testBinary.deletingLastPathComponent()
        // The test runner lives inside `<name>.xctest` (a directory on Darwin): look beside the bundle.
        for _ in 0..<4 {
            besides.append(directory.appendingPathComponent("conformance"))
            directory = directory.deletingLastPathComponent()
        }
        besides.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("conformance"))
        let candidates = [".build/debug/conformance", ".build/release/conformance"].map {
            Files.packageRoot.appendingPathComponent($0)
        }
        return (besides + candidates).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static let notBuilt: Comment =
        "the conformance executable is not built next to the tests or in .build/debug; run `swift build` first"

    func run(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        let process = Process()
        guard let binary = BinaryTests.binary else { throw BinaryMissing() }
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = Files.packageRoot
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self)
        )
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func quickStartCommandPasses() throws {
        let result = try run([
            "validate", "--contract", "contracts/openphone.openapi.json", "--operation", "getMessageById_v1",
            "--status", "200", "contracts/examples/openphone-message.json",
        ])
        #expect(result.code == 0)
        #expect(result.stdout == "contracts/examples/openphone-message.json: valid\n")
        #expect(result.stderr == "")
    }

    struct BinaryMissing: Error {}

    @Test(.enabled(if: binary != nil, notBuilt))
    func malformedBodyExitsTwoWithFileLineAndColumn() throws {
        let file = Files.fixture("malformed.json")
        let result = try run(["validate", "--schema", Files.fixture("id-schema.json"), file])
        #expect(result.code == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "conformance validate: \(file):4:18: invalid escape '\\q' in string\n")
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func jsonlKeepsOneLinePerInstance() throws {
        let result = try run([
            "validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", Files.fixture("instances.jsonl"),
        ])
        #expect(result.code == 1)
        #expect(
            result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.prefix(7) } == [
                "valid", "invalid", "invalid", "invalid", "invalid", "valid", "",
            ])
        #expect(result.stderr == "")
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func versionAndHelp() throws {
        let version = try run(["--version"])
        #expect(version.code == 0)
        #expect(version.stdout.hasSuffix("\n") && !version.stdout.isEmpty)
        let help = try run(["validate", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.hasPrefix("OVERVIEW: Validate JSON bodies"))
        #expect(help.stderr == "")
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func badOptionExitsTwoOnStderr() throws {
        let result = try run(["lint", "--bogus"])
        #expect(result.code == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "conformance lint: unknown option '--bogus'\n")
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func noArgumentsPrintsTheOverviewOnStderrAndExitsTwo() throws {
        let result = try run([])
        #expect(result.code == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("OVERVIEW: "))
        #expect(result.stderr.contains("validate"))
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func validatesOneBodyFromStandardInput() throws {
        let process = Process()
        guard let binary = BinaryTests.binary else { throw BinaryMissing() }
        process.executableURL = binary
        process.arguments = ["validate", "--schema", Files.fixture("id-schema.json"), "-"]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data("{\n  \"id\": \"XY\"\n}\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(
            text == """
                -: invalid (1 violation)
                  /id: "XY" does not match pattern ^AC [pattern at #/properties/id/pattern]

                """)
        #expect(stderr == "")
    }

    @Test(.enabled(if: binary != nil, notBuilt))
    func readsStandardInput() throws {
        let process = Process()
        guard let binary = BinaryTests.binary else { throw BinaryMissing() }
        process.executableURL = binary
        process.arguments = ["validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", "-"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data("{\"id\":\"AC9\"}\n{\"id\":1}\n".utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(
            text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" } == [
                "valid", "invalid",
            ])
    }
}
