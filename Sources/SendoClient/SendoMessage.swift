import Foundation
import HTTPTransport

/// A message (the `message` of `GET /v1/message/{id}`), with the contract's field names.
/// Timestamps are ISO 8601 (documented with milliseconds), kept to the millisecond.
public struct SendoMessage: Sendable, Hashable, Decodable {
    /// The message's id.
    public var id: String
    /// `SMS` or `MMS`.
    public var type: SendoMessageType
    /// When the message was created.
    public var createdAt: Date
    /// When it was sent: nil when absent, `.some(nil)` when `null`.
    public var sentAt: Date??
    /// The most recent status update: nil when absent, `.some(nil)` when `null`.
    public var updatedAt: Date??
    /// When it is scheduled for: nil when absent, `.some(nil)` when `null`.
    public var scheduledAt: Date??
    /// `INBOUND` or `OUTBOUND`.
    public var direction: SendoMessageDirection
    /// The sending number, as written (the contract gives no format).
    public var from: String
    /// The receiving number, as written.
    public var to: String
    /// The body of the message.
    public var body: String
    /// Media URLs, when present.
    public var mediaUrls: [String]?
    /// User-defined key-value pairs, when present.
    public var metadata: [String: FreeformJSON]?
    /// Number of segments sent (documented as `number`; whole and not negative, per the contract).
    public var numSegments: Int64
    /// The error code when the message failed: nil when absent, `.some(nil)` when `null`.
    public var errorCode: Double??
    /// The error message when the message failed: nil when absent, `.some(nil)` when `null`.
    public var errorMessage: String??
    /// The campaign the message was sent from.
    public var campaignId: String
    /// The message's status.
    public var status: SendoMessageStatus

    /// A message value (for tests and adapters).
    public init(
        id: String, type: SendoMessageType, createdAt: Date, sentAt: Date?? = nil, updatedAt: Date?? = nil,
        scheduledAt: Date?? = nil, direction: SendoMessageDirection, from: String, to: String, body: String,
        mediaUrls: [String]? = nil, metadata: [String: FreeformJSON]? = nil, numSegments: Int64,
        errorCode: Double?? = nil,
        errorMessage: String?? = nil, campaignId: String, status: SendoMessageStatus
    ) {
        self.id = id
        self.type = type
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.updatedAt = updatedAt
        self.scheduledAt = scheduledAt
        self.direction = direction
        self.from = from
        self.to = to
        self.body = body
        self.mediaUrls = mediaUrls
        self.metadata = metadata
        self.numSegments = numSegments
        self.errorCode = errorCode
        self.errorMessage = errorMessage
        self.campaignId = campaignId
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, type, createdAt, sentAt, updatedAt, scheduledAt, direction, from, to, body, mediaUrls, metadata
        case numSegments, errorCode, errorMessage, campaignId, status
    }

    /// `id`, `type`, `createdAt`, `direction`, `from`, `to`, `body`, `numSegments`, `campaignId` and
    /// `status` are required; the rest may be absent, and the nullable ones `null`. Unknown fields are
    /// ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        type = try container.decode(SendoMessageType.self, forKey: .type)
        createdAt = try container.decodeISO8601(forKey: .createdAt)
        sentAt = try container.decodeNullableISO8601IfPresent(forKey: .sentAt)
        updatedAt = try container.decodeNullableISO8601IfPresent(forKey: .updatedAt)
        scheduledAt = try container.decodeNullableISO8601IfPresent(forKey: .scheduledAt)
        direction = try container.decode(SendoMessageDirection.self, forKey: .direction)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        body = try container.decode(String.self, forKey: .body)
        mediaUrls = try container.decodeOptional([String].self, forKey: .mediaUrls)
        metadata = try container.decodeOptional([String: FreeformJSON].self, forKey: .metadata)
        numSegments = try container.decodeInteger(forKey: .numSegments)
        guard numSegments >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .numSegments, in: container,
                debugDescription: "expected a segment count of 0 or more, got \(numSegments)")
        }
        errorCode = try container.decodeNullableIfPresent(Double.self, forKey: .errorCode)
        errorMessage = try container.decodeNullableIfPresent(String.self, forKey: .errorMessage)
        campaignId = try container.decode(String.self, forKey: .campaignId)
        status = try container.decode(SendoMessageStatus.self, forKey: .status)
    }
}

/// `{"message": …}`.
struct SendoMessageEnvelope: Decodable {
    let message: SendoMessage
}

/// `SMS` or `MMS`; any other value is kept as `.unknown`.
public enum SendoMessageType: ExtensibleEnum {
    case sms
    case mms
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [SendoMessageType] = [.sms, .mms]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .sms: "SMS"
        case .mms: "MMS"
        case .unknown(let value): value
        }
    }
}

/// `INBOUND` or `OUTBOUND`; any other value is kept as `.unknown`.
public enum SendoMessageDirection: ExtensibleEnum {
    case inbound
    case outbound
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [SendoMessageDirection] = [.inbound, .outbound]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .inbound: "INBOUND"
        case .outbound: "OUTBOUND"
        case .unknown(let value): value
        }
    }
}

/// The eight documented statuses; any other value is kept as `.unknown`.
public enum SendoMessageStatus: ExtensibleEnum {
    case created, queued, scheduled, sent, delivered, read, failed, expired
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [SendoMessageStatus] = [
        .created, .queued, .scheduled, .sent, .delivered, .read, .failed, .expired,
    ]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .created: "CREATED"
        case .queued: "QUEUED"
        case .scheduled: "SCHEDULED"
        case .sent: "SENT"
        case .delivered: "DELIVERED"
        case .read: "READ"
        case .failed: "FAILED"
        case .expired: "EXPIRED"
        case .unknown(let value): value
        }
    }
}
