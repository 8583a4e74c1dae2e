import JSON
import Testing
import YAML

func refusal(_ text: String, options: YAMLReadOptions = .default) -> YAMLError? {
    do {
        _ = try YAMLReader.parse(Array(text.utf8), file: "contract.yaml", options: options)
        return nil
    } catch {
        return error
    }
}

@Suite("YAML errors and limits")
struct YAMLErrorTests {
    @Test(
        "errors read file:line:column: message",
        arguments: [
            ("a: 1\nb: [1, 2\n", "contract.yaml:3:1: unterminated flow collection (a closing bracket is missing)"),
            ("a: 1\na: 2\n", "contract.yaml:2:1: duplicate key \"a: 2\" (first at line 1)"),
            ("a:\n  b: 1\n c: 2\n", "contract.yaml:3:2: bad indentation of \"c: 2\" (a key at column 1 expected)"),
            ("k: \"x\\q\"\n", "contract.yaml:1:6: invalid escape \"\\q\"\" in a double-quoted scalar"),
            ("k: *nowhere\n", "contract.yaml:1:4: alias *nowhere names no anchor before it"),
            ("a:\n\tb: 1\n", "contract.yaml:2:2: a tab is used for indentation (YAML allows spaces only)"),
            ("k: !!int twelve\n", "contract.yaml:1:4: \"!!int twelve\": the value is not an integer"),
            ("k: !!float .inf\n", "contract.yaml:1:4: .inf: JSON has no infinite or NaN numbers"),
            ("k: 'open\n", "contract.yaml:1:4: unterminated single-quoted scalar"),
            ("key: - a\n", "contract.yaml:1:6: a block collection cannot start on this line (put it on its own line)"),
        ]
    )
    func message(_ yaml: String, _ expected: String) {
        #expect(refusal(yaml)?.description == expected)
    }

    @Test("line and column are exact, also after multi-byte characters")
    func location() throws {
        let error = try #require(refusal("é: 1\nnäme: [1, 2,, 3]\n"))
        #expect(error.line == 2)
        #expect(error.column == 13)
        #expect(error.file == "contract.yaml")
    }

    @Test("excerpts in messages are bounded")
    func excerpt() throws {
        let error = try #require(refusal("a: 1\n" + String(repeating: "x", count: 10_000) + " : : :\n"))
        #expect(error.description.count < 200)
    }

    @Test("an alias bomb is refused, not expanded")
    func aliasBomb() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<12 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        let error = try #require(refusal(yaml))
        #expect(error.message.contains("more than 1000000 nodes once aliases are expanded"))
        #expect(refusal("a: &a [1, 2]\nb: [*a, *a]\n") == nil)
    }

    @Test("the expansion bound is adjustable")
    func expansionOption() {
        let yaml = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
        #expect(refusal(yaml, options: YAMLReadOptions(maxExpandedNodes: 10)) != nil)
        #expect(refusal(yaml, options: YAMLReadOptions(maxExpandedNodes: 100)) == nil)
    }

    @Test("deep nesting is refused, not a crash", arguments: ["[", "{a: ", "- ", "a:\n"])
    func deepNesting(_ opener: String) throws {
        let yaml: String
        if opener == "- " {
            yaml = (0..<2000).map { String(repeating: " ", count: $0 * 2) + "-\n" }.joined()
        } else if opener == "a:\n" {
            yaml = (0..<2000).map { String(repeating: " ", count: $0) + "a:\n" }.joined()
        } else {
            yaml = String(repeating: opener, count: 100_000)
        }
        let error = try #require(refusal(yaml))
        #expect(error.message.contains("nesting deeper than 512 levels"))
    }

    @Test("nesting within the limit reads")
    func nestingWithinLimit() throws {
        let yaml = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(refusal(yaml) == nil)
    }

    @Test("parseSingle refuses a second document")
    func singleDocument() {
        #expect(throws: YAMLError.self) { try YAMLReader.parseSingle(Array("a\n---\nb\n".utf8)) }
    }

    @Test("truncated and garbled inputs are refused or read, never a crash")
    func truncations() {
        let yaml = "a: &x [1, {b: \"c\\u00e9\", d: 'e'}]\nf: |+\n  g\n? h\n: *x\n--- !!str\n"
        let bytes = Array(yaml.utf8)
        for end in 0...bytes.count {
            _ = try? YAMLReader.parse(Array(bytes[0..<end]))
        }
    }
}
