/// The clients a gate executable verifies: its adapters and, optionally, deliberate defects they
/// can be built with (`verify --fault NAME`, to show a defect is caught).
///
/// A team's gate registers its own: `CLI.main(clients: ClientSet([MyOpenPhoneAdapter()]))`.
public struct ClientSet: Sendable {
    /// A deliberate defect a client can be built with.
    public struct Fault: Sendable, Hashable {
        public var name: String
        public var summary: String

        public init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }

    /// The defects ``adapters(fault:)`` accepts.
    public var faults: [Fault]
    private let make: @Sendable (Fault?) -> [any ConformanceAdapter]

    /// These adapters, with no faults.
    public init(_ adapters: [any ConformanceAdapter]) {
        faults = []
        make = { _ in adapters }
    }

    /// Adapters built on demand, each with the given defect (nil: as shipped).
    public init(faults: [Fault], make: @escaping @Sendable (Fault?) -> [any ConformanceAdapter]) {
        self.faults = faults
        self.make = make
    }

    /// Every adapter, each with `fault`.
    public func adapters(fault: Fault? = nil) -> [any ConformanceAdapter] { make(fault) }

    /// The fault called `name`.
    public func fault(named name: String) -> Fault? { faults.first { $0.name == name } }

    /// The adapter a `--client` word names: its name (`OpenPhoneClient`) or short name (`openphone`),
    /// case-insensitively.
    public func adapter(named word: String, fault: Fault? = nil) -> (any ConformanceAdapter)? {
        adapters(fault: fault).first { adapter in
            adapter.name.lowercased() == word.lowercased() || Self.shortName(adapter).lowercased() == word.lowercased()
        }
    }

    /// `openphone` for `OpenPhoneClient`; other names lower-cased.
    public static func shortName(_ adapter: any ConformanceAdapter) -> String {
        adapter.name.hasSuffix("Client")
            ? String(adapter.name.dropLast("Client".count)).lowercased() : adapter.name.lowercased()
    }
}
