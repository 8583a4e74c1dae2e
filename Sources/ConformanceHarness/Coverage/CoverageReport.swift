import JSON

/// What the cassettes under `recordings/` prove about the contracts under `contracts/`: for every
/// contract operation, which cassettes cover each documented response status and each value of every
/// enum in its success bodies, and every problem that keeps the coverage from being complete.
///
/// ```swift
/// let report = try CoverageReport.compute(contractsDirectory: "contracts", recordingsDirectory: "recordings")
/// for problem in report.problems { print(problem) }   // recordings/…/error-404.json#/interactions/0/…: …
/// ```
///
/// Cassettes live at `recordings/<provider>/<operationId>/<scenario>.json`, where `<provider>` is the
/// stem of the contract that documents the operation (`contracts/<provider>.openapi.json`).
/// A cassette whose root member `"violation"` gives a reason breaks its contract on purpose: its
/// violations are listed in ``accepted`` instead of ``problems``.
public struct CoverageReport: Sendable {
    /// The contract files read, sorted.
    public var contracts: [String]
    /// Every cassette file read (sorted), including those that could not be loaded.
    public var cassettes: [String]
    /// Every operation of every contract that loaded, contracts sorted, operations in document order.
    public var operations: [Operation]
    /// What keeps the coverage incomplete, in a stable order (load errors, then cassette by cassette,
    /// then operation by operation).
    public var problems: [Problem]
    /// Cassettes marked as deliberate violations, with their reasons and what they violate.
    public var accepted: [AcceptedViolation]

    /// True when every documented response has a cassette, every enum value is seen, and every
    /// cassette satisfies its contract or says why it does not.
    public var isComplete: Bool { problems.isEmpty }

    /// One contract operation's coverage.
    public struct Operation: Sendable {
        /// The contract's file stem (`bandwidth-v1` for `contracts/bandwidth-v1.openapi.json`): the
        /// folder its cassettes live in.
        public var provider: String
        public var contractFile: String
        public var operationId: String
        /// Upper-case HTTP method and path template.
        public var method: String
        public var path: String
        /// Each documented response (`200`, `404`, `5XX`, `default`) in document order, with its cassettes.
        public var statuses: [StatusCell]
        /// Each enum of a success body, with the cassettes each value appears in.
        public var enums: [EnumField]
        /// The cassette files filed under this operation.
        public var cassettes: [String]
    }

    /// A documented response status and the cassettes with a response it documents.
    public struct StatusCell: Sendable, Hashable {
        /// The status key as documented: `200`, `5XX`, `default`.
        public var key: String
        /// Cassette files with at least one response this key documents (its exact status first: a
        /// `404` response is covered by `404`, not by `4XX` or `default`).
        public var cassettes: [String]
        /// The statuses actually seen under this key (`500` and `503` under `5XX`), sorted.
        public var seenStatuses: [Int]
    }

    /// An enum-typed field of a success body (`data.status`, `results[].reason`).
    public struct EnumField: Sendable, Hashable {
        /// The field's path in the body: members joined by `.`, `[]` for array elements.
        public var field: String
        /// Where the `enum` keyword is in the contract (`#/components/schemas/MessageStatus/enum`).
        /// Operations that share an enum share its coverage: a value seen by any of the provider's
        /// cassettes in any field with this enum counts.
        public var schemaLocation: String
        /// Every documented value, in document order, with the cassettes it appears in.
        public var values: [EnumValue]
    }

    /// One documented enum value and the cassettes (of any operation of the same contract sharing the
    /// enum) where it appears.
    public struct EnumValue: Sendable, Hashable {
        public var value: JSONValue
        public var cassettes: [String]
    }

    /// A cassette that breaks its contract on purpose: the reason it gives and what it breaks.
    public struct AcceptedViolation: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var reason: String
        /// The problems the cassette would otherwise raise.
        public var violations: [Problem]

        /// `file: accepted violation (reason): N problem(s)`.
        public var description: String {
            "\(file): accepted violation (\(reason)): \(violations.count) finding\(violations.count == 1 ? "" : "s")"
        }
    }
}

extension CoverageReport.EnumField {
    /// The values no cassette shows.
    public var unseen: [JSONValue] { values.filter(\.cassettes.isEmpty).map(\.value) }
}

extension CoverageReport.Operation {
    /// The documented statuses no cassette covers.
    public var uncoveredStatuses: [String] { statuses.filter(\.cassettes.isEmpty).map(\.key) }
}
