import Foundation
import HTTPTransport

/// A text message (`data` of `GET /v1/messages/{id}`), with the contract's field names.
public struct OpenPhoneMessage: Sendable, Hashable, Decodable {
    /// The message's id (`AC…`).
    public var id: OpenPhoneMessageID
    /// The recipients, E.164.
    public var to: [PhoneNumber]
    /// The sender, E.164.
    public var from: PhoneNumber
    /// The content of the message.
    public var text: String
    /// The OpenPhone number the message was sent from (`PN…`); `null` is allowed (required key).
    public var phoneNumberId: OpenPhonePhoneNumberID?
    /// Relative to the OpenPhone number.
    public var direction: OpenPhoneMessageDirection
    /// The user who sent the message (`US…`), nil for incoming messages.
    ///
    /// The documentation types `userId` as a required `^US` string yet says it is null for incoming
    /// messages; the contract (`x-discrepancy`) follows the description: the key is required, its
    /// value a `US…` string or `null`.
    public var userId: OpenPhoneUserID?
    /// Delivery status.
    public var status: OpenPhoneMessageStatus
    /// When the message was created (ISO 8601, kept to the millisecond).
    public var createdAt: Date
    /// When the status last changed (ISO 8601, kept to the millisecond).
    public var updatedAt: Date

    /// A message value (for tests and adapters).
    public init(
        id: OpenPhoneMessageID, to: [PhoneNumber], from: PhoneNumber, text: String,
        phoneNumberId: OpenPhonePhoneNumberID?,
        direction: OpenPhoneMessageDirection, userId: OpenPhoneUserID?, status: OpenPhoneMessageStatus, createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.to = to
        self.from = from
        self.text = text
        self.phoneNumberId = phoneNumberId
        self.direction = direction
        self.userId = userId
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, to, from, text, phoneNumberId, direction, userId, status, createdAt, updatedAt
    }

    /// Every field is required; `phoneNumberId` and `userId` may be `null` but not missing. Unknown
    /// fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(OpenPhoneMessageID.self, forKey: .id)
        to = try container.decode([PhoneNumber].self, forKey: .to)
        from = try container.decode(PhoneNumber.self, forKey: .from)
        text = try container.decode(String.self, forKey: .text)
        phoneNumberId = try container.decodeNullable(OpenPhonePhoneNumberID.self, forKey: .phoneNumberId)
        direction = try container.decode(OpenPhoneMessageDirection.self, forKey: .direction)
        userId = try container.decodeNullable(OpenPhoneUserID.self, forKey: .userId)
        status = try container.decode(OpenPhoneMessageStatus.self, forKey: .status)
        createdAt = try container.decodeISO8601(forKey: .createdAt)
        updatedAt = try container.decodeISO8601(forKey: .updatedAt)
    }
}

/// `{"data": message}`.
struct OpenPhoneMessageEnvelope: Decodable {
    let data: OpenPhoneMessage
}

/// A message id: `AC` then anything (`^AC(.*)$`).
public struct OpenPhoneMessageID: PrefixedIdentifier {
    /// The documented prefix.
    public static let prefix = "AC"
    /// The id as written.
    public let rawValue: String
    /// Wraps a value without checking it; use `init?(rawValue:)` for input.
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

/// An OpenPhone phone number's id: `PN` then anything (`^PN(.*)$`).
public struct OpenPhonePhoneNumberID: PrefixedIdentifier {
    /// The documented prefix.
    public static let prefix = "PN"
    /// The id as written.
    public let rawValue: String
    /// Wraps a value without checking it; use `init?(rawValue:)` for input.
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

/// A user id: `US` then anything (`^US(.*)$`).
public struct OpenPhoneUserID: PrefixedIdentifier {
    /// The documented prefix.
    public static let prefix = "US"
    /// The id as written.
    public let rawValue: String
    /// Wraps a value without checking it; use `init?(rawValue:)` for input.
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
}

/// `incoming` or `outgoing`; any other value is kept as `.unknown`.
public enum OpenPhoneMessageDirection: ExtensibleEnum {
    case incoming
    case outgoing
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [OpenPhoneMessageDirection] = [.incoming, .outgoing]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .incoming: "incoming"
        case .outgoing: "outgoing"
        case .unknown(let value): value
        }
    }
}

/// `queued`, `sent`, `delivered` or `undelivered`; any other value is kept as `.unknown`.
public enum OpenPhoneMessageStatus: ExtensibleEnum {
    case queued
    case sent
    case delivered
    case undelivered
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [OpenPhoneMessageStatus] = [.queued, .sent, .delivered, .undelivered]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .queued: "queued"
        case .sent: "sent"
        case .delivered: "delivered"
        case .undelivered: "undelivered"
        case .unknown(let value): value
        }
    }
}
