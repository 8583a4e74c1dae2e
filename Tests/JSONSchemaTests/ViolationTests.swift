import JSON
import JSONSchema
import Testing

@Suite("Violation content")
struct ViolationTests {
    static let contract = #"""
        {"openapi": "3.1.0", "components": {"schemas": {
          "MessageDetails": {"type": "object", "required": ["id", "status"], "additionalProperties": false,
            "properties": {
              "id": {"type": "string", "pattern": "^AC"},
              "status": {"type": "string", "enum": ["sent", "delivered"]},
              "count": {"type": "integer", "minimum": 0},
              "to": {"type": "array", "items": {"type": "string", "minLength": 2}},
              "sentAt": {"type": "string", "format": "date-time"}}}}}}
        """#

    func validator() throws -> Validator {
        try compile(Self.contract, .openAPI31, at: "/components/schemas/MessageDetails")
    }

    /// A failed anyOf names the alternative that came closest and what is wrong in it (a Stripe
    /// charge whose real culprits were members that were null).
    @Test("a failed anyOf explains the closest alternative")
    func anyOfExplainsTheClosestBranch() throws {
        let schema = #"""
            {"anyOf": [
              {"type": "string"},
              {"type": "object", "required": ["a", "b", "c", "d"], "properties": {
                "a": {"type": "string"}, "b": {"type": "string"}, "c": {"type": "string"}, "d": {"type": "string"}}}]}
            """#
        let violations = try compile(schema, .draft2020_12).violations(#"{"a": null, "b": null, "c": null, "d": "x"}"#)
        #expect(violations.first?.keyword == "anyOf")
        #expect(violations.dropFirst().map(\.instancePointer.description) == ["/a", "/b", "/c"])
        #expect(violations.dropFirst().allSatisfy { $0.keyword == "type" })
    }

    @Test("a missing required property names the property and the object")
    func required() throws {
        let violations = try validator().violations(#"{"status": "sent"}"#)
        let violation = try #require(violations.first)
        #expect(violations.count == 1)
        #expect(violation.instancePointer == JSONPointer(tokens: []))
        #expect(violation.keyword == "required")
        #expect(violation.schemaLocation == "#/components/schemas/MessageDetails/required")
        #expect(violation.message == #"required property "id" is missing"#)
        #expect(
            violation.description
                == #"(root): required property "id" is missing [required at #/components/schemas/MessageDetails/required]"#
        )
    }

    @Test("pattern, enum and type violations point into instance and schema")
    func scalars() throws {
        let violations = try validator().violations(#"{"id": "XY12", "status": "lost", "count": "3"}"#)
        #expect(violations.count == 3)
        let pattern = try #require(violations.first { $0.keyword == "pattern" })
        #expect(pattern.instancePointer.description == "/id")
        #expect(pattern.schemaLocation == "#/components/schemas/MessageDetails/properties/id/pattern")
        #expect(pattern.message == #""XY12" does not match pattern ^AC"#)
        #expect(pattern.actual == #""XY12""#)
        let enumeration = try #require(violations.first { $0.keyword == "enum" })
        #expect(enumeration.schemaLocation == "#/components/schemas/MessageDetails/properties/status/enum")
        #expect(enumeration.instancePointer.description == "/status")
        #expect(enumeration.message.contains(#""sent", "delivered""#))
        let type = try #require(violations.first { $0.keyword == "type" })
        #expect(type.expected == "integer")
        #expect(type.message.hasPrefix("expected integer, got string"))
    }

    @Test("every failing keyword is reported, not only the first")
    func all() throws {
        let violations = try validator().violations(
            #"{"id": "AC1", "status": "sent", "extra": 1, "to": ["a", "bb", "c"], "sentAt": "yesterday", "count": -1}"#)
        let places = violations.map { "\($0.instancePointer) \($0.keyword)" }.sorted()
        #expect(
            places == [
                "/count minimum", "/extra additionalProperties", "/sentAt format", "/to/0 minLength", "/to/2 minLength",
            ])
    }

    @Test("actual values are truncated")
    func truncated() throws {
        let long = String(repeating: "x", count: 500)
        let violation = try #require(try validator().violations(#"{"id": "\#(long)", "status": "sent"}"#).first)
        #expect(violation.actual.count < 80)
        #expect(violation.actual.hasSuffix("…"))
    }

    @Test("pointer tokens are escaped (RFC 6901)")
    func escapedPointer() throws {
        let validator = try compile(#"{"properties": {"a/b~c": {"type": "integer"}}}"#)
        let violation = try #require(try validator.violations(#"{"a/b~c": true}"#).first)
        #expect(violation.instancePointer.description == "/a~1b~0c")
        #expect(violation.schemaLocation == "#/properties/a~1b~0c/type")
    }

    @Test("validating a JSONValue gives the same violations")
    func valueInput() throws {
        let value: JSONValue = try JSONDocument.parse(#"{"id": 5}"#).value()
        let violations = try validator().validate(value)
        #expect(violations.map(\.keyword).sorted() == ["required", "type"])
    }
}
