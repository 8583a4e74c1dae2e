import Foundation
import JSON
import JSONSchema
import Testing

@Suite("Malformed schemas and reference cycles")
struct SchemaErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var schema: String
        var pointer: String
        var message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "type of wrong kind", schema: #"{"properties": {"a": {"type": 5}}}"#, pointer: "/properties/a/type",
            message: "type"),
        Case(name: "unknown type name", schema: #"{"type": "text"}"#, pointer: "/type", message: "text"),
        Case(name: "required not an array", schema: #"{"required": "id"}"#, pointer: "/required", message: "required"),
        Case(
            name: "bad regex", schema: #"{"properties": {"id": {"pattern": "^(AC"}}}"#,
            pointer: "/properties/id/pattern", message: "^(AC"),
        Case(name: "negative minLength", schema: #"{"minLength": -1}"#, pointer: "/minLength", message: "minLength"),
        Case(
            name: "unresolvable $ref", schema: ##"{"items": {"$ref": "#/components/schemas/Missing"}}"##,
            pointer: "/items/$ref", message: "Missing"),
        Case(
            name: "unknown remote", schema: #"{"$ref": "http://example.com/other.json"}"#, pointer: "/$ref",
            message: "example.com"),
        Case(
            name: "properties not an object", schema: #"{"properties": []}"#, pointer: "/properties",
            message: "properties"),
        Case(
            name: "invalid pointer escape", schema: ##"{"properties": {"a": {"$ref": "#/definitions/a~2b"}}}"##,
            pointer: "/properties/a/$ref", message: "JSON Pointer"),
        Case(name: "multipleOf zero", schema: #"{"multipleOf": 0}"#, pointer: "/multipleOf", message: "multipleOf"),
    ]

    @Test("names the file and the JSON Pointer of the offending keyword", arguments: cases)
    func malformed(_ item: Case) throws {
        let error = try #require(try schemaError(item.schema))
        #expect(error.file == "contract.json")
        #expect(error.pointer.description == item.pointer)
        #expect(error.message.contains(item.message), "\(error.message)")
        #expect(error.description.hasPrefix("contract.json#"))
    }

    @Test("a root that is not a schema")
    func notASchema() throws {
        #expect(throws: SchemaError.self) { try SchemaSet(document: .number(JSONNumber(3)), dialect: .draft4) }
        #expect(try schemaError(#"{"a": 1}"#, at: "/b") != nil)
    }

    @Test(
        "$ref loops that never consume input are errors, not hangs",
        arguments: [
            ##"{"$ref": "#"}"##,
            ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##,
        ])
    func refLoop(_ schema: String) throws {
        let error = try #require(try schemaError(schema))
        #expect(error.message.contains("cycle"))
    }

    @Test("recursive schemas that consume input validate deep instances")
    func recursion() throws {
        let validator = try compile(
            ##"{"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}, "v": {"type": "integer"}}}}, "$ref": "#/$defs/node"}"##
        )
        var instance = #"{"v": 1}"#
        for _ in 0..<100 { instance = #"{"v": 1, "next": \#(instance)}"# }
        #expect(try validator.accepts(instance))
        let bad = instance.replacingOccurrences(of: #"{"v": 1}"#, with: #"{"v": "x"}"#)
        let violation = try #require(try validator.violations(bad).first)
        #expect(violation.instancePointer.tokens.count == 101)
    }

    @Test("a cycle through combinators is evaluated without running away")
    func combinatorCycle() throws {
        let validator = try compile(
            ##"{"$defs": {"a": {"anyOf": [{"$ref": "#/$defs/a"}, {"type": "string"}]}}, "$ref": "#/$defs/a"}"##)
        _ = try validator.violations("1")
        #expect(try validator.accepts(#""s""#) || true)
    }
}

@Suite("Deep instances")
struct DeepInstanceTests {
    @Test("instances as deep as the parser allows validate on a test thread")
    func deep() throws {
        let validator = try compile(##"{"type": "array", "items": {"$ref": "#"}}"##)
        let depth = 500
        let instance = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        let violations = try validator.violations(instance)
        #expect(violations.count == 1)
        #expect(violations.first?.instancePointer.tokens.count == depth)
    }

    @Test("an empty type array is a schema error, not a crash")
    func emptyType() throws {
        let error = try schemaError(#"{"type": []}"#)
        #expect(error?.pointer.description == "/type")
    }
}

@Suite("SchemaSet")
struct SchemaSetTests {
    static let document = ##"""
        {"openapi": "3.0.3", "components": {"schemas": {
          "Id": {"type": "string", "pattern": "^AC"},
          "A": {"type": "object", "properties": {"id": {"$ref": "#/components/schemas/Id"}}},
          "B": {"type": "array", "items": {"$ref": "#/components/schemas/Id"}},
          "Broken": {"$ref": "#/components/schemas/Nowhere"}}}}
        """##

    @Test("validators of one set share compiled subschemas; a broken entry poisons nothing")
    func shared() throws {
        let set = try SchemaSet(
            document: JSONDocument.parse(Self.document).value(), dialect: .openAPI30, file: "api.json")
        let a = try set.validator(at: "/components/schemas/A")
        #expect(throws: SchemaError.self) { try set.validator(at: "/components/schemas/Broken") }
        let b = try set.validator(at: "/components/schemas/B")
        #expect(try a.accepts(#"{"id": "AC1"}"#))
        #expect(try !a.accepts(#"{"id": "X"}"#))
        #expect(try b.accepts(#"["AC1", "AC2"]"#))
        let violation = try #require(try b.violations(#"["AC1", "X"]"#).first)
        #expect(violation.schemaLocation == "#/components/schemas/Id/pattern")
        #expect(violation.instancePointer.description == "/1")
    }

    @Test("validation from many threads at once")
    func concurrent() async throws {
        let set = try SchemaSet(document: JSONDocument.parse(Self.document).value(), dialect: .openAPI30)
        let validator = try set.validator(at: "/components/schemas/B")
        let document = try JSONDocument.parse(#"["AC1", "X", "AC3"]"#)
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<200).reduce(0) { sum, _ in sum + validator.validate(document).count } }
            }
            return await group.reduce(0, +)
        }
        #expect(counts == 8 * 200)
    }
}
