import JSON
import Testing

@testable import Contracts

/// One schema edit, applied to a response body and to a request body at once, and the changes each
/// side must show (`kind severity`, in order).
struct SchemaRuleCase: Sendable, CustomStringConvertible {
    let name: String
    var oldVersion = "3.1.0"
    let old: String
    var newVersion = "3.1.0"
    let new: String
    let response: [String]
    let request: [String]
    var description: String { name }
}

let schemaRuleCases: [SchemaRuleCase] = [
    .init(
        name: "integer → string", old: #"{"type": "integer"}"#, new: #"{"type": "string"}"#,
        response: ["type-changed breaking"], request: ["type-changed breaking"]),
    .init(
        name: "integer → number widens", old: #"{"type": "integer"}"#, new: #"{"type": "number"}"#,
        response: ["type-changed breaking"], request: ["type-changed non-breaking"]),
    .init(
        name: "number → integer narrows", old: #"{"type": "number"}"#, new: #"{"type": "integer"}"#,
        response: ["type-changed non-breaking"], request: ["type-changed breaking"]),
    .init(
        name: "null no longer allowed", old: #"{"type": ["string", "null"]}"#, new: #"{"type": "string"}"#,
        response: ["nullable-removed non-breaking"], request: ["nullable-removed breaking"]),
    .init(
        name: "null newly allowed", old: #"{"type": "string"}"#, new: #"{"type": ["string", "null"]}"#,
        response: ["nullable-added breaking"], request: ["nullable-added non-breaking"]),
    .init(
        name: "enum value added", old: #"{"type": "string", "enum": ["a", "b"]}"#,
        new: #"{"type": "string", "enum": ["a", "b", "c"]}"#,
        response: ["enum-value-added breaking"], request: ["enum-value-added non-breaking"]),
    .init(
        name: "enum value removed", old: #"{"type": "string", "enum": ["a", "b"]}"#,
        new: #"{"type": "string", "enum": ["a"]}"#,
        response: ["enum-value-removed non-breaking"], request: ["enum-value-removed breaking"]),
    .init(
        name: "enum added", old: #"{"type": "string"}"#, new: #"{"type": "string", "enum": ["a"]}"#,
        response: ["enum-added non-breaking"], request: ["enum-added breaking"]),
    .init(
        name: "enum dropped", old: #"{"type": "string", "enum": ["a"]}"#, new: #"{"type": "string"}"#,
        response: ["enum-removed breaking"], request: ["enum-removed non-breaking"]),
    .init(
        name: "format removed", old: #"{"type": "string", "format": "date-time"}"#, new: #"{"type": "string"}"#,
        response: ["format-changed breaking"], request: ["format-changed non-breaking"]),
    .init(
        name: "format added", old: #"{"type": "string"}"#, new: #"{"type": "string", "format": "date-time"}"#,
        response: ["format-changed non-breaking"], request: ["format-changed breaking"]),
    .init(
        name: "format changed", old: #"{"type": "string", "format": "date-time"}"#,
        new: #"{"type": "string", "format": "date"}"#,
        response: ["format-changed breaking"], request: ["format-changed breaking"]),
    .init(
        name: "pattern changed", old: #"{"type": "string", "pattern": "^US"}"#,
        new: #"{"type": "string", "pattern": "^USR"}"#,
        response: ["pattern-changed breaking"], request: ["pattern-changed breaking"]),
    .init(
        name: "maxLength loosened", old: #"{"type": "string", "maxLength": 10}"#,
        new: #"{"type": "string", "maxLength": 20}"#,
        response: ["limit-changed breaking"], request: ["limit-changed non-breaking"]),
    .init(
        name: "minimum tightened", old: #"{"type": "integer", "minimum": 0}"#,
        new: #"{"type": "integer", "minimum": 1}"#,
        response: ["limit-changed non-breaking"], request: ["limit-changed breaking"]),
    .init(
        name: "field no longer required",
        old: #"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
        new: #"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        response: ["field-no-longer-required breaking"], request: ["field-no-longer-required non-breaking"]),
    .init(
        name: "field newly required", old: #"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        new: #"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
        response: ["field-newly-required non-breaking"], request: ["field-newly-required breaking"]),
    .init(
        name: "required field added", old: #"{"type": "object", "properties": {}}"#,
        new: #"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
        response: ["field-added non-breaking"], request: ["field-added breaking"]),
    .init(
        name: "field removed", old: #"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        new: #"{"type": "object", "properties": {}}"#,
        response: ["field-removed breaking"], request: ["field-removed breaking"]),
    .init(
        name: "array items type changed", old: #"{"type": "array", "items": {"type": "string"}}"#,
        new: #"{"type": "array", "items": {"type": "integer"}}"#,
        response: ["type-changed breaking"], request: ["type-changed breaking"]),
    .init(
        name: "oneOf gains a branch", old: #"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#,
        new: #"{"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "boolean"}]}"#,
        response: ["type-changed breaking", "alternatives-changed breaking"],
        request: ["type-changed non-breaking", "alternatives-changed non-breaking"]),
    // Stripe's way to let a field be cleared: the old string is still one of the branches, and the
    // other allows nothing new.
    .init(
        name: "string becomes anyOf [string, empty string]", old: #"{"type": "string"}"#,
        new: #"{"anyOf": [{"type": "string"}, {"type": "string", "enum": [""]}]}"#,
        response: ["alternatives-changed non-breaking", "enum-added non-breaking"],
        request: ["alternatives-changed non-breaking"]),
    // A branch that is narrower than the old schema refuses what clients sent.
    .init(
        name: "string becomes anyOf [shorter string, empty string]", old: #"{"type": "string"}"#,
        new: #"{"anyOf": [{"type": "string", "maxLength": 5000}, {"type": "string", "enum": [""]}]}"#,
        response: ["alternatives-changed non-breaking", "limit-changed non-breaking", "enum-added non-breaking"],
        request: ["alternatives-changed breaking"]),
    .init(
        name: "object becomes anyOf [object, empty string]",
        old: #"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        new:
            #"{"anyOf": [{"type": "object", "properties": {"a": {"type": "integer"}}}, {"type": "string", "enum": [""]}]}"#,
        response: ["type-changed breaking", "alternatives-changed breaking", "type-changed breaking"],
        request: ["type-changed non-breaking", "alternatives-changed non-breaking", "type-changed breaking"]),
    // Branches that name components are matched by name: gaining one widens what a client receives
    // and what it may send.
    .init(
        name: "$ref becomes oneOf with it", old: ##"{"$ref": "#/components/schemas/Text"}"##,
        new: ##"{"oneOf": [{"$ref": "#/components/schemas/Text"}, {"$ref": "#/components/schemas/Count"}]}"##,
        response: ["type-changed breaking", "alternatives-changed breaking"],
        request: ["type-changed non-breaking", "alternatives-changed non-breaking"]),
    .init(
        name: "oneOf loses a branch to a $ref",
        old: ##"{"oneOf": [{"$ref": "#/components/schemas/Text"}, {"$ref": "#/components/schemas/Count"}]}"##,
        new: ##"{"$ref": "#/components/schemas/Text"}"##,
        response: ["type-changed non-breaking", "alternatives-changed non-breaking"],
        request: ["type-changed breaking", "alternatives-changed breaking"]),
    .init(
        name: "oneOf branch narrowed", old: #"{"oneOf": [{"type": "string"}, {"type": "integer"}]}"#,
        new: #"{"oneOf": [{"type": "string", "maxLength": 5}, {"type": "integer"}]}"#,
        response: ["limit-changed non-breaking"], request: ["limit-changed breaking"]),
    // The same meaning written the 3.0 way and the 3.1 ways.
    .init(
        name: "nullable: true is type [T, null]", oldVersion: "3.0.3", old: #"{"type": "string", "nullable": true}"#,
        new: #"{"type": ["string", "null"]}"#, response: [], request: []),
    .init(
        name: "nullable: true is anyOf with a null branch", oldVersion: "3.0.3",
        old: #"{"type": "string", "nullable": true}"#, new: #"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#,
        response: [], request: []),
    .init(
        name: "oneOf with a null branch is type [T, null]", old: #"{"oneOf": [{"type": "null"}, {"type": "integer"}]}"#,
        new: #"{"type": ["integer", "null"]}"#, response: [], request: []),
    .init(
        name: "3.0 boolean exclusiveMinimum is 3.1 numeric", oldVersion: "3.0.3",
        old: #"{"type": "number", "minimum": 0, "exclusiveMinimum": true}"#,
        new: #"{"type": "number", "exclusiveMinimum": 0}"#, response: [], request: []),
    .init(
        name: "const is a one-value enum", old: #"{"type": "string", "const": "x"}"#,
        new: #"{"type": "string", "enum": ["x"]}"#, response: [], request: []),
    .init(
        name: "allOf parts merge",
        old: #"{"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}"#,
        new: #"{"allOf": [{"type": "object", "properties": {"a": {"type": "string"}}}, {"required": ["a"]}]}"#,
        response: [], request: []),
    .init(
        name: "$ref outside components", old: ##"{"$ref": "#/x-shared/Text"}"##,
        new: ##"{"$ref": "#/components/schemas/Text"}"##,
        response: ["limit-changed breaking"], request: ["limit-changed non-breaking"]),
    // 3.1 does not read `nullable`; 3.0 ignores siblings of `$ref`.
    .init(
        name: "nullable means nothing in 3.1", oldVersion: "3.0.3", old: #"{"type": "string", "nullable": true}"#,
        new: #"{"type": "string", "nullable": true}"#,
        response: ["nullable-removed non-breaking"], request: ["nullable-removed breaking"]),
    .init(
        name: "$ref siblings count in 3.1", oldVersion: "3.0.3",
        old: ##"{"$ref": "#/components/schemas/Text", "maxLength": 3}"##,
        new: ##"{"$ref": "#/components/schemas/Text", "maxLength": 3}"##,
        response: ["limit-changed non-breaking"], request: ["limit-changed breaking"]),
]

/// A one-operation contract whose request and 200 response bodies are both `schema`.
func schemaContract(_ version: String, _ schema: String, file: String) throws -> Contract {
    let text = """
        {"openapi": "\(version)", "info": {"title": "Rules", "version": "1"},
         "paths": {"/things": {"post": {"operationId": "createThing",
           "requestBody": {"required": true, "content": {"application/json": {"schema": \(schema)}}},
           "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": \(schema)}}}}}}},
         "components": {"schemas": {"Text": {"type": "string"}, "Count": {"type": "integer"}}},
         "x-shared": {"Text": {"type": "string", "maxLength": 5}}}
        """
    return try Contract(document: JSONDocument.parse(text).value(), file: file)
}

@Suite struct ContractDiffRulesTests {
    @Test("severity follows the side", arguments: schemaRuleCases)
    func rule(_ rule: SchemaRuleCase) throws {
        let diff = ContractDiff.compare(
            old: try schemaContract(rule.oldVersion, rule.old, file: "old.json"),
            new: try schemaContract(rule.newVersion, rule.new, file: "new.json"))
        let response = diff.changes.filter { $0.side == .response }.map { "\($0.kind.name) \($0.severity)" }
        let request = diff.changes.filter { $0.side == .request }.map { "\($0.kind.name) \($0.severity)" }
        #expect(response == rule.response)
        #expect(request == rule.request)
        #expect(diff.changes.allSatisfy { $0.status == ($0.side == .response ? "200" : nil) })
    }

    @Test func fieldsAreNamedAsAClientSeesThem() throws {
        let diff = ContractDiff.compare(
            old: try schemaContract(
                "3.1.0", #"{"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}}}"#,
                file: "old.json"),
            new: try schemaContract(
                "3.1.0", #"{"type": "array", "items": {"type": "object", "properties": {"id": {"type": "integer"}}}}"#,
                file: "new.json"))
        // The request comes first within an operation, then its responses.
        #expect(diff.changes.map(\.field) == ["request body[].id", "body[].id"])
        #expect(diff.changes.map(\.place) == ["request", "200"])
    }

    @Test func schemasNestedDeepAreComparedToTheBottom() throws {
        // 100 distinct nested objects: unchanged, nothing to report; the leaf changed, found at depth 100.
        func deep(_ leaf: String) throws -> Contract {
            var schemas: [String] = (0..<100).map {
                ##""P\##($0)": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/P\##($0 + 1)"}}}"##
            }
            schemas.append(#""P100": {"type": "\#(leaf)"}"#)
            let text = """
                {"openapi": "3.1.0", "info": {"title": "Deep", "version": "1"},
                 "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/P0"}}}}}}}},
                 "components": {"schemas": {\(schemas.joined(separator: ","))}}}
                """
            return try Contract(document: JSONDocument.parse(text).value(), file: "deep-\(leaf).json")
        }
        let contract = try deep("string")
        #expect(ContractDiff.compare(old: contract, new: contract).changes.isEmpty)
        let diff = ContractDiff.compare(old: contract, new: try deep("integer"))
        #expect(diff.changes.map(\.kind) == [.typeChanged])
        #expect(diff.changes.first?.field == Array(repeating: "a", count: 100).joined(separator: "."))
        #expect(diff.changes.first?.newPointer == "/components/schemas/P100")
    }

    @Test func sharedAllOfPartsDoNotMultiplyWork() throws {
        // Each level uses the next one twice: 2^40 paths, 41 schemas. The leaf's new value is found.
        func document(_ values: String) -> String {
            let levels = (0..<40).map {
                ##""X\##($0)": {"allOf": [{"$ref": "#/components/schemas/X\##($0 + 1)"}, {"$ref": "#/components/schemas/X\##($0 + 1)"}]}"##
            }
            return """
                {"openapi": "3.1.0", "info": {"title": "DAG", "version": "1"},
                 "paths": {"/a": {"get": {"operationId": "a", "responses": {"200": {"description": "ok",
                   "content": {"application/json": {"schema": {"$ref": "#/components/schemas/X0"}}}}}}}},
                 "components": {"schemas": {\(levels.joined(separator: ",")),
                   "X40": {"type": "object", "properties": {"leaf": {"enum": [\(values)]}, "self": {"$ref": "#/components/schemas/X0"}}}}}}
                """
        }
        let diff = ContractDiff.compare(
            old: try Contract(document: JSONDocument.parse(document(#""a""#)).value(), file: "old.json"),
            new: try Contract(document: JSONDocument.parse(document(#""a", "b""#)).value(), file: "new.json"))
        #expect(
            diff.changes.map(\.summary) == [
                "breaking enum-value-added a 200 leaf old=/components/schemas/X40/properties/leaf new=/components/schemas/X40/properties/leaf"
            ])
    }

    @Test func unresolvedReferenceInTheNewContractIsBreaking() throws {
        let diff = ContractDiff.compare(
            old: try schemaContract("3.1.0", ##"{"$ref": "#/components/schemas/Text"}"##, file: "old.json"),
            new: try schemaContract("3.1.0", ##"{"$ref": "#/components/schemas/Missing"}"##, file: "new.json"))
        let response = diff.changes.filter { $0.side == .response }
        #expect(response.map(\.kind) == [.unresolvedReference, .typeChanged])
        #expect(
            response.first?.newPointer == "/paths/~1things/post/responses/200/content/application~1json/schema/$ref")
        #expect(response.first?.isBreaking == true)
    }

    @Test func operationMovedToAnotherPathIsBreaking() throws {
        let old = try schemaContract("3.1.0", #"{"type": "string"}"#, file: "old.json")
        var document = old.document
        if case .object(var root) = document, case .object(var paths)? = root["paths"], let item = paths["/things"] {
            paths["/things"] = nil
            paths["/v2/things"] = item
            root["paths"] = .object(paths)
            document = .object(root)
        }
        let diff = ContractDiff.compare(old: old, new: try Contract(document: document, file: "new.json"))
        #expect(
            diff.changes.map(\.message) == ["createThing: operation moved (was POST /things, now POST /v2/things)"])
        #expect(diff.isBreaking)
    }

    @Test func statusCoveredByDefaultIsNotBreakingButItsBodyIsCompared() throws {
        func contract(_ responses: String, file: String) throws -> Contract {
            let text = """
                {"openapi": "3.1.0", "info": {"title": "S", "version": "1"},
                 "paths": {"/a": {"get": {"operationId": "a", "responses": \(responses)}}}}
                """
            return try Contract(document: JSONDocument.parse(text).value(), file: file)
        }
        let body = #"{"application/json": {"schema": {"type": "object", "properties": {"error": {"type": "string"}}}}}"#
        let diff = ContractDiff.compare(
            old: try contract(
                #"{"200": {"description": "ok"}, "404": {"description": "no", "content": \#(body)}}"#, file: "old.json"),
            new: try contract(#"{"200": {"description": "ok"}, "default": {"description": "error"}}"#, file: "new.json")
        )
        #expect(
            diff.changes.map(\.message) == [
                "response 404 removed (now covered by default)", "response 404: JSON body removed",
                "response default added (was documented: 200, 404)",
            ])
        #expect(diff.changes.map(\.severity) == [.nonBreaking, .breaking, .breaking])
    }
}
