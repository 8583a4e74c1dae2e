import JSON

extension ContractDiff {
    /// Whether a change can break a client built against the old contract.
    public enum Severity: String, Sendable, Hashable, CustomStringConvertible {
        /// A client built against the old contract may fail (decoding, handling or being refused).
        case breaking
        /// A client built against the old contract keeps working.
        case nonBreaking = "non-breaking"

        public var description: String { rawValue }
    }

    /// Where in an operation a change is: the operation itself, what the client sends, or a response.
    public struct Side: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        /// The operation as a whole (added, removed, moved).
        public static let operation = Side(name: "operation")
        /// Parameters and the request body: what the client sends.
        public static let request = Side(name: "request")
        /// A documented response: what the client receives.
        public static let response = Side(name: "response")

        public var description: String { name }
    }

    /// What changed. A struct with static members, so new kinds can be added without breaking callers.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        /// Kebab-case name, as in `--format json`: `field-removed`.
        public let name: String
        public init(_ name: String) { self.name = name }
        /// `field removed`.
        public var description: String { name.replacingHyphens }

        public static let operationRemoved = Kind("operation-removed")
        public static let operationAdded = Kind("operation-added")
        /// Same operation (matched by method and path), new `operationId`.
        public static let operationIdChanged = Kind("operation-id-changed")
        /// Same `operationId`, new method or path.
        public static let operationMoved = Kind("operation-moved")

        public static let responseStatusRemoved = Kind("response-status-removed")
        public static let responseStatusAdded = Kind("response-status-added")
        /// A response that documented a JSON body no longer does.
        public static let responseBodyRemoved = Kind("response-body-removed")
        public static let responseBodyAdded = Kind("response-body-added")

        public static let parameterRemoved = Kind("parameter-removed")
        public static let parameterAdded = Kind("parameter-added")
        /// A new required parameter, or an optional one that became required.
        public static let parameterNewlyRequired = Kind("parameter-newly-required")
        public static let parameterNoLongerRequired = Kind("parameter-no-longer-required")
        public static let requestBodyRemoved = Kind("request-body-removed")
        public static let requestBodyAdded = Kind("request-body-added")
        public static let requestBodyNewlyRequired = Kind("request-body-newly-required")

        public static let fieldRemoved = Kind("field-removed")
        public static let fieldAdded = Kind("field-added")
        public static let fieldNewlyRequired = Kind("field-newly-required")
        public static let fieldNoLongerRequired = Kind("field-no-longer-required")
        public static let typeChanged = Kind("type-changed")
        public static let formatChanged = Kind("format-changed")
        public static let patternChanged = Kind("pattern-changed")
        public static let nullableAdded = Kind("nullable-added")
        public static let nullableRemoved = Kind("nullable-removed")
        public static let enumValueAdded = Kind("enum-value-added")
        public static let enumValueRemoved = Kind("enum-value-removed")
        /// The schema gained an `enum` (or `const`) where any value was allowed.
        public static let enumAdded = Kind("enum-added")
        /// The schema lost its `enum` (or `const`): any value of the type is allowed.
        public static let enumRemoved = Kind("enum-removed")
        /// `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `minLength`, `maxLength`,
        /// `minItems`, `maxItems`, `minProperties` or `maxProperties` changed.
        public static let limitChanged = Kind("limit-changed")
        /// `anyOf`/`oneOf` alternatives differ in keyword or number (a `$ref` that became a `oneOf` is
        /// one); branches that name the same component are still compared, the rest are not.
        public static let alternativesChanged = Kind("alternatives-changed")
        /// The request body's media type changed (`application/json` → `application/x-www-form-urlencoded`).
        public static let requestBodyMediaTypeChanged = Kind("request-body-media-type-changed")
        /// A way of authenticating the old contract accepted is no longer accepted.
        public static let securityRequirementRemoved = Kind("security-requirement-removed")
        /// A new way of authenticating is accepted, or the operation no longer requires one.
        public static let securityRequirementAdded = Kind("security-requirement-added")
        /// A security scheme's definition changed (`type`, `scheme`, `in`, `name`, flows, URLs).
        public static let securitySchemeChanged = Kind("security-scheme-changed")
        /// A `$ref` the comparison needed does not resolve, so that part could not be compared.
        public static let unresolvedReference = Kind("unresolved-reference")
        /// The schemas are too large to compare completely; the rest was not compared.
        public static let comparisonLimitReached = Kind("comparison-limit-reached")
    }

    /// One place a change is seen from: an operation, its side and status, and the field as that
    /// operation's client sees it.
    public struct Occurrence: Sendable, Hashable, CustomStringConvertible {
        /// The operation's id in the new contract (the old one's when the operation was removed).
        public var operationId: String
        public var side: Side
        /// The response status key for responses, else nil.
        public var status: String?
        /// The field as this operation's client sees it; nil for operation and status changes.
        public var field: String?

        /// `messages_list 200`, `messages_list request`, `messages_list -`.
        public var description: String {
            "\(operationId) \(side == .response ? status ?? "-" : side == .request ? "request" : "-")"
        }
    }

    /// One difference between the two contracts. A change in a shared component (a schema, a
    /// parameter, a security scheme) is one change, whatever the number of operations it reaches:
    /// the first operation to reach it names it, ``operations`` lists them all.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var kind: Kind
        public var severity: Severity
        /// The first operation (in old contract order) that reaches the change: its id in the new
        /// contract (the old one's when the operation was removed).
        public var operationId: String
        public var side: Side
        /// The response status key (`200`, `4XX`, `default`) for response changes, else nil.
        public var status: String?
        /// The place as a client sees it: `data.userId`, `results[].status`, `query parameter status[]`;
        /// nil for operation and status changes.
        public var field: String?
        /// Where the old contract says what changed (nil when the thing is new).
        public var oldPointer: JSONPointer?
        /// Where the new contract says what changed (nil when the thing is gone).
        public var newPointer: JSONPointer?
        /// One line with the old and new values: `data.userId: nullable removed (was string | null, now string)`.
        public var message: String
        /// Every operation, side and status that reaches the change, the first one first.
        public var operations: [Occurrence] = []

        public var isBreaking: Bool { severity == .breaking }

        /// The new pointer when there is one, else the old one.
        public var pointer: JSONPointer? { newPointer ?? oldPointer }

        /// `200`, `request`, or `-` for the operation itself.
        public var place: String {
            switch side {
            case .response: status ?? "-"
            case .request: "request"
            default: "-"
            }
        }

        /// `BREAKING  getMessageById_v1 200 /components/schemas/Message/properties/userId  data.userId: …`,
        /// then `(also listMessages 200, … and 12 more)` when other operations reach it.
        public var description: String {
            let label = isBreaking ? "BREAKING" : "INFO    "
            let location = pointer.map { $0.isRoot ? "/" : $0.description } ?? "-"
            return "\(label)  \(operationId) \(place) \(location)  \(message)\(alsoReached)"
        }

        /// ` (also b 200, c request and 3 more)`, or nothing when only the first operation reaches it.
        var alsoReached: String {
            let others = operations.dropFirst()
            guard !others.isEmpty else { return "" }
            let shown = others.prefix(3).map(\.description).joined(separator: ", ")
            return others.count > 3 ? " (also \(shown) and \(others.count - 3) more)" : " (also \(shown))"
        }
    }
}

extension String {
    fileprivate var replacingHyphens: String {
        String(map { $0 == "-" ? " " : $0 })
    }
}
