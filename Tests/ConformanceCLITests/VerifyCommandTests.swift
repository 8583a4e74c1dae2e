import BundledAdapters
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import ConformanceCLI

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct VerifyCommandTests {
    /// Runs the command off the cooperative pool, as the executable's main thread does.
    func run(_ arguments: [String]) async -> (code: Int32, stdout: String, stderr: String) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let out = Output()
                let err = Output()
                let code = CLI.run(
                    arguments, environment: [:], stdout: out, stderr: err,
                    gate: CLI.Gate(clients: BundledAdapters.clientSet))
                continuation.resume(returning: (code, out.text, err.text))
            }
        }
    }

    static let folders = ["--contracts", Files.repo("contracts"), "--recordings", Files.repo("recordings")]

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("verify-\(UUID().uuidString)-\(name)").path
    }

    @Test("verify passes for a bundled client and writes well-formed JUnit, parseable JSON and Markdown")
    func passesAndReports() async throws {
        let junit = temporary("junit.xml")
        let json = temporary("report.json")
        let markdown = temporary("summary.md")
        defer { for path in [junit, json, markdown] { try? FileManager.default.removeItem(atPath: path) } }
        let result = await run(
            ["verify", "--client", "openphone"] + Self.folders + [
                "--junit", junit, "--json", json, "--markdown", markdown,
            ])
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("openphone  getMessageById_v1  OpenPhoneClient"))
        #expect(result.stdout.contains("PASSED: "))

        let xml = try Data(contentsOf: URL(fileURLWithPath: junit))
        let delegate = JUnitCounter()
        let parser = XMLParser(data: xml)
        parser.delegate = delegate
        #expect(parser.parse(), "JUnit XML is well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.testcases > 400)
        #expect(delegate.failures == 0)

        let report = try JSONDocument.parse(contentsOf: json).value()
        #expect(report["format"] == "conformance-report")
        #expect(report["result"] == "passed")
        #expect(report["clients"]?[0]?["name"] == "OpenPhoneClient")
        #expect(report["contracts"]?["sha256"]?.stringValue?.count == 64)
        #expect(report["recordings"]?["files"]?.arrayValue?.isEmpty == false)
        let checks = report["checks"]?.arrayValue?.count ?? 0
        #expect(checks == 3)
        #expect(report["cases"]?.arrayValue?.count == delegate.testcases - checks)

        let summary = try String(contentsOfFile: markdown, encoding: .utf8)
        #expect(summary.hasPrefix("## Conformance: passed"))
    }

    @Test("a defect is caught: the failure names the cassette, mutation, place and the command that reproduces it")
    func defectIsCaught() async throws {
        let json = temporary("report.json")
        defer { try? FileManager.default.removeItem(atPath: json) }
        let result = await run(
            ["verify", "--client", "openphone", "--fault", "requires-nullable", "--json", json] + Self.folders)
        #expect(result.code == 1)
        #expect(result.stdout.contains("✗ OpenPhoneClient openphone/getMessageById_v1/incoming-user-null\n"))
        #expect(result.stdout.contains("threw instead of decoding: userId is required but was null"))
        #expect(
            result.stdout.contains(
                "reproduce: swift run conformance verify --client OpenPhoneClient --case 'openphone/getMessageById_v1/incoming-user-null'"
            ))
        let report = try JSONDocument.parse(contentsOf: json).value()
        #expect(report["result"] == "failed")
        let failed = (report["cases"]?.arrayValue ?? []).filter { $0["result"] == "failed" }
        #expect(!failed.isEmpty)
        #expect(failed.allSatisfy { $0["reproduce"]?.stringValue?.hasPrefix("swift run conformance verify") == true })
    }

    @Test("--case runs just that case")
    func singleCase() async {
        let id = "openphone/getMessageById_v1/documented-example#remove-required:/data/userId"
        let result = await run(["verify", "--client", "openphone", "--case", id] + Self.folders)
        #expect(result.code == 0)
        #expect(result.stdout.contains("1 cases, 1 passed, 0 failed"))
    }

    @Test(
        "usage and input errors are one line with exit status 2",
        arguments: [
            (
                ["verify", "--client", "nokia"],
                "conformance verify: unknown client 'nokia' (this executable has: courier"
            ),
            (["verify", "--fault", "gremlins"], "conformance verify: unknown fault 'gremlins' (known: ms-as-seconds"),
            (
                ["verify", "--contracts", "/nonexistent/contracts"],
                "conformance verify: /nonexistent/contracts: no such directory"
            ),
            (["verify", "--policy", "/nonexistent/policy.json"], "conformance verify: /nonexistent/policy.json"),
        ])
    func usageErrors(arguments: [String], message: String) async {
        let result = await run(arguments)
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

/// The command line as a library: a gate with a team's clients, its folders and its reproduce lines.
@Suite struct GateTests {
    func run(_ arguments: [String], gate: CLI.Gate) async -> (code: Int32, stdout: String, stderr: String) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let out = Output()
                let err = Output()
                let code = CLI.run(arguments, environment: [:], stdout: out, stderr: err, gate: gate)
                continuation.resume(returning: (code, out.text, err.text))
            }
        }
    }

    /// An adapter for an operation no contract has.
    struct Stranger: ConformanceAdapter {
        var name: String { "Stranger" }
        var version: String { "1" }
        var operations: Set<String> { ["sendFax"] }
        func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue { .null }
    }

    @Test func anExecutableWithoutClientsSaysHowToRegisterThem() async {
        let result = await run(["verify"] + VerifyCommandTests.folders, gate: CLI.Gate())
        #expect(result.code == 2)
        #expect(result.stderr.contains("CLI.main(clients: ClientSet([YourAdapter()]))"))
    }

    @Test func aClientThatRunsNoCaseFailsTheGate() async {
        let result = await run(
            ["verify", "--in-process"] + VerifyCommandTests.folders, gate: CLI.Gate(clients: ClientSet([Stranger()])))
        #expect(result.code == 1)
        #expect(result.stdout.contains("Stranger ran no case: none of its operations (sendFax)"))
    }

    @Test func reproduceLinesNameTheGateThatRan() async {
        let clients = ClientSet([BundledAdapters.named("openphone", fault: .requiresNullable)!])
        let result = await run(
            ["verify", "--in-process", "--case", "openphone/getMessageById_v1/incoming-user-null"]
                + VerifyCommandTests.folders,
            gate: CLI.Gate(clients: clients, command: "swift run my-gate"))
        #expect(result.code == 1)
        #expect(
            result.stdout.contains(
                "reproduce: swift run my-gate verify --client OpenPhoneClient --case 'openphone/getMessageById_v1/incoming-user-null'"
            ))
    }

    @Test func foldersDefaultToTheBundledSuiteFromAnotherFolder() throws {
        let parsed = try VerifyCommand.spec.parse([])
        let elsewhere = FileManager.default.temporaryDirectory.path
        let folders = try SuiteFolders.resolve(parsed, gate: CLI.Gate(), currentDirectory: elsewhere).get()
        #expect(folders.contracts == [ConformanceSuite.bundledRoot + "/contracts"])
        #expect(folders.recordings == [ConformanceSuite.bundledRoot + "/recordings"])
        let team = try SuiteFolders.resolve(
            try VerifyCommand.spec.parse(["--root", Files.repo(""), "--recordings", "/tmp"]), gate: CLI.Gate(),
            currentDirectory: elsewhere
        ).get()
        #expect(team.recordings == ["/tmp"])
        #expect(team.contracts.count == 1 && team.contracts[0].hasSuffix("contracts"))
        #expect(throws: UsageMessage.self) {
            try SuiteFolders.resolve(
                try VerifyCommand.spec.parse(["--root", "/nonexistent"]), gate: CLI.Gate(), currentDirectory: elsewhere
            ).get()
        }
    }
}

/// Counts test cases and failures while parsing JUnit XML.
private final class JUnitCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "testcase" { testcases += 1 }
        if name == "failure" { failures += 1 }
    }
}

/// The built executable isolates each client in a worker: a client that crashes fails the case it
/// was on, and the run goes on.
@Suite struct VerifyIsolationTests {
    /// Runs the built executable from the package root and returns how it ended and its standard
    /// output. Spawned and reaped as verify spawns its own workers (posix_spawn + waitpid):
    /// Foundation's `Process` can miss the exit under the thread sanitizer and wait for ever.
    static func run(_ arguments: [String]) throws -> (Subprocess.Termination, String) {
        let binary = try #require(BinaryTests.binary)
        var process = try Subprocess.spawn(binary.path, arguments: arguments)
        let errors = process.errors
        // Standard error is drained on its own thread, so a chatty child never blocks on a full pipe.
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            var scratch = [UInt8](repeating: 0, count: 4096)
            while read(errors, &scratch, scratch.count) > 0 {}
            drained.signal()
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(process.output, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        close(process.output)
        let termination = process.wait()
        _ = drained.wait(timeout: .now() + 5)
        close(errors)
        return (termination, String(decoding: bytes, as: UTF8.self))
    }

    /// A worker inherits its three standard descriptors and nothing else of the parent: a pipe of
    /// another thread kept open in a child (or in its crash reporter) would never see its end.
    @Test func spawnedChildrenInheritOnlyTheirStandardDescriptors() throws {
        let held = Pipe()  // open in this process while the child starts
        defer { withExtendedLifetime(held) {} }
        var child = try Subprocess.spawn("/bin/ls", arguments: ["/proc/self/fd"])
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while case let count = read(child.output, &buffer, buffer.count), count > 0 { bytes += buffer[0..<count] }
        close(child.output)
        close(child.errors)
        #expect(child.wait() == .exited(0))
        let descriptors = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
        // 0, 1, 2, and the one ls opened to list the folder.
        #expect(descriptors.count == 4, "\(descriptors)")
    }

    @Test(.enabled(if: BinaryTests.binary != nil, BinaryTests.notBuilt))
    func crashingClientFailsItsCasesAndTheRunContinues() throws {
        let (status, stdout) = try Self.run([
            "verify", "--client", "openphone", "--fault", "crashes-on-unknown-enum", "--case",
            "openphone/getMessageById_v1/documented-example*",
        ])
        #expect(status == .exited(1))
        #expect(
            stdout.contains(
                "✗ OpenPhoneClient openphone/getMessageById_v1/documented-example#unknown-enum-value:/data/direction"))
        // A signal in a normal build; an exit status when a sanitizer's handler catches the trap.
        #expect(
            stdout.contains("the client crashed: signal")
                || stdout.contains("the client crashed: the worker exited with status"))
        #expect(stdout.contains("Fatal error: unexpected enum value \"conformance_new_value\""))
        // The cases after each crash still ran and passed.
        #expect(stdout.contains("openphone  getMessageById_v1  OpenPhoneClient"))
        let summary = stdout.split(separator: "\n").last { $0.hasPrefix("FAILED: ") }
        #expect(summary?.contains(" 2 failed") == true, "\(summary ?? "")")
    }

    @Test(.enabled(if: BinaryTests.binary != nil, BinaryTests.notBuilt))
    func hangingClientFailsItsCasesAndTheRunContinues() throws {
        let (status, stdout) = try Self.run([
            "verify", "--client", "openphone", "--fault", "hangs-on-unknown-enum", "--case-timeout", "2", "--case",
            "openphone/getMessageById_v1/documented-example", "--case",
            "openphone/getMessageById_v1/documented-example#unknown-enum-value:*",
        ])
        #expect(status == .exited(1))
        let failures = stdout.split(separator: "\n").filter { $0.hasPrefix("✗ ") }
        #expect(failures.count == 2 && failures.allSatisfy { $0.contains("#unknown-enum-value:") }, "\(failures)")
        #expect(
            stdout.contains("did not finish within 2.0 seconds (hang?)")
                || stdout.contains("the client hung: no result within"))
        #expect(stdout.contains("3 cases, 1 passed, 2 failed"))
    }
}
