import Foundation
import JSON
import Testing

@testable import Contracts

/// A contract written as YAML loads as its JSON twin would.
@Suite struct YAMLContractTests {
    static let courierLike = """
        # A Courier-like contract, written as OpenAPI authors write YAML.
        openapi: 3.0.1
        info:
          title: Courier (YAML)
          version: 0.0.1
        paths:
          /messages/{message_id}:
            get:
              operationId: messages_get
              parameters:
                - name: message_id
                  in: path
                  required: true
                  schema: {type: string}
              responses:
                200:
                  description: The message.
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Message'}
                404:
                  description: >-
                    No message has
                    this id.
        components:
          schemas:
            Message:
              type: object
              required: [id, status]
              properties:
                id: {type: string, pattern: '^1-[0-9a-f]+$'}
                status: {type: string, enum: [DELIVERED, SENT]}
                error: {type: string, nullable: true}
        """

    func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-contract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a .yaml contract loads: operations, status keys, validators")
    func loads() throws {
        let path = try write(Self.courierLike, "courier.openapi.yaml")
        let contract = try Contract.load(path: path)
        let operation = try #require(contract.operation(id: "messages_get"))
        #expect(operation.method == "GET")
        #expect(operation.responses.map(\.statusKey).sorted() == ["200", "404"])
        #expect(operation.problems(status: 200, body: Array(#"{"id": "1-ab", "status": "SENT"}"#.utf8)).isEmpty)
        #expect(!operation.problems(status: 200, body: Array(#"{"id": "x", "status": "SENT"}"#.utf8)).isEmpty)
        #expect(Contract.stem(ofFile: path) == "courier")
    }

    @Test("a bundled JSON contract renamed .yml loads the same (JSON is YAML)")
    func jsonAsYAML() throws {
        let text = try String(contentsOfFile: Paths.contract("courier"), encoding: .utf8)
        let yaml = try Contract.load(path: write(text, "courier.openapi.yml"))
        let json = try Contract.load(path: Paths.contract("courier"))
        #expect(yaml.document == json.document)
        #expect(yaml.operations.map(\.id) == json.operations.map(\.id))
    }

    @Test("malformed YAML fails with file:line:column")
    func malformed() throws {
        let path = try write("openapi: 3.0.1\ninfo:\n  title: [unclosed\n", "bad.openapi.yaml")
        #expect(throws: ContractError.self) { try Contract.load(path: path) }
        do {
            _ = try Contract.load(path: path)
        } catch {
            #expect(error.description.hasPrefix("\(path):4:1: "), "\(error.description)")
        }
    }

    @Test("a YAML document that is not a contract fails with the same JSON Pointer as JSON")
    func samePointer() throws {
        let path = try write("openapi: 2.0\ninfo: {title: x}\n", "old.openapi.yaml")
        do {
            _ = try Contract.load(path: path)
            Issue.record("loaded")
        } catch {
            #expect(
                error.description
                    == "\(path)#/openapi: missing \"openapi\" version string (this reads OpenAPI 3.0 and 3.1)")
        }
    }
}
