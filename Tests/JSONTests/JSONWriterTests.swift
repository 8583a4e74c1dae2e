import Testing

@testable import JSON

@Suite struct JSONWriterTests {
    @Test func compactAndPrettyAndSorted() throws {
        let value: JSONValue = ["b": [1, "x", nil], "a": ["z": true, "y": false], "e": [], "o": [:]]
        #expect(JSONWriter.string(value) == #"{"b":[1,"x",null],"a":{"z":true,"y":false},"e":[],"o":{}}"#)
        #expect(
            JSONWriter.string(value, options: .canonical) == """
                {
                  "a": {
                    "y": false,
                    "z": true
                  },
                  "b": [
                    1,
                    "x",
                    null
                  ],
                  "e": [],
                  "o": {}
                }
                """)
    }

    @Test func escapesMinimally() {
        let value: JSONValue = .string("q\"b\\s/n\nt\tc\u{01}é😀\u{7F}")
        #expect(JSONWriter.string(value) == #""q\"b\\s/n\nt\tc\u0001é😀\#u{7F}""#)
        #expect(JSONWriter.string(value, options: .init(escapeSlashes: true)).contains(#"s\/n"#))
    }

    @Test func numbersKeepTheirLiteral() throws {
        let document = try JSONDocument.parse("[1.0, 1e400, -0, 123456789012345678901234567890, 0.1]")
        #expect(JSONWriter.string(document.value()) == "[1.0,1e400,-0,123456789012345678901234567890,0.1]")
        #expect(JSONNumber(2.5).literal == "2.5")
        #expect(JSONNumber(1.0).literal == "1.0")
        #expect(JSONNumber(1e20).literal == "1e20")
    }

    @Test("random trees round-trip through writer and parser", arguments: 0..<20)
    func roundTrip(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
        let value = randomValue(depth: 0, using: &generator)
        for options in [JSONWriter.Options.compact, .canonical, .init(pretty: true)] {
            let text = JSONWriter.write(value, options: options)
            let reparsed = try JSONDocument.parse(text).value()
            #expect(reparsed == value)
        }
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomValue(depth: Int, using generator: inout SeededGenerator) -> JSONValue {
    let alphabet: [Character] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\u{01}", "é", "中", "😀", "/", "~"]
    func randomString() -> String {
        String((0..<Int.random(in: 0..<8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
    }
    switch Int.random(in: 0..<(depth > 3 ? 5 : 7), using: &generator) {
    case 0: return .null
    case 1: return .bool(Bool.random(using: &generator))
    case 2: return .number(JSONNumber(Int64.random(in: Int64.min...Int64.max, using: &generator)))
    case 3: return .number(JSONNumber(Double.random(in: -1e6...1e6, using: &generator)))
    case 4: return .string(randomString())
    case 5:
        return .array((0..<Int.random(in: 0..<4, using: &generator)).map { _ in randomValue(depth: depth + 1, using: &generator) })
    default:
        var object = JSONObject()
        for _ in 0..<Int.random(in: 0..<4, using: &generator) {
            object[randomString()] = randomValue(depth: depth + 1, using: &generator)
        }
        return .object(object)
    }
}

@Suite struct JSONPointerTests {
    @Test("parses and prints", arguments: [
        ("", [String]()),
        ("/a", ["a"]),
        ("/a~1b/c~0d", ["a/b", "c~d"]),
        ("/", [""]),
        ("/0/ ", ["0", " "]),
    ])
    func parses(text: String, tokens: [String]) throws {
        let pointer = try JSONPointer(parsing: text)
        #expect(pointer.tokens == tokens)
        #expect(pointer.description == text)
    }

    @Test func rejectsMalformed() {
        #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "a") }
        let error = #expect(throws: JSONPointerError.self) { try JSONPointer(parsing: "/a~2") }
        #expect(error?.description == "invalid JSON Pointer \"/a~2\": '~' must be followed by '0' or '1'")
    }

    @Test func uriFragments() throws {
        let pointer = try JSONPointer(uriFragment: "#/components/schemas/a%20b/x~1y")
        #expect(pointer.tokens == ["components", "schemas", "a b", "x/y"])
        #expect(pointer.uriFragment == "#/components/schemas/a%20b/x~1y")
        #expect(throws: JSONPointerError.self) { try JSONPointer(uriFragment: "#/a%zz") }
    }

    @Test func looksUpTreeValues() {
        let value: JSONValue = ["a": ["b/c": [10, 20]]]
        #expect(value["/a/b~1c/1" as JSONPointer] == 20)
        #expect(value["/a/b~1c/2" as JSONPointer] == nil)
        #expect(value["/a/x" as JSONPointer] == nil)
    }
}
