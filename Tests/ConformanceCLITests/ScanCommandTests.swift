import Cassettes
import Foundation
import Testing

@testable import ConformanceCLI

/// `conformance scan`: one line per finding, masked; exit 0 clean, 1 found, 2 unreadable.
@Suite struct ScanCommandTests {
    func write(_ text: String, to name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scan-cli-\(UUID().uuidString)/\(name)"
        ).path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func findingsArePrintedMaskedAndExitOne() throws {
        let secret = "ghp_CanaryGitHubToken0123456789abcdef"
        let path = try write(
            "{\n  \"headers\": [[\"Authorization\", \"token \(secret)\"]],\n  \"password\": \"CanaryPw12345\"\n}\n",
            to: "leak.json")
        let run = Run(["scan", path])
        #expect(run.code == 1)
        #expect(
            run.stdout == """
                \(path):2:40: github-token: ghp_Cana********
                \(path):3:3: json-secret: "password": "Ca********"

                """)
        #expect(!run.stdout.contains(secret) && !run.stdout.contains("CanaryPw12345"))
        #expect(run.stderr == "")
    }

    @Test func cleanFilesExitZero() throws {
        let path = try write(#"{"headers": [["Authorization", "<redacted:authorization>"]]}"#, to: "clean.json")
        let run = Run(["scan", path])
        #expect(run.code == 0)
        #expect(run.stdout == "")
    }

    @Test func unreadablePathsExitTwoAfterScanningTheRest() throws {
        let path = try write("api_key=CanaryQueryKey42", to: "k.txt")
        let run = Run(["scan", "/nonexistent/recordings", path])
        #expect(run.code == 2)
        #expect(run.stderr == "conformance scan: /nonexistent/recordings: no such file or directory\n")
        #expect(run.stdout == "\(path):1:1: query-secret: api_key=Cana********\n")
    }

    @Test func theRepositoryRecordingsScanClean() {
        let run = Run(["scan", Files.repo("recordings")])
        #expect(run.stdout == "")
        #expect(run.code == 0)
    }

    @Test func helpListsTheRules() {
        let run = Run(["scan", "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("Rules: private-key, private-key-body, aws-access-key, aws-secret-key, stripe-key"))
    }
}
