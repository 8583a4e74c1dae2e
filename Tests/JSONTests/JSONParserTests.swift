import Testing

@testable import JSON

/// Texts every strict parser accepts, with the JSON type of their root.
let acceptedTexts: [(name: String, text: String, kind: JSONKind)] = [
    ("empty object", "{}", .object),
    ("empty array", "[]", .array),
    ("nested empties", #"[{},[],{"a":[]}]"#, .array),
    ("whitespace around", " \t\r\n{ \"a\" : 1 } \n", .object),
    ("zero", "0", .integer),
    ("negative zero", "-0", .integer),
    ("minus zero float", "-0.0", .float),
    ("big integer", "123456789012345678901234567890", .integer),
    ("exponent", "1e400", .float),
    ("exponent upper sign", "1E+2", .float),
    ("exponent negative", "1e-2", .float),
    ("fraction", "3.25", .float),
    ("true", "true", .true),
    ("false", "false", .false),
    ("null", "null", .null),
    ("string", #""hello""#, .string),
    ("escapes", #""\"\\\/\b\f\n\r\t""#, .string),
    ("unicode escape", #""\u00e9\u4e2d""#, .string),
    ("surrogate pair", #""\ud83d\ude00""#, .string),
    ("raw utf8 two bytes", "\"é\"", .string),
    ("raw utf8 four bytes", "\"😀\"", .string),
    ("DEL is allowed raw", "\"\u{7F}\"", .string),
    ("long ascii string", "\"" + String(repeating: "abcdefgh", count: 64) + "\"", .string),
    ("deep but allowed", String(repeating: "[", count: 512) + String(repeating: "]", count: 512), .array),
    ("array of mixed", #"[1,-2.5,"x",true,false,null,{"k":"v"}]"#, .array),
]

/// Texts a strict parser rejects, with the message and the 1-based line:column it must name.
let rejectedTexts: [(name: String, text: String, message: String, at: String)] = [
    ("empty", "", "empty document: expected a JSON value", "1:1"),
    ("only whitespace", "  \n ", "empty document: expected a JSON value", "2:2"),
    ("trailing comma array", "[1,]", "trailing comma before ']'", "1:4"),
    ("trailing comma object", #"{"a":1,}"#, "trailing comma before '}'", "1:8"),
    ("leading zero", "01", "invalid number: leading zero", "1:1"),
    ("plus sign", "+1", "unexpected character '+': expected a JSON value", "1:1"),
    ("bare fraction", ".5", "unexpected character '.': expected a JSON value", "1:1"),
    ("dot without digits", "1.", "invalid number: expected a digit after '.'", "1:3"),
    ("exponent without digits", "1e", "invalid number: expected a digit in the exponent", "1:3"),
    ("minus alone", "-", "invalid number: expected a digit after '-'", "1:2"),
    ("NaN", "NaN", "unexpected character 'N': expected a JSON value", "1:1"),
    ("Infinity", "Infinity", "unexpected character 'I': expected a JSON value", "1:1"),
    ("single quotes", "['a']", "unexpected character ''': expected a JSON value", "1:2"),
    ("comment", "[1] // x", "unexpected character '/' after the end of the JSON value", "1:5"),
    ("two roots", "1 2", "unexpected character '2' after the end of the JSON value", "1:3"),
    ("unterminated string", #"["abc"#, "unterminated string", "1:2"),
    ("unterminated array", "[1, 2", "unexpected end of input: expected ',' or ']'", "1:6"),
    ("unterminated object", #"{"a":1"#, "unexpected end of input: expected ',' or '}'", "1:7"),
    ("missing colon", #"{"a" 1}"#, "unexpected character '1': expected ':' after key", "1:6"),
    ("non-string key", "{1:2}", "unexpected character '1': expected a string key", "1:2"),
    ("invalid escape", #""\q""#, "invalid escape '\\q' in string", "1:2"),
    ("short unicode escape", #""\u12""#, "incomplete \\u escape", "1:2"),
    ("non-hex unicode escape", #""\u12x4""#, "invalid \\u escape: 'x' is not a hex digit", "1:2"),
    ("lone high surrogate", #""\ud800""#, "lone high surrogate \\uD800 (expected a low surrogate escape after it)", "1:2"),
    ("lone low surrogate", #""\udc00""#, "lone low surrogate \\uDC00", "1:2"),
    ("control character", "\"a\u{01}b\"", "control character 0x01 in string (escape it)", "1:3"),
    ("raw newline in string", "\"a\nb\"", "control character 0x0A in string (escape it)", "1:3"),
    ("bad literal", "tru", "invalid literal: expected 'true'", "1:1"),
    ("capital literal", "True", "unexpected character 'T': expected a JSON value", "1:1"),
    ("error on third line", "{\n  \"a\": 1,\n  \"b\": x\n}", "unexpected character 'x': expected a JSON value", "3:8"),
    ("duplicate key", #"{"id":1,"id":2}"#, "duplicate key \"id\" (first at 1:2)", "1:9"),
    ("duplicate key via escape", #"{"id":1,"\u0069d":2}"#, "duplicate key \"id\" (first at 1:2)", "1:9"),
    ("too deep", String(repeating: "[", count: 513), "nesting deeper than 512 levels", "1:513"),
]

@Suite struct JSONParserTests {
    @Test("accepts", arguments: acceptedTexts.map { $0.name })
    func accepts(name: String) throws {
        let entry = try #require(acceptedTexts.first { $0.name == name })
        let document = try JSONDocument.parse(entry.text)
        #expect(document.kind(0) == entry.kind)
        #expect(document.next(after: 0) == document.nodes.count)
    }

    @Test("rejects with message and place", arguments: rejectedTexts.map { $0.name })
    func rejects(name: String) throws {
        let entry = try #require(rejectedTexts.first { $0.name == name })
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(entry.text) }
        #expect(error?.message == entry.message)
        #expect(error?.location.description == entry.at)
        #expect(error?.description == "\(entry.at): \(entry.message)")
    }

    @Test("invalid UTF-8 is rejected at the offending byte", arguments: [
        ([0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0"),  // overlong '/'
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], "invalid UTF-8 sequence starting with 0xE0"),  // overlong
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 sequence starting with 0xED"),  // UTF-16 surrogate
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], "invalid UTF-8 byte 0xF5"),  // beyond U+10FFFF
        ([0x22, 0xFF, 0x22], "invalid UTF-8 byte 0xFF"),
        ([0x22, 0x80, 0x22], "invalid UTF-8 byte 0x80"),  // lone continuation
        ([0x22, 0xE2, 0x82], "truncated UTF-8 sequence"),
    ] as [([UInt8], String)])
    func invalidUTF8(bytes: [UInt8], message: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(bytes) }
        #expect(error?.message == message)
        #expect(error?.location.offset == 1)
    }

    @Test func integersStayExactAndDistinctFromFloatsAndBooleans() throws {
        let document = try JSONDocument.parse(#"[123456789012345678901234567890, 9007199254740993, 1, 1.0, true, -9223372036854775808]"#)
        let elements = Array(document.elements(0))
        #expect(document.number(elements[0]).literal == "123456789012345678901234567890")
        #expect(document.int64(elements[0]) == nil)
        #expect(document.int64(elements[1]) == 9_007_199_254_740_993)
        #expect(document.kind(elements[2]) == .integer)
        #expect(document.kind(elements[3]) == .float)
        #expect(document.kind(elements[4]) == .true)
        #expect(document.value(elements[2]) != document.value(elements[4]))
        #expect(document.int64(elements[5]) == Int64.min)
        #expect(JSONNumber(literal: "1.0")!.isEqualValue(JSONNumber(literal: "10e-1")!))
        #expect(!JSONNumber(literal: "9007199254740993")!.isEqualValue(JSONNumber(literal: "9007199254740992")!))
    }

    @Test func decodesStringsAndLooksUpMembers() throws {
        let document = try JSONDocument.parse(#"{"a\/b":"x\u00e9\ud83d\ude00\n","plain":"yes","list":[10,20,30]}"#)
        #expect(document.string(try #require(document.member(0, "a/b"))) == "xé😀\n")
        let plain = try #require(document.member(0, "plain"))
        #expect(document.stringEquals(plain, Array("yes".utf8)))
        #expect(!document.stringEquals(plain, Array("ye".utf8)))
        #expect(document.node(at: "/list/2").map { document.int64($0) } == 30)
        #expect(document.node(at: "/list/3") == nil)
        #expect(document.node(at: "/list/01") == nil)
        #expect(document.pointer(to: try #require(document.node(at: "/list/1"))) == "/list/1")
        #expect(String(decoding: document.rawBytes(try #require(document.member(0, "list"))), as: UTF8.self) == "[10,20,30]")
        #expect(document.location(ofNode: plain) == SourceLocation(line: 1, column: 41, offset: 40))
    }

    @Test func duplicateKeysCanBeAllowed() throws {
        let options = JSONParseOptions(duplicateKeys: .allow)
        let document = try JSONDocument.parse(#"{"a":1,"a":2}"#, options: options)
        #expect(document.nodes[0].count == 2)
    }

    @Test func duplicateKeysInLargeObjectsAreFound() {
        var text = "{"
        for i in 0..<100 { text += "\"k\(i)\":\(i)," }
        text += "\"k42\":0}"
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(text) }
        #expect(error?.message.hasPrefix("duplicate key \"k42\"") == true)
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let text = String(repeating: "[", count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(text) }
        #expect(error?.message == "nesting deeper than 512 levels")
        let objects = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONDocument.parse(objects) }
    }

    @Test func documentSizeIsBounded() {
        let options = JSONParseOptions(maxDocumentSize: 10)
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse("[1,2,3,4,5,6]", options: options) }
        #expect(error?.message == "document of 13 bytes exceeds the limit of 10 bytes")
    }

    @Test func parsesOneLineOfALargerBufferWithLocalLocations() throws {
        let bytes = Array("{\"a\":1}\n[1,2]\n{\"b\":x}\n".utf8)
        let second = try JSONDocument.parse(bytes, range: 8..<13)
        #expect(second.kind(0) == .array)
        #expect(second.elements(0).map { second.int64($0) } == [1, 2])
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(bytes, range: 14..<21) }
        #expect(error?.location == SourceLocation(line: 1, column: 6, offset: 5))
    }

    @Test func fileErrorsNameTheFile() {
        let error = #expect(throws: JSONParseError.self) { try JSONDocument.parse(contentsOf: "/nonexistent/x.json") }
        #expect(error?.description.hasPrefix("/nonexistent/x.json:1:1: cannot open") == true)
    }
}
