/// Which rules a schema is read by. A kind that may grow: a struct with static members.
public struct Dialect: Sendable, Hashable, CustomStringConvertible {
    /// The command-line name: `openapi-3.0`, `openapi-3.1`, `draft4`, `draft2020-12`.
    public let name: String
    /// Draft 4 rules: `$ref` replaces its siblings, `id`, boolean `exclusiveMaximum`, array `items`.
    package let isDraft4Family: Bool
    /// OpenAPI 3.0's `nullable` (with `type`) applies.
    package let hasNullable: Bool

    /// OpenAPI 3.0.x Schema Objects: draft 4 based, plus `nullable` (only together with `type`).
    public static let openAPI30 = Dialect(name: "openapi-3.0", isDraft4Family: true, hasNullable: true)
    /// OpenAPI 3.1.x Schema Objects: JSON Schema 2020-12.
    public static let openAPI31 = Dialect(name: "openapi-3.1", isDraft4Family: false, hasNullable: false)
    /// JSON Schema draft 4.
    public static let draft4 = Dialect(name: "draft4", isDraft4Family: true, hasNullable: false)
    /// JSON Schema 2020-12.
    public static let draft2020_12 = Dialect(name: "draft2020-12", isDraft4Family: false, hasNullable: false)

    /// Every dialect, for help texts and argument validation.
    public static let all: [Dialect] = [.openAPI30, .openAPI31, .draft4, .draft2020_12]

    /// The dialect with this command-line name.
    public init?(name: String) {
        guard let dialect = Dialect.all.first(where: { $0.name == name }) else { return nil }
        self = dialect
    }

    /// The dialect a `$schema` URI names, if known.
    public init?(schemaURI: String) {
        let uri = schemaURI.hasSuffix("#") ? String(schemaURI.dropLast()) : schemaURI
        switch uri {
        case "http://json-schema.org/draft-04/schema", "https://json-schema.org/draft-04/schema": self = .draft4
        case "https://json-schema.org/draft/2020-12/schema": self = .draft2020_12
        case "https://spec.openapis.org/oas/3.1/dialect/base": self = .openAPI31
        default: return nil
        }
    }

    private init(name: String, isDraft4Family: Bool, hasNullable: Bool) {
        self.name = name
        self.isDraft4Family = isDraft4Family
        self.hasNullable = hasNullable
    }

    /// The command-line name.
    public var description: String { name }
}

/// How schemas are compiled and applied.
public struct SchemaOptions: Sendable, Hashable {
    /// Whether `format` is an assertion (contracts: yes) or only an annotation (JSON Schema's default).
    public var assertFormats: Bool
    /// Steps one `pattern` evaluation may take before the instance is reported as failing it.
    public var regexStepLimit: Int
    /// Deepest nesting of schema evaluation (guards `$ref` cycles that consume no input).
    public var maxEvaluationDepth: Int
    /// Subschema evaluations one validation may take, plus 1,000 per node of the instance; past it
    /// the instance is reported invalid with a violation that says so. Bounds schemas whose
    /// alternatives multiply (`anyOf` over recursive `$ref`s), which would otherwise run for ages.
    public var maxEvaluationSteps: Int
    /// How OpenAPI 3.0's `nullable: true` reads (see ``NullableReading``).
    public var nullable: NullableReading
    /// Which grammar `pattern` is read in (see ``RegexGrammar``).
    public var regexGrammar: RegexGrammar

    /// Options; the defaults suit contracts (formats asserted).
    public init(
        assertFormats: Bool = true, regexStepLimit: Int = 1_000_000, maxEvaluationDepth: Int = 1_024,
        maxEvaluationSteps: Int = 1_000_000, nullable: NullableReading = .typeOnly,
        regexGrammar: RegexGrammar = .automatic
    ) {
        self.assertFormats = assertFormats
        self.regexStepLimit = regexStepLimit
        self.maxEvaluationDepth = maxEvaluationDepth
        self.maxEvaluationSteps = maxEvaluationSteps
        self.nullable = nullable
        self.regexGrammar = regexGrammar
    }

    /// Formats asserted, 1,000,000 regex steps, depth 1,024, 1,000,000 evaluation steps (+1,000 per instance node).
    public static let `default` = SchemaOptions()
}

/// How OpenAPI 3.0's `nullable: true` is read. OpenAPI 3.0.3 clarified that it only widens an
/// explicit `type` (so `{"enum": ["a"], "nullable": true}` and `{"anyOf": [...], "nullable": true}`
/// still refuse null); 3.0.0–3.0.2 say it "allows sending a null value", which real specs (Stripe,
/// Twilio) rely on: null is then valid for the schema whatever its other keywords say.
public struct NullableReading: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// 3.0.3: `nullable` adds `null` to an explicit `type`, nothing else.
    public static let typeOnly = NullableReading(name: "type-only")
    /// 3.0.0–3.0.2: a `nullable: true` schema accepts null, whatever else it says.
    public static let allowsNull = NullableReading(name: "allows-null")
    public static let all: [NullableReading] = [.typeOnly, .allowsNull]
    public var description: String { name }

    /// The reading a document of this OpenAPI version means: `allows-null` before 3.0.3.
    public static func `default`(forOpenAPI version: String) -> NullableReading {
        ["3.0.0", "3.0.1", "3.0.2"].contains(version) ? .allowsNull : .typeOnly
    }

    public static func named(_ name: String) -> NullableReading? { all.first { $0.name == name } }
}

/// The grammar `pattern` is read in. JSON Schema asks for ECMA-262 with the `u` flag, whose syntax
/// is strict; many published specs were written against the web-compatible grammar without `u`
/// (`\_`, `` \` ``, a literal `{`), which a JavaScript validator accepts.
public struct RegexGrammar: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    /// ECMA-262 with `u` only: a pattern outside it does not compile.
    public static let unicode = RegexGrammar(name: "unicode")
    /// With `u` where it parses, else the web-compatible grammar (lint says where that was needed).
    public static let automatic = RegexGrammar(name: "automatic")
    /// The web-compatible grammar for every pattern.
    public static let webCompatible = RegexGrammar(name: "web")
    public static let all: [RegexGrammar] = [.unicode, .automatic, .webCompatible]
    public var description: String { name }

    public static func named(_ name: String) -> RegexGrammar? { all.first { $0.name == name } }
}
