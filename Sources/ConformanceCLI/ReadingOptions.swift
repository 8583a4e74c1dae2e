import Contracts
import JSONSchema

/// `--nullable`, `--formats` and `--regex`: how schemas are read where OpenAPI and real specs
/// leave a choice (see `Contract.Readings`).
enum ReadingOptions {
    static let options = [
        OptionSpec(
            "nullable", value: "READING",
            help:
                "OpenAPI 3.0 nullable: type-only (3.0.3: widens an explicit type) or allows-null (3.0.0-3.0.2: null is valid); default: as the document's version says.",
            allowed: NullableReading.all.map(\.name)),
        OptionSpec(
            "formats", value: "MODE", help: "format as an assertion (default) or an annotation.",
            allowed: ["assert", "annotate"]),
        OptionSpec(
            "regex", value: "GRAMMAR",
            help:
                "pattern grammar: unicode (ECMA-262 with u), web (without u: \\_ is _), automatic (u, else web; default).",
            allowed: RegexGrammar.all.map(\.name)),
    ]

    /// The readings the arguments ask for (unset where they say nothing).
    static func readings(_ arguments: ParsedArguments) -> Contract.Readings {
        Contract.Readings(
            nullable: arguments.value("nullable").flatMap(NullableReading.named),
            assertFormats: arguments.value("formats").map { $0 == "assert" },
            regexGrammar: arguments.value("regex").flatMap(RegexGrammar.named))
    }

    /// Schema options for a bare schema document (`validate --schema`): the readings over the defaults.
    static func schemaOptions(_ arguments: ParsedArguments) -> SchemaOptions {
        var options = SchemaOptions.default
        let readings = readings(arguments)
        if let nullable = readings.nullable { options.nullable = nullable }
        if let assert = readings.assertFormats { options.assertFormats = assert }
        if let grammar = readings.regexGrammar { options.regexGrammar = grammar }
        return options
    }
}
