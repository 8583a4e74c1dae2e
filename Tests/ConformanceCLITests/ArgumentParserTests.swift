import Testing

@testable import ConformanceCLI

let sampleSpec = CommandSpec(
    name: "sample", summary: "A sample command.", usage: ["[options] FILE..."],
    options: [
        OptionSpec("format", value: "FORMAT", help: "Output format.", allowed: ["text", "json"]),
        OptionSpec("param", value: "NAME=VALUE", help: "A parameter.", repeatable: true),
        OptionSpec("output", short: "o", value: "FILE", help: "Where to write."),
        OptionSpec("jsonl", help: "One instance per line."),
    ],
    positionals: "FILE...")

/// (name, arguments, expected values, flags, positionals).
let parseCases: [(String, [String], [String: [String]], Set<String>, [String])] = [
    ("empty", [], [:], [], []),
    ("positionals", ["a.json", "b.json"], [:], [], ["a.json", "b.json"]),
    ("option with value", ["--format", "json", "a"], ["format": ["json"]], [], ["a"]),
    ("option with equals", ["--format=text"], ["format": ["text"]], [], []),
    ("short option", ["-o", "out.txt"], ["output": ["out.txt"]], [], []),
    ("flag", ["--jsonl", "x"], [:], ["jsonl"], ["x"]),
    ("repeatable", ["--param", "a=1", "--param", "b=2"], ["param": ["a=1", "b=2"]], [], []),
    ("stdin dash is positional", ["-"], [:], [], ["-"]),
    ("double dash ends options", ["--", "--jsonl"], [:], [], ["--jsonl"]),
    ("help flag", ["--help"], [:], ["help"], []),
    ("interleaved", ["a", "--jsonl", "b"], [:], ["jsonl"], ["a", "b"]),
]

/// (name, arguments, expected one-line error).
let parseErrors: [(String, [String], String)] = [
    ("unknown option with hint", ["--formt", "json"], "conformance sample: unknown option '--formt' (did you mean '--format'?)"),
    ("unknown option without hint", ["--zzzzzz"], "conformance sample: unknown option '--zzzzzz'"),
    ("missing value", ["--format"], "conformance sample: option '--format' needs a value (FORMAT)"),
    ("bad enum value", ["--format", "xml"], "conformance sample: invalid value 'xml' for '--format' (expected text, json)"),
    ("flag with value", ["--jsonl=yes"], "conformance sample: option '--jsonl' takes no value"),
    ("repeated single option", ["--format", "json", "--format", "text"], "conformance sample: option '--format' given more than once"),
    ("unknown short option", ["-x"], "conformance sample: unknown option '-x'"),
]

@Suite struct ArgumentParserTests {
    @Test("parses", arguments: parseCases.map(\.0))
    func parses(name: String) throws {
        let entry = try #require(parseCases.first { $0.0 == name })
        let parsed = try sampleSpec.parse(entry.1)
        #expect(parsed.values == entry.2)
        #expect(parsed.flags == entry.3)
        #expect(parsed.positionals == entry.4)
    }

    @Test("rejects with a one-line message", arguments: parseErrors.map(\.0))
    func rejects(name: String) throws {
        let entry = try #require(parseErrors.first { $0.0 == name })
        let error = #expect(throws: UsageError.self) { try sampleSpec.parse(entry.1) }
        #expect(error?.description == entry.2)
    }

    @Test func commandsWithoutPositionalsRejectThem() {
        let spec = CommandSpec(name: "none", summary: "", usage: [], options: [], positionals: nil)
        let error = #expect(throws: UsageError.self) { try spec.parse(["stray"]) }
        #expect(error?.description == "conformance none: unexpected argument 'stray'")
    }

    @Test func helpListsEveryOption() {
        let help = sampleSpec.help
        for option in sampleSpec.options { #expect(help.contains("--\(option.name)")) }
        #expect(help.contains("(text|json)"))
        #expect(help.contains("-o, --output FILE"))
    }

    @Test func editDistanceSuggestsNearNames() {
        #expect(editDistance("formt", "format") == 1)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("validate", "validate") == 0)
    }
}
