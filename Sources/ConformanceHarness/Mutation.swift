import JSON

/// A change to a recorded success body that a client must either reject or tolerate.
public struct Mutation: Sendable, Hashable, CustomStringConvertible {
    /// What kind of change.
    public var kind: Kind
    /// Where in the body (the root for a whole-body change).
    public var pointer: JSONPointer
    /// The field as a client sees it, `*` for array elements (`data.to.*`), used by policy rules.
    public var fieldPath: String
    /// The value written there, if any (shown in reports).
    public var value: JSONValue?
    /// The contract's rule the mutated value breaks, when one names it (`pattern ^AC(.*)$`).
    public var constraint: String?

    public init(
        kind: Kind, pointer: JSONPointer, fieldPath: String, value: JSONValue? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.pointer = pointer
        self.fieldPath = fieldPath
        self.value = value
        self.constraint = constraint
    }

    /// `remove-required:/data/userId`: stable, used in case names and `--case`.
    public var identifier: String { pointer.isRoot ? kind.name : "\(kind.name):\(pointer)" }

    public var description: String {
        let place = pointer.isRoot ? "the root" : pointer.description
        switch (value, constraint) {
        case (let value?, let constraint?):
            return "\(kind.summary) at \(place): \(JSONWriter.string(value)) breaks the contract's \(constraint)"
        case (let value?, nil): return "\(kind.summary) at \(place) (\(JSONWriter.string(value)))"
        case (nil, _): return "\(kind.summary) at \(place)"
        }
    }

    /// A kind of mutation. New kinds may be added; each has a default expectation.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        public let summary: String
        public let defaultExpectation: MutationPolicy.Expectation

        public init(name: String, summary: String, defaultExpectation: MutationPolicy.Expectation) {
            self.name = name
            self.summary = summary
            self.defaultExpectation = defaultExpectation
        }

        public var description: String { name }

        /// A required member removed.
        public static let removeRequired = Kind(
            name: "remove-required", summary: "required field removed", defaultExpectation: .reject)
        /// A member that may not be null set to null.
        public static let nullNonNullable = Kind(
            name: "null-non-nullable", summary: "non-nullable field set to null", defaultExpectation: .reject)
        /// A member given a value of a JSON type its schema does not allow.
        public static let wrongType = Kind(
            name: "wrong-type", summary: "field given a wrong JSON type", defaultExpectation: .reject)
        /// A string that no longer matches its pattern (an ID prefix, an E.164 number).
        public static let breakPattern = Kind(
            name: "break-pattern", summary: "pattern broken", defaultExpectation: .reject)
        /// An RFC 3339 timestamp replaced by an epoch number.
        public static let timestampAsEpoch = Kind(
            name: "timestamp-as-epoch", summary: "ISO 8601 timestamp replaced by an epoch number",
            defaultExpectation: .reject)
        /// An epoch-milliseconds timestamp replaced by RFC 3339 text.
        public static let epochAsTimestampText = Kind(
            name: "epoch-as-text", summary: "epoch timestamp replaced by ISO 8601 text", defaultExpectation: .reject)
        /// An RFC 3339 timestamp without its offset.
        public static let timestampWithoutOffset = Kind(
            name: "timestamp-without-offset", summary: "timestamp without offset", defaultExpectation: .reject)
        /// A timestamp that is not a date at all.
        public static let timestampMalformed = Kind(
            name: "timestamp-malformed", summary: "malformed timestamp", defaultExpectation: .reject)
        /// The whole body replaced by something that is not JSON.
        public static let notJSON = Kind(name: "not-json", summary: "body is not JSON", defaultExpectation: .reject)
        /// A member the contract does not document added to an object.
        public static let unknownField = Kind(
            name: "unknown-field", summary: "unknown field added", defaultExpectation: .tolerate)
        /// An enum-typed member given a value outside the documented set.
        public static let unknownEnumValue = Kind(
            name: "unknown-enum-value", summary: "enum value outside the documented set", defaultExpectation: .tolerate)
        /// A nullable member set to null.
        public static let nullNullable = Kind(
            name: "null-nullable", summary: "nullable field set to null", defaultExpectation: .tolerate)
        /// An optional member removed.
        public static let removeOptional = Kind(
            name: "remove-optional", summary: "optional field removed", defaultExpectation: .tolerate)

        /// Every built-in kind, in the order cases are generated.
        public static let all: [Kind] = [
            .removeRequired, .nullNonNullable, .wrongType, .breakPattern, .timestampAsEpoch, .epochAsTimestampText,
            .timestampWithoutOffset,
            .timestampMalformed, .notJSON, .unknownField, .unknownEnumValue, .nullNullable, .removeOptional,
        ]

        /// The built-in kind with this name.
        public static func named(_ name: String) -> Kind? { all.first { $0.name == name } }
    }
}

/// What a client must do with each mutation. The default is the conformance list: reject every
/// broken required field, null, type, pattern and timestamp, and a body that is not JSON; tolerate
/// and preserve unknown fields, unknown enum values, nulls where allowed and absent optionals.
/// Teams adjust it, for example to tolerate unknown ID prefixes:
/// ```swift
/// var policy = MutationPolicy.default
/// policy.set(.tolerate, for: .breakPattern, field: "data.phoneNumberId")
/// ```
public struct MutationPolicy: Sendable, Hashable {
    /// The outcome a mutation must have.
    public enum Expectation: String, Sendable, Hashable, CustomStringConvertible {
        /// The client throws (and does not crash or return a value).
        case reject
        /// The client returns the view of the mutated body.
        case tolerate
        /// The mutation is not run.
        case skip
        public var description: String { rawValue }
    }

    /// One adjustment: a kind, optionally limited to one field path (`data.userId`; `*` for array elements).
    public struct Rule: Sendable, Hashable {
        public var kind: Mutation.Kind
        public var fieldPath: String?
        public var expectation: Expectation
    }

    /// Adjustments, later ones winning.
    public private(set) var rules: [Rule] = []

    public init() {}

    /// The conformance defaults.
    public static let `default` = MutationPolicy()

    /// Sets the expectation for a kind, on every field or on one field path.
    public mutating func set(_ expectation: Expectation, for kind: Mutation.Kind, field: String? = nil) {
        rules.append(Rule(kind: kind, fieldPath: field, expectation: expectation))
    }

    /// The expectation for a mutation.
    public func expectation(for mutation: Mutation) -> Expectation {
        for rule in rules.reversed() where rule.kind == mutation.kind {
            if rule.fieldPath == nil || rule.fieldPath == mutation.fieldPath { return rule.expectation }
        }
        return mutation.kind.defaultExpectation
    }
}
