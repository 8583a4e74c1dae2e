import HTTPTransport

/// `in` or `out`; any other value is kept as `.unknown`.
public enum BandwidthMessageDirection: ExtensibleEnum {
    case `in`
    case out
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthMessageDirection] = [.in, .out]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .in: "in"
        case .out: "out"
        case .unknown(let value): value
        }
    }
}

/// `received`, `queued`, `sending`, `sent` or `error`; any other value is kept as `.unknown`.
public enum BandwidthMessageState: ExtensibleEnum {
    case received, queued, sending, sent, error
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthMessageState] = [.received, .queued, .sending, .sent, .error]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .received: "received"
        case .queued: "queued"
        case .sending: "sending"
        case .sent: "sent"
        case .error: "error"
        case .unknown(let value): value
        }
    }
}

/// `none` (``noReceipt``, so it cannot be mistaken for `Optional.none`), `all` or `error`; any other
/// value is kept as `.unknown`.
public enum BandwidthReceiptOption: ExtensibleEnum {
    case noReceipt, all, error
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthReceiptOption] = [.noReceipt, .all, .error]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .noReceipt: "none"
        case .all: "all"
        case .error: "error"
        case .unknown(let value): value
        }
    }
}

/// `waiting`, `delivered` or `not-delivered`; any other value is kept as `.unknown`.
public enum BandwidthDeliveryState: ExtensibleEnum {
    case waiting, delivered, notDelivered
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthDeliveryState] = [.waiting, .delivered, .notDelivered]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .waiting: "waiting"
        case .delivered: "delivered"
        case .notDelivered: "not-delivered"
        case .unknown(let value): value
        }
    }
}
