import JSON
import JSONSchema
import Testing

@Suite("Dialect rules")
struct DialectTests {
    @Test("Dialect names round-trip")
    func names() {
        for dialect in [Dialect.openAPI30, .openAPI31, .draft4, .draft2020_12] {
            #expect(Dialect(name: dialect.name) == dialect)
        }
        #expect(Dialect(name: "draft7") == nil)
    }

    @Test("OpenAPI 3.0 nullable widens an explicit type")
    func nullableWithType() throws {
        let validator = try compile(#"{"type": "string", "nullable": true}"#, .openAPI30)
        #expect(try validator.accepts("null"))
        #expect(try validator.accepts(#""x""#))
        #expect(try !validator.accepts("1"))
    }

    @Test("nullable without type has no effect")
    func nullableWithoutType() throws {
        let validator = try compile(#"{"nullable": true, "minLength": 2}"#, .openAPI30)
        #expect(try validator.accepts("null"))
        #expect(try !validator.accepts(#""x""#))
        let enumerated = try compile(#"{"nullable": false, "type": "integer"}"#, .openAPI30)
        #expect(try !enumerated.accepts("null"))
    }

    @Test("nullable beside $ref is ignored in OpenAPI 3.0")
    func nullableBesideRef() throws {
        let document =
            ##"{"components": {"schemas": {"Name": {"type": "string"}, "Holder": {"$ref": "#/components/schemas/Name", "nullable": true}}}}"##
        let validator = try compile(document, .openAPI30, at: "/components/schemas/Holder")
        #expect(try !validator.accepts("null"))
        #expect(try validator.accepts(#""Ann""#))
    }

    @Test("nullable is not a keyword of OpenAPI 3.1")
    func nullableIn31() throws {
        let validator = try compile(#"{"type": "string", "nullable": true}"#, .openAPI31)
        #expect(try !validator.accepts("null"))
    }

    @Test("$ref siblings apply in 2020-12 and OpenAPI 3.1")
    func refSiblings() throws {
        let document =
            ##"{"$defs": {"S": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/S", "maxLength": 2}}}"##
        #expect(try !compile(document, .openAPI31).accepts(#"{"a": "abc"}"#))
        #expect(try compile(document, .openAPI30).accepts(#"{"a": "abc"}"#))
    }

    @Test("OpenAPI 3.0 boolean exclusiveMaximum and exclusiveMinimum")
    func booleanExclusive() throws {
        let validator = try compile(
            #"{"type": "number", "maximum": 10, "exclusiveMaximum": true, "minimum": 1, "exclusiveMinimum": true}"#,
            .openAPI30)
        #expect(try validator.accepts("9.99"))
        #expect(try validator.accepts("1.5"))
        let atMaximum = try validator.violations("10")
        #expect(atMaximum.map(\.keyword) == ["exclusiveMaximum"])
        #expect(try !validator.accepts("1"))
        let inclusive = try compile(#"{"maximum": 10, "exclusiveMaximum": false}"#, .openAPI30)
        #expect(try inclusive.accepts("10"))
    }

    @Test("2020-12 numeric exclusiveMaximum")
    func numericExclusive() throws {
        let validator = try compile(#"{"exclusiveMaximum": 10}"#, .openAPI31)
        #expect(try validator.accepts("9"))
        #expect(try !validator.accepts("10"))
    }

    @Test("integer accepts 1.0; big integers compare exactly")
    func numbers() throws {
        #expect(try compile(#"{"type": "integer"}"#, .draft4).accepts("1.0"))
        #expect(try compile(#"{"type": "integer"}"#).accepts("1.0"))
        #expect(try !compile(#"{"maximum": 18446744073709551615}"#).accepts("18446744073709551616"))
        #expect(try compile(#"{"multipleOf": 0.0001}"#).accepts("0.0075"))
        #expect(try !compile(#"{"multipleOf": 0.0001}"#).accepts("0.00751"))
    }

    @Test("int32 and int64 formats check the range")
    func integerFormats() throws {
        let int32 = try compile(#"{"format": "int32"}"#, .openAPI30)
        #expect(try int32.accepts("2147483647"))
        #expect(try !int32.accepts("2147483648"))
        #expect(try int32.accepts(#""not a number""#))
        let int64 = try compile(#"{"format": "int64"}"#, .openAPI30)
        #expect(try int64.accepts("-9223372036854775808"))
        #expect(try !int64.accepts("9223372036854775808"))
    }

    @Test("date-time format per RFC 3339")
    func dateTime() throws {
        let validator = try compile(#"{"format": "date-time"}"#)
        for valid in [
            "2026-03-04T15:22:11Z", "2026-03-04t15:22:11.123456789z", "2026-03-04T15:22:11+01:00",
            "1998-12-31T23:59:60Z",
        ] {
            #expect(try validator.accepts("\"\(valid)\""), "\(valid)")
        }
        for invalid in ["2026-03-04", "2026-02-30T00:00:00Z", "2026-03-04T15:22:11", "1998-12-31T22:59:60Z"] {
            #expect(try !validator.accepts("\"\(invalid)\""), "\(invalid)")
        }
        let annotation = try SchemaSet(
            document: ["format": "date-time"], dialect: .draft2020_12, options: SchemaOptions(assertFormats: false)
        ).validator()
        #expect(annotation.validate(JSONValue.string("nope")).isEmpty)
    }
}
