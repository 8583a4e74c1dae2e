import ConformanceHarness
import Contracts
import Foundation
import Testing

/// Policies and contract folders written as YAML read as their JSON twins.
@Suite struct YAMLInputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("a .yaml policy file reads as the same policy in JSON")
    func policy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = folder.appendingPathComponent("policy.yaml").path
        let json = folder.appendingPathComponent("policy.json").path
        try """
        # Tolerate unknown ID prefixes on one field.
        rules:
          - kind: break-pattern
            field: data.phoneNumberId
            expect: tolerate
          - {kind: unknown-field, expect: skip}
        """.write(toFile: yaml, atomically: true, encoding: .utf8)
        try
            #"{"rules": [{"kind": "break-pattern", "field": "data.phoneNumberId", "expect": "tolerate"}, {"kind": "unknown-field", "expect": "skip"}]}"#
            .write(toFile: json, atomically: true, encoding: .utf8)
        #expect(try MutationPolicy.load(path: yaml) == MutationPolicy.load(path: json))
    }

    @Test(
        "policy errors name the YAML file and the place",
        arguments: [
            ("rules:\n  - kind: break-pattern\n    expect: maybe\n", "/rules/0/expect: expected \"reject\""),
            ("rules: [\n", ":2:1: unterminated flow collection"),
        ])
    func policyErrors(text: String, message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("policy.yml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try MutationPolicy.load(path: path)
            Issue.record("loaded")
        } catch {
            #expect(error.description.hasPrefix(path))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test("a contracts folder may hold *.openapi.yaml and *.openapi.yml")
    func contractsFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let contracts = folder.appendingPathComponent("contracts")
        let recordings = folder.appendingPathComponent("recordings")
        try FileManager.default.createDirectory(at: contracts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: recordings, withIntermediateDirectories: true)
        for (name, file) in [("courier", "courier.openapi.yaml"), ("sendo", "sendo.openapi.yml")] {
            // JSON is YAML: the bundled file, renamed, is a YAML contract.
            try FileManager.default.copyItem(
                atPath: Self.root.appendingPathComponent("contracts/\(name).openapi.json").path,
                toPath: contracts.appendingPathComponent(file).path)
        }
        let suite = ConformanceSuite.load(
            contractsDirectories: [contracts.path], recordingsDirectories: [recordings.path])
        #expect(suite.contracts.keys.sorted() == ["courier", "sendo"])
    }
}
