import ConformanceHarness
import HTTPTransport
import JSON

/// The four bundled clients, plugged into the harness. `verify` runs them by default.
public enum BundledAdapters {
    /// Every bundled adapter, each with the given deliberate defect (nil: as shipped).
    public static func all(fault: ClientFault? = nil) -> [any ConformanceAdapter] {
        [
            CourierAdapter(fault: fault), SendoAdapter(fault: fault), BandwidthAdapter(fault: fault),
            OpenPhoneAdapter(fault: fault),
        ]
    }

    /// The adapter a `--client` word names: its short name (`openphone`) or its client name
    /// (`OpenPhoneClient`), case-insensitively.
    public static func named(_ word: String, fault: ClientFault? = nil) -> (any ConformanceAdapter)? {
        all(fault: fault).first { adapter in
            adapter.name.lowercased() == word.lowercased() || shortName(adapter).lowercased() == word.lowercased()
        }
    }

    /// `openphone` for `OpenPhoneClient`.
    public static func shortName(_ adapter: any ConformanceAdapter) -> String { ClientSet.shortName(adapter) }

    /// The four clients and their deliberate defects, as the `conformance` executable registers them.
    public static var clientSet: ClientSet {
        ClientSet(faults: ClientFault.all.map { ClientSet.Fault(name: $0.name, summary: $0.summary) }) { fault in
            all(fault: fault.flatMap { ClientFault.named($0.name) })
        }
    }
}

/// A deliberate defect injected into a bundled client's adapter, to show that `verify` catches the
/// mistakes real clients make (`conformance verify --fault NAME` must fail, naming the problem).
public struct ClientFault: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let summary: String

    public var description: String { name }

    /// Millisecond epochs read as seconds (Courier).
    public static let millisecondsAsSeconds = ClientFault(
        name: "ms-as-seconds", summary: "reads millisecond epochs as seconds")
    /// A nullable field treated as required: null is rejected.
    public static let requiresNullable = ClientFault(
        name: "requires-nullable", summary: "treats nullable fields as required")
    /// Error bodies not decoded: only the status surfaces.
    public static let ignoresErrorBodies = ClientFault(name: "ignores-error-bodies", summary: "ignores error bodies")
    /// A trap on an enum value outside the documented set.
    public static let crashesOnUnknownEnum = ClientFault(
        name: "crashes-on-unknown-enum", summary: "crashes on an unknown enum value")
    /// A hang (a loop that never yields) on an enum value outside the documented set.
    public static let hangsOnUnknownEnum = ClientFault(
        name: "hangs-on-unknown-enum", summary: "hangs on an unknown enum value")
    /// Fractional seconds dropped from ISO 8601 timestamps.
    public static let dropsFractions = ClientFault(name: "drops-fractions", summary: "drops fractional seconds")
    /// The credential sent in the wrong form: `Bearer <key>` where the key itself is documented, the
    /// bare token where `Bearer` is, `Bearer` where Basic is.
    public static let wrongAuthScheme = ClientFault(
        name: "wrong-auth-scheme", summary: "sends the credential in the wrong form")
    /// Path parameters pasted into the URL unescaped: a `/` in an id becomes a path separator.
    public static let unescapedPath = ClientFault(
        name: "unescaped-path", summary: "does not percent-encode path parameters")
    /// A list of recipients sent as one string (`"to": "+1555…"` where an array is documented).
    public static let toAsString = ClientFault(name: "to-as-string", summary: "sends the recipient list as a string")
    /// A required body member left out (the message's content).
    public static let dropsRequiredMember = ClientFault(
        name: "drops-required-member", summary: "leaves a required body member out")
    public static let all: [ClientFault] = [
        .millisecondsAsSeconds, .requiresNullable, .ignoresErrorBodies, .crashesOnUnknownEnum, .hangsOnUnknownEnum,
        .dropsFractions, .wrongAuthScheme, .unescapedPath, .toAsString, .dropsRequiredMember,
    ]

    public static func named(_ name: String) -> ClientFault? { all.first { $0.name == name } }
}
