import Foundation
import Testing

/// Runs the built `conformance` executable, as a user would.
@Suite struct BinaryTests {
    static var binary: URL? {
        let candidates = [".build/debug/conformance", ".build/release/conformance"].map { Files.packageRoot.appendingPathComponent($0) }
        let bundleSibling = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("conformance")
        return ([bundleSibling] + candidates).first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    func run(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = try #require(BinaryTests.binary)
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
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil, "the conformance executable is not built"))
    func quickStartCommandPasses() throws {
        let result = try run(["validate", "--contract", "contracts/openphone.openapi.json", "--operation", "getMessageById_v1", "--status", "200", "contracts/examples/openphone-message.json"])
        #expect(result.code == 0)
        #expect(result.stdout == "contracts/examples/openphone-message.json: valid\n")
        #expect(result.stderr == "")
    }

    @Test(.enabled(if: binary != nil, "the conformance executable is not built"))
    func badOptionExitsTwoOnStderr() throws {
        let result = try run(["lint", "--strict"])
        #expect(result.code == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "conformance lint: unknown option '--strict'\n")
    }

    @Test(.enabled(if: binary != nil, "the conformance executable is not built"))
    func readsStandardInput() throws {
        let process = Process()
        process.executableURL = try #require(BinaryTests.binary)
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
        #expect(text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["valid", "invalid"])
    }
}
