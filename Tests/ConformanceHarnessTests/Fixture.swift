import Cassettes
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON

/// A small provider written for these tests: one operation with an ID prefix, E.164 numbers, a
/// required nullable, an optional nullable, an enum, an RFC 3339 and an epoch-ms timestamp, and a
/// documented 404 error body.
enum Fixture {
    static let contract = """
        {"openapi": "3.1.0", "info": {"title": "Fixture", "version": "1"},
         "servers": [{"url": "https://api.example.test"}],
         "paths": {"/v1/things/{id}": {"get": {"operationId": "getThing",
           "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
           "responses": {
             "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}},
             "404": {"description": "missing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}}}},
         "components": {"schemas": {
           "Envelope": {"type": "object", "required": ["data"], "properties": {"data": {"$ref": "#/components/schemas/Thing"}}},
           "Thing": {"type": "object", "required": ["id", "to", "userId", "status", "createdAt"],
             "properties": {
               "id": {"type": "string", "pattern": "^AC"},
               "to": {"type": "array", "items": {"type": "string", "pattern": "^\\\\+[1-9]\\\\d{1,14}$"}},
               "userId": {"type": ["string", "null"], "pattern": "^US"},
               "note": {"type": ["string", "null"]},
               "status": {"type": "string", "enum": ["sent", "delivered"]},
               "createdAt": {"type": "string", "format": "date-time", "x-timestamp": "date-time"},
               "sentAt": {"type": "integer", "format": "int64", "x-timestamp": "epoch-ms"}}},
           "Error": {"type": "object", "required": ["code", "message"], "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}}}
        """

    static let successBody = """
        {"data":{"id":"AC123","to":["+15555550100","+15555550101"],"userId":"US9","note":"hi","status":"sent","createdAt":"2024-03-01T10:00:00.250+02:00","sentAt":1709280000500,"extra":1}}
        """

    static let errorBody = #"{"code":"not_found","message":"No such thing","trace":"abc"}"#

    /// A temporary suite folder with the contract and two cassettes; removed by `cleanup`.
    static func makeSuite() throws -> (suite: ConformanceSuite, root: String) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "conformance-harness-\(UUID().uuidString)"
        ).path
        let contracts = root + "/contracts"
        let recordings = root + "/recordings/fixture/getThing"
        try FileManager.default.createDirectory(atPath: contracts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: recordings, withIntermediateDirectories: true)
        try contract.write(toFile: contracts + "/fixture.openapi.json", atomically: true, encoding: .utf8)
        try write(cassette(status: 200, body: successBody), to: recordings + "/example.json")
        try write(cassette(status: 404, body: errorBody), to: recordings + "/error-404.json")
        return (ConformanceSuite.load(contractsDirectory: contracts, recordingsDirectory: root + "/recordings"), root)
    }

    static func cassette(status: Int, body: String) -> Cassette {
        let request = HTTPRequest(
            method: .get, url: URL(string: "https://api.example.test/v1/things/AC123")!,
            headers: ["Accept": "application/json"])
        let response = HTTPResponse(
            status: status, headers: ["Content-Type": "application/json"], body: Array(body.utf8))
        return Cassette(
            operationId: "getThing", provenance: .init(kind: .documented, source: "test fixture"),
            interactions: [.init(request: request, response: response)])
    }

    static func write(_ cassette: Cassette, to path: String) throws {
        try Data(cassette.encoded()).write(to: URL(fileURLWithPath: path))
    }

    static func cleanup(_ root: String) {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// A client that trusts whatever it gets: it decodes any JSON into the exact expected view, and
/// surfaces error bodies. It passes every case except the mutations a client must reject.
struct TrustingAdapter: ConformanceAdapter {
    var name: String { "Trusting" }
    var version: String { "1.0" }
    var operations: Set<String> { ["getThing"] }
    var shape: ResponseShape?
    var errorShape: ResponseShape?
    /// Applied to the view before returning it (a deliberate defect).
    var distort: @Sendable (JSONValue) -> JSONValue = { $0 }
    var ignoreErrorBodies = false

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let id = call.parameter("id") ?? ""
        let response = try await transport.send(
            HTTPRequest(method: .get, url: URL(string: "https://api.example.test/v1/things/\(id)")!))
        let body = try JSONDocument.parse(response.body).value()
        guard (200...299).contains(response.status) else {
            throw ClientAPIError(
                status: response.status,
                fields: ignoreErrorBodies ? [:] : NormalizedView.expected(from: body, shape: errorShape))
        }
        return distort(NormalizedView.expected(from: body, shape: shape))
    }
}
