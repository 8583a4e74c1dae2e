import Contracts
import ECMARegex
import JSON
import JSONSchema
import Testing

/// Readings a team can choose where OpenAPI and real specs leave a choice, and lint that says
/// which matters.
@Suite struct ReadingsTests {
    static func contract(_ version: String, schema: JSONValue, declared: JSONValue? = nil) throws -> JSONValue {
        var root = JSONObject([
            ("openapi", .string(version)), ("info", ["title": "t", "version": "1"]),
            (
                "paths",
                [
                    "/things": [
                        "get": [
                            "operationId": "getThing",
                            "responses": [
                                "200": ["description": "ok", "content": ["application/json": ["schema": schema]]]
                            ],
                        ]
                    ]
                ]
            ),
        ])
        if let declared { root["x-conformance-readings"] = declared }
        return .object(root)
    }

    static func valid(_ document: JSONValue, _ body: JSONValue, readings: Contract.Readings = .init()) throws -> Bool {
        let contract = try Contract(document: document, file: "t.json", readings: readings)
        let response = try #require(contract.operation(id: "getThing")?.response(forStatus: 200))
        return try response.validator().isValid(body)
    }

    /// Stripe writes `{"anyOf": [...], "nullable": true}` and nullable enums without null in 3.0.0 documents.
    @Test func nullableAllowsNullIn300AndWidensTypeOnlyIn303() throws {
        let schema: JSONValue = ["enum": ["a", "b"], "nullable": true]
        #expect(try Self.valid(Self.contract("3.0.0", schema: schema), .null))
        #expect(try !Self.valid(Self.contract("3.0.3", schema: schema), .null))
        #expect(try !Self.valid(Self.contract("3.0.0", schema: schema), .null, readings: .init(nullable: .typeOnly)))
        #expect(try Self.valid(Self.contract("3.0.3", schema: schema), .null, readings: .init(nullable: .allowsNull)))
        #expect(try Self.valid(Self.contract("3.0.3", schema: schema, declared: ["nullable": "allows-null"]), .null))
        // Not null: the other keywords still apply.
        #expect(try !Self.valid(Self.contract("3.0.0", schema: schema), "c"))
        // Beside a $ref too, as the specs relying on this reading mean it (3.0 otherwise ignores $ref's siblings).
        var withRef = try #require(Self.contract("3.0.1", schema: ["$ref": "#/components/schemas/E", "nullable": true]).objectValue)
        withRef["components"] = ["schemas": ["E": ["type": "string", "enum": ["a"]]]]
        #expect(try Self.valid(.object(withRef), .null))
        #expect(try !Self.valid(.object(withRef), .null, readings: .init(nullable: .typeOnly)))
        let anyOf: JSONValue = ["anyOf": [["type": "string"], ["type": "integer"]], "nullable": true]
        #expect(try Self.valid(Self.contract("3.0.1", schema: anyOf), .null))
        #expect(try !Self.valid(Self.contract("3.0.1", schema: anyOf), true))
    }

    /// Twilio's paging members say `format: uri` and hold relative paths.
    @Test func formatsCanBeAnnotations() throws {
        let schema: JSONValue = ["type": "string", "format": "uri"]
        #expect(try !Self.valid(Self.contract("3.1.0", schema: schema), "/2010-04-01/Accounts.json?Page=1"))
        #expect(
            try Self.valid(
                Self.contract("3.1.0", schema: schema), "/2010-04-01/Accounts.json?Page=1",
                readings: .init(assertFormats: false)))
        #expect(
            try Self.valid(Self.contract("3.1.0", schema: schema, declared: ["formats": "annotate"]), "/relative"))
    }

    /// SendGrid's `\_` and `` \` `` are refused by the u grammar; read with the web grammar, they match.
    @Test func patternsOnlyTheWebGrammarReadsStillValidate() throws {
        let schema: JSONValue = ["type": "string", "pattern": #"^[A-Za-z0-9\_\-]+$"#]
        #expect(try Self.valid(Self.contract("3.1.0", schema: schema), "a_b-c"))
        #expect(try !Self.valid(Self.contract("3.1.0", schema: schema), "a b"))
        let strict = try Contract(
            document: Self.contract("3.1.0", schema: schema), file: "t.json", readings: .init(regexGrammar: .unicode))
        #expect(throws: ContractError.self) {
            _ = try strict.operation(id: "getThing")?.response(forStatus: 200)?.validator()
        }
        let regex = try ECMARegex(#"a\_b\`c{d}e]"#, options: [.unicode, .webCompatible])
        #expect(regex.matches("xa_b`c{d}e]"))
        #expect(throws: ECMARegexError.self) { _ = try ECMARegex(#"a\_b"#) }
    }

    @Test func lintSaysWhichReadingsMatter() throws {
        func lint(_ document: JSONValue) throws -> [String] {
            try Contract(document: document, file: "t.json").lint().map {
                "\($0.severity): \($0.pointer) \($0.message)"
            }
        }
        let base = "/paths/~1things/get/responses/200/content/application~1json/schema"
        let typeOnly = try lint(Self.contract("3.0.3", schema: ["enum": ["a"], "nullable": true]))
        #expect(typeOnly.count == 1)
        #expect(typeOnly.first?.hasPrefix("warning: \(base)/nullable nullable has no effect without a type") == true)
        #expect(try lint(Self.contract("3.0.0", schema: ["enum": ["a"], "nullable": true])) == [])
        let in31 = try lint(Self.contract("3.1.0", schema: ["type": "string", "nullable": true]))
        #expect(in31.first?.hasPrefix("warning: \(base)/nullable nullable is not an OpenAPI 3.1 keyword") == true)
        let list30 = try lint(Self.contract("3.0.3", schema: ["type": ["string", "null"]]))
        #expect(list30.first?.hasPrefix("error: \(base)/type type is a list: that is OpenAPI 3.1") == true)
        let web = try lint(Self.contract("3.1.0", schema: ["type": "string", "pattern": #"^\_$"#]))
        #expect(
            web == [
                "warning: \(base)/pattern pattern needs the web-compatible grammar (not ECMA-262 with u); it is read that way"
            ])
        var noInfo = try #require(Self.contract("3.1.0", schema: ["type": "string"]).objectValue)
        noInfo["info"] = nil
        #expect(try lint(.object(noInfo)).first?.hasPrefix("error:  missing \"info\"") == true)
    }
}
