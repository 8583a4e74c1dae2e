import Foundation
import HTTPTransport

/// A sent message's status (`MessageDetails`: an item of `GET /messages`), with the contract's field
/// names. Timestamps are Courier's millisecond epochs, kept to the millisecond.
public struct CourierMessage: Sendable, Hashable, Decodable {
    /// The message id returned by a send.
    public var id: String
    /// The current status.
    public var status: CourierMessageStatus
    /// When Courier received the request.
    public var enqueued: Date
    /// When Courier passed the message to the provider; nil when absent.
    public var sent: Date?
    /// When the provider delivered it; nil when absent.
    public var delivered: Date?
    /// When the recipient first opened it; nil when absent.
    public var opened: Date?
    /// When the recipient first clicked a tracked link; nil when absent.
    public var clicked: Date?
    /// The recipient's id.
    public var recipient: String
    /// The event's id.
    public var event: String
    /// The notification's id.
    public var notification: String
    /// The error, optional and nullable: nil when absent, `.some(nil)` when `null`.
    public var error: String??
    /// Why the message has its status, optional and nullable: nil when absent, `.some(nil)` when
    /// `null`. (The seed's `$ref` with a sibling `nullable` is read as the contract does: null allowed.)
    public var reason: CourierMessageReason??

    /// A message value (for tests and adapters).
    public init(
        id: String, status: CourierMessageStatus, enqueued: Date, sent: Date? = nil, delivered: Date? = nil,
        opened: Date? = nil, clicked: Date? = nil, recipient: String, event: String, notification: String,
        error: String?? = nil, reason: CourierMessageReason?? = nil
    ) {
        self.id = id
        self.status = status
        self.enqueued = enqueued
        self.sent = sent
        self.delivered = delivered
        self.opened = opened
        self.clicked = clicked
        self.recipient = recipient
        self.event = event
        self.notification = notification
        self.error = error
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case id, status, enqueued, sent, delivered, opened, clicked, recipient, event, notification, error, reason
    }

    /// `id`, `status`, `enqueued`, `recipient`, `event` and `notification` are required; the four
    /// optional timestamps may be absent but not `null`. Unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(CourierMessageStatus.self, forKey: .status)
        enqueued = try container.decodeEpochMilliseconds(forKey: .enqueued)
        sent = try container.decodeEpochMillisecondsIfPresent(forKey: .sent)
        delivered = try container.decodeEpochMillisecondsIfPresent(forKey: .delivered)
        opened = try container.decodeEpochMillisecondsIfPresent(forKey: .opened)
        clicked = try container.decodeEpochMillisecondsIfPresent(forKey: .clicked)
        recipient = try container.decode(String.self, forKey: .recipient)
        event = try container.decode(String.self, forKey: .event)
        notification = try container.decode(String.self, forKey: .notification)
        error = try container.decodeNullableIfPresent(String.self, forKey: .error)
        reason = try container.decodeNullableIfPresent(CourierMessageReason.self, forKey: .reason)
    }
}

/// A message with its provider details (`MessageDetailsExtended`, from `GET /messages/{message_id}`):
/// the ``CourierMessage`` fields, readable directly (`details.status`), plus `providers`.
@dynamicMemberLookup
public struct CourierMessageDetails: Sendable, Hashable, Decodable {
    /// The `MessageDetails` fields.
    public var message: CourierMessage
    /// Per-provider details (free-form objects), optional and nullable: nil when absent, `.some(nil)`
    /// when `null`.
    public var providers: [[String: FreeformJSON]]??

    /// A details value (for tests and adapters).
    public init(message: CourierMessage, providers: [[String: FreeformJSON]]?? = nil) {
        self.message = message
        self.providers = providers
    }

    /// `details.status` reads `details.message.status`.
    public subscript<Value>(dynamicMember keyPath: KeyPath<CourierMessage, Value>) -> Value {
        message[keyPath: keyPath]
    }

    enum CodingKeys: String, CodingKey { case providers }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        message = try CourierMessage(from: decoder)
        providers = try decoder.container(keyedBy: CodingKeys.self)
            .decodeNullableIfPresent([[String: FreeformJSON]].self, forKey: .providers)
    }
}

/// `MessageStatus`: the 15 documented values; any other is kept as `.unknown`.
public enum CourierMessageStatus: ExtensibleEnum {
    case canceled, clicked, delayed, delivered, digested, enqueued, filtered, opened, routed, sent, simulated
    case throttled, undeliverable, unmapped, unroutable
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [CourierMessageStatus] = [
        .canceled, .clicked, .delayed, .delivered, .digested, .enqueued, .filtered, .opened, .routed, .sent, .simulated,
        .throttled, .undeliverable, .unmapped, .unroutable,
    ]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .canceled: "CANCELED"
        case .clicked: "CLICKED"
        case .delayed: "DELAYED"
        case .delivered: "DELIVERED"
        case .digested: "DIGESTED"
        case .enqueued: "ENQUEUED"
        case .filtered: "FILTERED"
        case .opened: "OPENED"
        case .routed: "ROUTED"
        case .sent: "SENT"
        case .simulated: "SIMULATED"
        case .throttled: "THROTTLED"
        case .undeliverable: "UNDELIVERABLE"
        case .unmapped: "UNMAPPED"
        case .unroutable: "UNROUTABLE"
        case .unknown(let value): value
        }
    }
}

/// `Reason`: the 9 documented values; any other is kept as `.unknown`.
public enum CourierMessageReason: ExtensibleEnum {
    case bounced, failed, filtered, noChannels, noProviders, optInRequired, providerError, unpublished, unsubscribed
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [CourierMessageReason] = [
        .bounced, .failed, .filtered, .noChannels, .noProviders, .optInRequired, .providerError, .unpublished,
        .unsubscribed,
    ]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .bounced: "BOUNCED"
        case .failed: "FAILED"
        case .filtered: "FILTERED"
        case .noChannels: "NO_CHANNELS"
        case .noProviders: "NO_PROVIDERS"
        case .optInRequired: "OPT_IN_REQUIRED"
        case .providerError: "PROVIDER_ERROR"
        case .unpublished: "UNPUBLISHED"
        case .unsubscribed: "UNSUBSCRIBED"
        case .unknown(let value): value
        }
    }
}
