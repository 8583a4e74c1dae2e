import Foundation
import JSON
import JSONSchema
import Testing

@testable import Contracts

enum Paths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func contract(_ name: String) -> String {
        packageRoot.appendingPathComponent("contracts/\(name).openapi.json").path
    }
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }
}

/// The operations each bundled contract must document: (file, operationId, method, path, status keys).
let documentedOperations: [(String, String, String, String, [String])] = [
    ("courier", "messages_get", "GET", "/messages/{message_id}", ["200", "400", "404"]),
    ("courier", "messages_list", "GET", "/messages", ["200"]),
    ("openphone", "getMessageById_v1", "GET", "/v1/messages/{id}", ["200", "400", "401", "402", "403", "404", "500"]),
    ("sendo", "retrieveMessage", "GET", "/v1/message/{id}", ["200", "400", "401", "403", "404", "429", "5XX"]),
    ("bandwidth-v1", "getMessage", "GET", "/v1/users/{userId}/messages/{messageId}", ["200", "401", "404"]),
]

@Suite struct ContractsTests {
    @Test("documents its operations", arguments: documentedOperations.map { "\($0.0)/\($0.1)" })
    func operations(name: String) throws {
        let entry = try #require(documentedOperations.first { "\($0.0)/\($0.1)" == name })
        let contract = try Contract.load(path: Paths.contract(entry.0))
        let operation = try #require(contract.operation(id: entry.1))
        #expect(operation.method == entry.2)
        #expect(operation.path == entry.3)
        #expect(operation.responses.map(\.statusKey).sorted() == entry.4.sorted())
        for response in operation.responses {
            _ = try response.validator()
        }
    }

    @Test("every bundled contract lints clean", arguments: ["courier", "openphone", "sendo", "bandwidth-v1"])
    func lintsClean(name: String) throws {
        let contract = try Contract.load(path: Paths.contract(name))
        #expect(contract.lint().map(\.description) == [])
    }

    @Test func dialectFollowsTheOpenAPIVersion() throws {
        #expect(try Contract.load(path: Paths.contract("courier")).dialect == .openAPI30)
        #expect(try Contract.load(path: Paths.contract("openphone")).dialect == .openAPI31)
    }

    @Test func responseLookupFallsBackToRanges() throws {
        let sendo = try Contract.load(path: Paths.contract("sendo"))
        let operation = try #require(sendo.operation(id: "retrieveMessage"))
        #expect(operation.response(forStatus: 404)?.statusKey == "404")
        #expect(operation.response(forStatus: 503)?.statusKey == "5XX")
        #expect(operation.response(forStatus: 418) == nil)
    }

    @Test(
        "finds timestamp fields and their encodings",
        arguments: [
            (
                "courier", "messages_get", "200",
                [
                    "/enqueued epoch-ms", "/sent epoch-ms", "/delivered epoch-ms", "/opened epoch-ms",
                    "/clicked epoch-ms",
                ]
            ),
            (
                "courier", "messages_list", "200",
                [
                    "/results/*/enqueued epoch-ms", "/results/*/sent epoch-ms", "/results/*/delivered epoch-ms",
                    "/results/*/opened epoch-ms", "/results/*/clicked epoch-ms",
                ]
            ),
            ("openphone", "getMessageById_v1", "200", ["/data/createdAt date-time", "/data/updatedAt date-time"]),
            (
                "sendo", "retrieveMessage", "200",
                [
                    "/message/createdAt date-time", "/message/sentAt date-time", "/message/updatedAt date-time",
                    "/message/scheduledAt date-time",
                ]
            ),
            ("bandwidth-v1", "getMessage", "200", ["/time date-time"]),
        ])
    func timestamps(file: String, operationId: String, status: String, expected: [String]) throws {
        let contract = try Contract.load(path: Paths.contract(file))
        let response = try #require(contract.operation(id: operationId)?.response(forKey: status))
        #expect(contract.timestampFields(of: response).map { "\($0) \($0.encoding)" }.sorted() == expected.sorted())
    }

    @Test func timestampFieldsMatchConcretePointers() {
        let field = TimestampField(path: ["results", "*", "sent"], encoding: .epochMilliseconds)
        #expect(field.matches("/results/3/sent"))
        #expect(!field.matches("/results/x/sent"))
        #expect(!field.matches("/results/3"))
    }

    @Test func documentedExamplesSatisfyTheirSchemas() throws {
        var checked = 0
        for name in ["courier", "openphone", "sendo", "bandwidth-v1"] {
            let contract = try Contract.load(path: Paths.contract(name))
            for operation in contract.operations {
                for response in operation.responses {
                    guard let example = response.example else { continue }
                    #expect(
                        try response.validator().validate(example).isEmpty,
                        "\(name) \(operation.id) \(response.statusKey)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 6)
    }

    @Test func contractSchemasCatchTheDocumentedMistakes() throws {
        let openphone = try Contract.load(path: Paths.contract("openphone"))
        let validator = try #require(openphone.operation(id: "getMessageById_v1")?.response(forStatus: 200)).validator()
        let body = try JSONDocument.parse(
            #"{"data":{"id":"XX1","to":["5555"],"from":"+15555550100","text":"hi","phoneNumberId":null,"direction":"incoming","userId":null,"status":"received","createdAt":"2026-01-01 10:00","updatedAt":"2026-01-01T10:00:00Z"}}"#
        )
        let found = validator.validate(body).map { "\($0.instancePointer) \($0.keyword)" }
        #expect(found == ["/data/id pattern", "/data/to/0 pattern", "/data/status enum", "/data/createdAt format"])
        let courier = try Contract.load(path: Paths.contract("courier"))
        let get = try #require(courier.operation(id: "messages_get")?.response(forStatus: 200)).validator()
        let nullReason = try JSONDocument.parse(
            #"{"id":"1-x","status":"SENT","enqueued":1562611073426,"recipient":"r","event":"e","notification":"n","reason":null,"error":null,"providers":null}"#
        )
        #expect(get.validate(nullReason).isEmpty)
        let missing = try JSONDocument.parse(
            #"{"id":"1-x","status":"SENT","recipient":"r","event":"e","notification":"n"}"#)
        #expect(get.validate(missing).map(\.message) == ["required property \"enqueued\" is missing"])
    }
}

@Suite struct MalformedContractTests {
    @Test func syntaxErrorsNameLineAndColumn() {
        let error = #expect(throws: ContractError.self) { try Contract.load(path: Paths.fixture("syntax-error.json")) }
        #expect(
            error?.description
                == "\(Paths.fixture("syntax-error.json")):4:13: unexpected character ',': expected a string key")
    }

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ContractError.self) { try Contract.load(path: "/nonexistent/contract.json") }
        #expect(error?.description.hasPrefix("/nonexistent/contract.json:1:1: cannot open") == true)
    }

    @Test func notOpenAPIIsRejected() {
        let error = #expect(throws: ContractError.self) { try Contract.load(path: Paths.fixture("not-openapi.json")) }
        #expect(
            error?.description
                == "\(Paths.fixture("not-openapi.json"))#/openapi: missing \"openapi\" version string (this reads OpenAPI 3.0 and 3.1)"
        )
    }

    @Test func danglingReferenceIsNamedByPointer() throws {
        let contract = try Contract.load(path: Paths.fixture("dangling-ref.json"))
        let file = Paths.fixture("dangling-ref.json")
        #expect(
            contract.lint().map(\.description) == [
                "\(file)#/paths/~1things~1%7Bid%7D/get/responses/200/content/application~1json/schema/$ref: error: $ref \"#/components/schemas/Missing\" does not resolve"
            ])
        let error = #expect(throws: ContractError.self) {
            try contract.operation(id: "getThing")?.response(forStatus: 200)?.validator()
        }
        #expect(
            error?.pointer?.description
                == "/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/$ref")
    }

    @Test func badPatternIsNamedByPointer() throws {
        let file = Paths.fixture("bad-pattern.json")
        let contract = try Contract.load(path: file)
        #expect(
            contract.lint().map(\.description).first
                == "\(file)#/components/schemas/Thing/properties/id/pattern: error: invalid pattern \"^(AC\" at offset 1: unterminated group"
        )
    }

    @Test func missingResponsesAndSchemasAreFindings() throws {
        let file = Paths.fixture("no-responses.json")
        let contract = try Contract.load(path: file)
        #expect(
            contract.lint().map(\.description) == [
                "\(file)#/paths/~1things~1%7Bid%7D/get: error: operation getThing documents no responses",
                "\(file)#/paths/~1things~1%7Bid%7D/get: error: path parameter {id} of /things/{id} is not declared",
                "\(file)#/paths/~1other/get: error: operation GET /other has no operationId",
            ])
    }

    /// Bodies that are not JSON (text, a PDF) and responses without a body (201 with a Location)
    /// are fine; a JSON media type without a schema is a warning.
    @Test func nonJSONAndBodylessResponsesAreFine() throws {
        let document: JSONValue = [
            "openapi": "3.1.0", "info": ["title": "t", "version": "1"],
            "paths": [
                "/files/{id}": [
                    "get": [
                        "operationId": "getFile",
                        "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                        "responses": [
                            "200": ["description": "a PDF", "content": ["application/pdf": [:]]],
                            "201": ["description": "created", "headers": ["Location": ["schema": ["type": "string"]]]],
                            "202": ["description": "json, no schema", "content": ["application/json": [:]]],
                        ],
                    ]
                ]
            ],
        ]
        let findings = try Contract(document: document, file: "f.json").lint()
        #expect(
            findings.map(\.description) == [
                "f.json#/paths/~1files~1%7Bid%7D/get/responses/202/content/application~1json: warning: response 202 of getFile declares application/json without a schema: its bodies cannot be checked"
            ])
    }
}
