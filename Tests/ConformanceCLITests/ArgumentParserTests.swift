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
    ("short option with attached value", ["-oout.txt"], ["output": ["out.txt"]], [], []),
    ("value may start with a dash", ["--output", "-", "--param", "--x"], ["output": ["-"], "param": ["--x"]], [], []),
    ("equals splits at the first equals sign", ["--param=a=1", "--param", "b="], ["param": ["a=1", "b="]], [], []),
    ("empty value with equals", ["--output="], ["output": [""]], [], []),
    ("double dash keeps later dashes", ["a", "--", "-", "--", "-o"], [:], [], ["a", "-", "--", "-o"]),
    ("repeated flag is one flag", ["--jsonl", "--jsonl"], [:], ["jsonl"], []),
    ("short help", ["-h"], [:], ["help"], []),
]

/// (name, arguments, expected one-line error).
let parseErrors: [(String, [String], String)] = [
    (
        "unknown option with hint", ["--formt", "json"],
        "conformance sample: unknown option '--formt' (did you mean '--format'?)"
    ),
    ("unknown option without hint", ["--zzzzzz"], "conformance sample: unknown option '--zzzzzz'"),
    ("missing value", ["--format"], "conformance sample: option '--format' needs a value (FORMAT)"),
    (
        "bad enum value", ["--format", "xml"],
        "conformance sample: invalid value 'xml' for '--format' (expected text, json)"
    ),
    ("flag with value", ["--jsonl=yes"], "conformance sample: option '--jsonl' takes no value"),
    (
        "repeated single option", ["--format", "json", "--format", "text"],
        "conformance sample: option '--format' given more than once"
    ),
    ("unknown short option", ["-x"], "conformance sample: unknown option '-x'"),
    ("short flag with attached text", ["-hx"], "conformance sample: unknown option '-hx'"),
    ("missing value after short option", ["-o"], "conformance sample: option '--output' needs a value (FILE)"),
    (
        "bad enum value with equals", ["--format=yaml"],
        "conformance sample: invalid value 'yaml' for '--format' (expected text, json)"
    ),
    ("misspelled flag", ["--jsnl"], "conformance sample: unknown option '--jsnl' (did you mean '--jsonl'?)"),
    (
        "missing value is not taken from nothing", ["a", "--param"],
        "conformance sample: option '--param' needs a value (NAME=VALUE)"
    ),
]

let requiredSpec = CommandSpec(
    name: "needs", summary: "Needs a schema.", usage: ["--schema FILE"],
    options: [OptionSpec("schema", value: "FILE", help: "The schema.", required: true)], positionals: "FILE...")

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

    @Test func missingRequiredOptionIsNamedWithItsValue() {
        let error = #expect(throws: UsageError.self) { try requiredSpec.parse(["a.json"]) }
        #expect(error?.description == "conformance needs: missing required option '--schema FILE'")
    }

    @Test func helpWinsOverMissingRequiredOptions() throws {
        #expect(try requiredSpec.parse(["--help"]).flag("help"))
        #expect(try requiredSpec.parse(["--schema", "s.json"]).value("schema") == "s.json")
    }

    @Test func helpTextIsExact() {
        #expect(
            requiredSpec.help == """
                OVERVIEW: Needs a schema.

                USAGE:
                  conformance needs --schema FILE

                OPTIONS:
                  --schema FILE              The schema. Required.
                  -h, --help                 Show this help.

                """)
    }

    @Test func lastValueAndAllValues() throws {
        let parsed = try sampleSpec.parse(["--param", "a", "--param", "b"])
        #expect(parsed.value("param") == "b")
        #expect(parsed.all("param") == ["a", "b"])
        #expect(parsed.all("output") == [])
        #expect(!parsed.flag("jsonl"))
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
