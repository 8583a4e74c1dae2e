import JSON
import JSONSchema

extension Contract {
    /// How a contract's schemas are read where OpenAPI and real specs leave a choice. Each setting
    /// comes, in order, from the caller (a command-line flag), from the document's
    /// `x-conformance-readings` object (`{"nullable": "allows-null", "formats": "annotate", "regex": "web"}`),
    /// or from the default: `nullable` as the document's OpenAPI version means it (allows null before
    /// 3.0.3), formats asserted, patterns read with `u` and, where that fails, the web grammar.
    public struct Readings: Sendable, Hashable {
        public var nullable: NullableReading?
        /// True: `format` is an assertion; false: an annotation.
        public var assertFormats: Bool?
        public var regexGrammar: RegexGrammar?

        public init(nullable: NullableReading? = nil, assertFormats: Bool? = nil, regexGrammar: RegexGrammar? = nil) {
            self.nullable = nullable
            self.assertFormats = assertFormats
            self.regexGrammar = regexGrammar
        }

        /// Reads `x-conformance-readings`; a value it does not know is an error naming its place.
        static func declared(in document: JSONValue, file: String) throws(ContractError) -> Readings {
            let pointer = JSONPointer(tokens: ["x-conformance-readings"])
            guard let object = document[pointer] else { return Readings() }
            var readings = Readings()
            if let name = object["nullable"] {
                guard let reading = name.stringValue.flatMap(NullableReading.named) else {
                    throw ContractError(
                        file: file, pointer: pointer.appending("nullable"),
                        message: "unknown nullable reading (known: type-only, allows-null)")
                }
                readings.nullable = reading
            }
            if let name = object["formats"] {
                guard let text = name.stringValue, ["assert", "annotate"].contains(text) else {
                    throw ContractError(
                        file: file, pointer: pointer.appending("formats"),
                        message: "formats is \"assert\" or \"annotate\"")
                }
                readings.assertFormats = text == "assert"
            }
            if let name = object["regex"] {
                guard let grammar = name.stringValue.flatMap(RegexGrammar.named) else {
                    throw ContractError(
                        file: file, pointer: pointer.appending("regex"),
                        message: "unknown regex grammar (known: unicode, automatic, web)")
                }
                readings.regexGrammar = grammar
            }
            return readings
        }

        /// These readings where set, else `fallback`'s.
        func over(_ fallback: Readings) -> Readings {
            Readings(
                nullable: nullable ?? fallback.nullable, assertFormats: assertFormats ?? fallback.assertFormats,
                regexGrammar: regexGrammar ?? fallback.regexGrammar)
        }

        /// The schema options these readings give a document of `version`.
        func options(forOpenAPI version: String) -> SchemaOptions {
            var options = SchemaOptions.default
            options.nullable = nullable ?? .default(forOpenAPI: version)
            options.assertFormats = assertFormats ?? true
            options.regexGrammar = regexGrammar ?? .automatic
            return options
        }
    }
}
