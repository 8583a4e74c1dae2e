import Foundation

/// A throwaway `contracts/` + `recordings/` pair in a temporary folder, for coverage tests.
struct CoverageFixture {
    let root: String
    var contracts: String { root + "/contracts" }
    var recordings: String { root + "/recordings" }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("coverage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/contracts", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/recordings", withIntermediateDirectories: true)
    }

    /// Writes `text` at `relative` below the fixture root (folders created).
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let path = root + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// `contracts/things.openapi.json`: `getThing` (GET /things/{id}: 200 with an enum `thing.status`
    /// shared with `listThings`, 404, 5XX) and `listThings` (GET /things: 200).
    static let contract = """
        {
          "openapi": "3.1.0",
          "info": {"title": "Things", "version": "1"},
          "paths": {
            "/things/{id}": {
              "get": {
                "operationId": "getThing",
                "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                "responses": {
                  "200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["thing"],
                    "properties": {"thing": {"$ref": "#/components/schemas/Thing"}}}}}},
                  "404": {"description": "missing", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}}}},
                  "5XX": {"description": "server", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}}}}
                }
              }
            },
            "/things": {
              "get": {
                "operationId": "listThings",
                "responses": {
                  "200": {"description": "ok", "content": {"application/json": {"schema": {
                    "type": "array", "items": {"$ref": "#/components/schemas/Thing"}}}}}
                }
              }
            }
          },
          "components": {"schemas": {
            "Thing": {"type": "object", "required": ["id", "status"], "properties": {
              "id": {"type": "string", "pattern": "^T"},
              "status": {"$ref": "#/components/schemas/Status"}}},
            "Status": {"type": "string", "enum": ["active", "archived"]}
          }}
        }
        """

    /// A one-interaction cassette; `extra` is inserted as root members before `interactions`.
    static func cassette(
        operationId: String = "getThing", path: String = "/things/T1", status: Int = 200, body: String,
        extra: String = ""
    ) -> String {
        """
        {
          "version": 1,
          "operationId": "\(operationId)",
          "provenance": {"kind": "documented", "source": "test fixture"},\(extra)
          "interactions": [
            {
              "request": {"method": "GET", "url": "https://api.example.com\(path)", "headers": [["Accept", "application/json"]]},
              "response": {"status": \(status), "headers": [["Content-Type", "application/json"]], "body": {"json": \(body)}}
            }
          ]
        }

        """
    }

    /// Writes the contract and a cassette for every documented response and enum value: complete.
    func writeComplete() throws {
        try write("contracts/things.openapi.json", Self.contract)
        try write(
            "recordings/things/getThing/active.json",
            Self.cassette(body: #"{"thing": {"id": "T1", "status": "active"}}"#))
        try write(
            "recordings/things/getThing/error-404.json",
            Self.cassette(path: "/things/T9", status: 404, body: #"{"error": "no such thing"}"#))
        try write(
            "recordings/things/getThing/error-503.json", Self.cassette(status: 503, body: #"{"error": "try later"}"#))
        try write(
            "recordings/things/listThings/archived.json",
            Self.cassette(operationId: "listThings", path: "/things", body: #"[{"id": "T2", "status": "archived"}]"#))
    }
}
