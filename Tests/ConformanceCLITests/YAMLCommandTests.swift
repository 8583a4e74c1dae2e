import Foundation
import Testing

@testable import ConformanceCLI

/// Commands that read a contract or a schema accept YAML as they accept JSON.
@Suite struct YAMLCommandTests {
    func temporary(_ name: String, _ text: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let schema = """
        $schema: https://json-schema.org/draft/2020-12/schema
        type: object
        properties:
          id: {type: string, pattern: ^AC}
          count: {type: integer, minimum: 0}
        required: [id]
        """

    @Test("validate --schema reads a .yaml schema")
    func validateSchema() throws {
        let schema = try temporary("id-schema.yaml", Self.schema)
        let good = try temporary("good.json", #"{"id": "AC1", "count": 2}"#)
        let bad = try temporary("bad.json", #"{"id": "XY1"}"#)
        #expect(Run(["validate", "--schema", schema, good]).code == 0)
        let run = Run(["validate", "--schema", schema, bad])
        #expect(run.code == 1)
        #expect(run.stdout.contains("/id"), "\(run.stdout)")
    }

    @Test("validate --schema names the YAML file, line and column of a malformed schema")
    func malformedSchema() throws {
        let schema = try temporary("broken.yml", "type: object\nproperties: {id: \n")
        let body = try temporary("body.json", "{}")
        let run = Run(["validate", "--schema", schema, body])
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(schema):3:1: "), "\(run.stderr)")
    }

    @Test("validate --contract and lint read a .yaml contract")
    func contract() throws {
        let text = try String(contentsOfFile: Files.repo("contracts/openphone.openapi.json"), encoding: .utf8)
        let contract = try temporary("openphone.openapi.yaml", text)
        let run = Run([
            "validate", "--contract", contract, "--operation", "getMessageById_v1", "--status", "200",
            Files.repo("contracts/examples/openphone-message.json"),
        ])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(Run(["lint", contract]).code == 0)
        #expect(Run(["lint", URL(fileURLWithPath: contract).deletingLastPathComponent().path]).code == 0)
    }

    @Test("diff compares YAML contracts")
    func diff() throws {
        let text = try String(contentsOfFile: Files.repo("contracts/courier.openapi.json"), encoding: .utf8)
        let old = try temporary("courier.openapi.yaml", text)
        let run = Run(["diff", old, Files.repo("contracts/courier.openapi.json")])
        #expect(run.code == 0, "\(run.stdout)\(run.stderr)")
    }
}
