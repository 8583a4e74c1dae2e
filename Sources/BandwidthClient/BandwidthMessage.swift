import Foundation
import HTTPTransport

/// A message (`GET /v1/users/{userId}/messages/{messageId}`), with the contract's field names.
public struct BandwidthMessage: Sendable, Hashable, Decodable {
    /// The message id (`m-` and 23 lowercase letters or digits).
    public var id: BandwidthMessageID
    /// The sender's number or short code, as written.
    public var from: String
    /// The recipient's number or short code, as written.
    public var to: String
    /// `in` (from the network to your number) or `out`.
    public var direction: BandwidthMessageDirection
    /// The message contents. Bandwidth keeps them for 30 days only: an older message has no `text`
    /// (nil), which the contract allows (`x-discrepancy`).
    public var text: String?
    /// Media URLs of an MMS, when present.
    public var media: [String]?
    /// The message state.
    public var state: BandwidthMessageState
    /// When the message resource was created (ISO 8601, documented without a fraction; milliseconds
    /// are kept when present).
    public var time: Date
    /// Where message events are sent, when set.
    public var callbackUrl: String?
    /// How long to wait for `callbackUrl`, in milliseconds, when set.
    public var callbackTimeout: Int64?
    /// Where events go when `callbackUrl` fails, when set.
    public var fallbackUrl: String?
    /// A string included in the callback events, when set.
    public var tag: String?
    /// The receipts requested for an outbound message, when present.
    public var receiptRequested: BandwidthReceiptOption?
    /// The delivery state, when present.
    public var deliveryState: BandwidthDeliveryState?
    /// The delivery code, when present: an integer or a string of digits (see
    /// ``BandwidthDeliveryCode``).
    public var deliveryCode: BandwidthDeliveryCode?
    /// The description of the delivery code, when present.
    public var deliveryDescription: String?
    /// Present in the documented example.
    public var skipMMSCarrierValidation: Bool?

    /// A message value (for tests and adapters).
    public init(
        id: BandwidthMessageID, from: String, to: String, direction: BandwidthMessageDirection, text: String? = nil,
        media: [String]? = nil, state: BandwidthMessageState, time: Date, callbackUrl: String? = nil,
        callbackTimeout: Int64? = nil, fallbackUrl: String? = nil, tag: String? = nil,
        receiptRequested: BandwidthReceiptOption? = nil, deliveryState: BandwidthDeliveryState? = nil,
        deliveryCode: BandwidthDeliveryCode? = nil, deliveryDescription: String? = nil,
        skipMMSCarrierValidation: Bool? = nil
    ) {
        self.id = id
        self.from = from
        self.to = to
        self.direction = direction
        self.text = text
        self.media = media
        self.state = state
        self.time = time
        self.callbackUrl = callbackUrl
        self.callbackTimeout = callbackTimeout
        self.fallbackUrl = fallbackUrl
        self.tag = tag
        self.receiptRequested = receiptRequested
        self.deliveryState = deliveryState
        self.deliveryCode = deliveryCode
        self.deliveryDescription = deliveryDescription
        self.skipMMSCarrierValidation = skipMMSCarrierValidation
    }

    enum CodingKeys: String, CodingKey {
        case id, from, to, direction, text, media, state, time, callbackUrl, callbackTimeout, fallbackUrl, tag
        case receiptRequested, deliveryState, deliveryCode, deliveryDescription, skipMMSCarrierValidation
    }

    /// `id`, `from`, `to`, `direction`, `state` and `time` are required; the rest may be absent (no
    /// field is nullable, so `null` is an error anywhere). Unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(BandwidthMessageID.self, forKey: .id)
        from = try container.decode(String.self, forKey: .from)
        to = try container.decode(String.self, forKey: .to)
        direction = try container.decode(BandwidthMessageDirection.self, forKey: .direction)
        text = try container.decodeOptional(String.self, forKey: .text)
        media = try container.decodeOptional([String].self, forKey: .media)
        state = try container.decode(BandwidthMessageState.self, forKey: .state)
        time = try container.decodeISO8601(forKey: .time)
        callbackUrl = try container.decodeOptional(String.self, forKey: .callbackUrl)
        callbackTimeout = try container.decodeIntegerIfPresent(forKey: .callbackTimeout)
        fallbackUrl = try container.decodeOptional(String.self, forKey: .fallbackUrl)
        tag = try container.decodeOptional(String.self, forKey: .tag)
        receiptRequested = try container.decodeOptional(BandwidthReceiptOption.self, forKey: .receiptRequested)
        deliveryState = try container.decodeOptional(BandwidthDeliveryState.self, forKey: .deliveryState)
        deliveryCode = try container.decodeOptional(BandwidthDeliveryCode.self, forKey: .deliveryCode)
        deliveryDescription = try container.decodeOptional(String.self, forKey: .deliveryDescription)
        skipMMSCarrierValidation = try container.decodeOptional(Bool.self, forKey: .skipMMSCarrierValidation)
    }
}

/// A message id: `m-` then 23 lowercase ASCII letters or digits (`^m-[a-z0-9]{23}$`, the contract's
/// `MessageId`), as in every message id Bandwidth's v1 documentation publishes
/// (`m-dr4mcch2wfb6frcls677glq`).
public struct BandwidthMessageID: PrefixedIdentifier {
    /// The documented prefix.
    public static let prefix = "m-"
    /// The number of characters after the prefix.
    public static let suffixLength = 23
    /// The id as written.
    public let rawValue: String
    /// Wraps a value without checking it; use `init?(rawValue:)` for input.
    public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }

    /// Checks the whole documented pattern, not just the prefix.
    public static func problem(with rawValue: String) -> String? {
        let bytes = Array(rawValue.utf8)
        let isLowercaseAlphanumeric = { (byte: UInt8) in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard bytes.count == prefix.utf8.count + suffixLength, bytes.starts(with: Array(prefix.utf8)),
            bytes.dropFirst(prefix.utf8.count).allSatisfy(isLowercaseAlphanumeric)
        else {
            return "expected an ID of \"m-\" and 23 lowercase letters or digits, got \(FreeformJSON.string(rawValue))"
        }
        return nil
    }
}

/// The delivery code, which the documentation calls numeric but real responses carry as a string
/// of digits (`"0"`); the contract accepts both (`x-discrepancy`), and so does this type, keeping
/// which form came.
public struct BandwidthDeliveryCode: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The code as decimal text (`"0"`, `"720"`; digits as written when it came as a string).
    public var rawValue: String
    /// True when the JSON carried a string, false for a number.
    public var isString: Bool

    /// A code value (for tests and adapters).
    public init(rawValue: String, isString: Bool) {
        self.rawValue = rawValue
        self.isString = isString
    }

    /// The numeric value, when it fits an `Int64`.
    public var value: Int64? { Int64(rawValue) }

    /// The documented meaning of the code (`720` → `Invalid destination number`), if it has one.
    public var documentedMeaning: String? { value.flatMap { Self.documentedMeanings[$0] } }

    /// The documented delivery code table.
    public static let documentedMeanings: [Int64: String] = [
        0: "Message delivered to carrier", 100: "Message not delivered to carrier", 187: "Statistical spam detected",
        188: "Keyword spam detected", 189: "Spam detected", 482: "Loop detected",
        600: "Destination carrier could not accept messages", 610: "Message submittion failed",
        620: "Destination application error", 630: "Message not acknowledge", 720: "Invalid destination number",
        740: "Invalid source number", 999: "Unknown error",
    ]

    /// An integer, or a non-empty string of ASCII digits (`^[0-9]+$`); anything else is an error here.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an integer or a string of digits, got null")
        }
        if let text = try? container.decode(String.self) {
            guard !text.isEmpty, text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected an integer or a string of digits, got \(FreeformJSON.string(text))")
            }
            self.init(rawValue: text, isString: true)
            return
        }
        let number: Double
        do {
            number = try container.decode(Double.self)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int64.self, context)
        }
        guard number.isFinite, number.rounded() == number, abs(number) <= 9_007_199_254_740_992 else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected an integer or a string of digits, got \(FreeformJSON.number(number))")
        }
        self.init(rawValue: String(Int64(number)), isString: false)
    }

    /// The code as it came: `"0"` for a string, `720` for a number.
    public var description: String { isString ? FreeformJSON.string(rawValue).description : rawValue }
}
