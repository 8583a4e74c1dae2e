import JSON
import JSONSchema
import Testing

/// Counts no string, array or object can reach, and numbers no integer type holds: each must compile
/// (saturated) or be refused with a message, never trap.
@Suite("Hostile numbers in count keywords")
struct HostileNumberTests {
    static let keywords = [
        "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains",
        "maxContains",
    ]
    static let huge = [
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "1e400", "1E+400", "1e19", "9.3e18",
        "100000000000000000000.0",
    ]

    @Test("a count of 2^63 or more, or 1e400, saturates", arguments: keywords)
    func hugeCounts(_ keyword: String) throws {
        for literal in Self.huge {
            let contains = keyword.hasSuffix("Contains") ? #", "contains": {}"# : ""
            let validator = try compile(#"{"\#(keyword)": \#(literal)\#(contains)}"#)
            let small =
                try validator.accepts(#""ab""#) && (try validator.accepts("[1]"))
                && (try validator.accepts(#"{"a": 1}"#))
            // Every min is out of reach; every max is no limit.
            #expect(small == keyword.hasPrefix("max"), "\(keyword): \(literal)")
        }
    }

    @Test("negative and fractional counts are refused, however large", arguments: keywords)
    func refused(_ keyword: String) throws {
        for literal in ["-1", "-1e400", "-9223372036854775809", "1.5", "1e-400", "-0.5"] {
            let contains = keyword.hasSuffix("Contains") ? #", "contains": {}"# : ""
            let error = try #require(
                try schemaError(#"{"\#(keyword)": \#(literal)\#(contains)}"#), "\(keyword): \(literal)")
            #expect(error.message == "\(keyword) must be a non-negative integer, found \(literal)")
        }
    }

    @Test("counts written as integral decimals keep their value")
    func integralDecimals() throws {
        let validator = try compile(#"{"maxLength": 2.0e0, "minLength": 20e-1}"#)
        #expect(try validator.accepts(#""ab""#))
        #expect(try !validator.accepts(#""abc""#))
        #expect(try !validator.accepts(#""a""#))
        #expect(try compile(#"{"minLength": -0}"#).accepts(#""""#))
    }

    @Test("a 100 KB number is quoted as a bounded excerpt")
    func longNumber() throws {
        let literal = "-" + String(repeating: "7", count: 100_000)
        let error = try #require(try schemaError(#"{"minLength": \#(literal)}"#))
        #expect(error.message.utf8.count < 200)
        #expect(error.message.contains("(100001 bytes)"))
    }

    @Test("a 100 KB const or enum value is quoted as a bounded excerpt")
    func longConst() throws {
        let long = String(repeating: "x", count: 100_000)
        for schema in [#"{"const": "\#(long)"}"#, #"{"enum": ["\#(long)"]}"#] {
            let violation = try #require(try compile(schema).violations(#""y""#).first)
            #expect(violation.message.utf8.count < 400)
            #expect(violation.expected.utf8.count < 400)
        }
    }

    @Test("huge multipleOf, minimum and maximum values compare without trapping")
    func hugeBounds() throws {
        let validator = try compile(#"{"minimum": -1e400, "maximum": 1e400, "multipleOf": 1e400}"#)
        #expect(try validator.accepts("0"))
        #expect(try !validator.accepts("3"))
        #expect(try compile(#"{"multipleOf": 1e-400}"#).violations("9223372036854775808").count <= 1)
        #expect(try compile(#"{"minimum": 9223372036854775808}"#).accepts("1e400"))
    }
}

@Suite("$ref chains")
struct RefChainTests {
    /// `{"$ref": "#/$defs/s0"}` and `$defs` s0 → s1 → … → s(n-1), the last `last`.
    static func chain(_ n: Int, last: String) -> String {
        var defs: [String] = []
        defs.reserveCapacity(n)
        for i in 0..<(n - 1) { defs.append(##""s\##(i)": {"$ref": "#/$defs/s\##(i + 1)"}"##) }
        defs.append(##""s\##(n - 1)": \##(last)"##)
        return ##"{"$ref": "#/$defs/s0", "$defs": {\##(defs.joined(separator: ", "))}}"##
    }

    @Test("a chain of 20,000 $refs compiles (linear: each link is walked once)")
    func longChain() throws {
        let document = try JSONDocument.parse(Self.chain(20_000, last: ##"{"type": "string"}"##)).value()
        let set = try SchemaSet(document: document, dialect: .draft2020_12)
        let pointers = (0..<20_000).map { JSONPointer(tokens: ["$defs", "s\($0)"]) }
        let validators = set.validators(at: pointers)
        #expect(validators.count == 20_000)
        #expect(validators.values.allSatisfy { (try? $0.get()) != nil })
        // The last links validate; the first ones are past the evaluation depth limit, and say so.
        let last = try validators[pointers[19_990]]!.get()
        #expect(last.isValid(.string("x")))
        #expect(!last.isValid(.number(JSONNumber(1))))
    }

    @Test("a cycle of 20,000 $refs is one error, found once for every entry point")
    func longCycle() throws {
        let n = 20_000
        let text = Self.chain(n, last: ##"{"$ref": "#/$defs/s0"}"##)
        let document = try JSONDocument.parse(text).value()
        let set = try SchemaSet(document: document, dialect: .draft2020_12, file: "cycle.json")
        let pointers = (0..<n).map { JSONPointer(tokens: ["$defs", "s\($0)"]) } + [.root]
        let results = set.validators(at: pointers)
        let errors = Set(
            results.values.compactMap { result -> SchemaError? in
                if case .failure(let error) = result { return error }
                return nil
            })
        #expect(results.count == n + 1)
        let error = try #require(errors.first)
        #expect(errors.count == 1)
        #expect(error.pointer == JSONPointer(tokens: ["$defs", "s0"]))
        #expect(
            error.message
                == "$ref cycle that never reaches a schema: #/$defs/s0 → #/$defs/s1 → #/$defs/s2 → #/$defs/s3 → #/$defs/s4 → #/$defs/s5 → … (19992 more) → #/$defs/s19998 → #/$defs/s19999 → #/$defs/s0"
        )
    }

    @Test("a short cycle is named in full, from its first schema")
    func shortCycle() throws {
        let error = try #require(try schemaError(Self.chain(3, last: ##"{"$ref": "#/$defs/s1"}"##)))
        #expect(error.message == "$ref cycle that never reaches a schema: #/$defs/s1 → #/$defs/s2 → #/$defs/s1")
        #expect(error.pointer == JSONPointer(tokens: ["$defs", "s1"]))
    }
}
