import Foundation
import HTTPTransport

/// A message to send with ``BandwidthClient/send(_:)-(BandwidthOutgoingMessage)``, members named as
/// Bandwidth's Send SMS Message(s) page names them; nil members are left out.
public struct BandwidthOutgoingMessage: Sendable, Hashable, Encodable {
    /// One of your numbers, E.164 (`+19195551212`).
    public var from: String
    /// The recipient's number, E.164.
    public var to: String
    /// The text: 2048 characters or less (longer than 160 is split and reassembled by the network).
    public var text: String
    /// MMS media URLs.
    public var media: [String]?
    /// Which delivery receipts to send as callback events; not together with `media`.
    public var receiptRequested: BandwidthReceiptOption?
    /// Where the message's events go.
    public var callbackUrl: String?
    /// `get` or `post` (Bandwidth's default) for the callback events.
    public var callbackHttpMethod: BandwidthCallbackMethod?
    /// How long Bandwidth waits for the callback URL's answer, in milliseconds.
    public var callbackTimeout: Int?
    /// Where events go when the callback URL fails.
    public var fallbackUrl: String?
    /// Any string; it comes back in the message's callback events.
    public var tag: String?

    /// The documented maximum of `text`, in characters (code points, JSON Schema's `maxLength` unit).
    public static let maximumTextLength = 2048

    /// A message from `from` to `to`.
    public init(
        from: String, to: String, text: String, media: [String]? = nil, receiptRequested: BandwidthReceiptOption? = nil,
        callbackUrl: String? = nil, callbackHttpMethod: BandwidthCallbackMethod? = nil, callbackTimeout: Int? = nil,
        fallbackUrl: String? = nil, tag: String? = nil
    ) {
        self.from = from
        self.to = to
        self.text = text
        self.media = media
        self.receiptRequested = receiptRequested
        self.callbackUrl = callbackUrl
        self.callbackHttpMethod = callbackHttpMethod
        self.callbackTimeout = callbackTimeout
        self.fallbackUrl = fallbackUrl
        self.tag = tag
    }

    /// Why Bandwidth would refuse this message, or nil; `argument` names it in the error.
    func problem(argument: String) -> InvalidArgumentError? {
        if let problem = PhoneNumber.problem(with: from) {
            return InvalidArgumentError(argument: argument + ".from", message: problem)
        }
        if let problem = PhoneNumber.problem(with: to) {
            return InvalidArgumentError(argument: argument + ".to", message: problem)
        }
        let length = text.unicodeScalars.count
        if length > Self.maximumTextLength {
            return InvalidArgumentError(
                argument: argument + ".text",
                message: "expected \(Self.maximumTextLength) characters or less, got \(length)")
        }
        if media != nil, receiptRequested != nil {
            return InvalidArgumentError(
                argument: argument + ".receiptRequested",
                message: "cannot be sent together with media (Bandwidth refuses the pair)")
        }
        if let callbackHttpMethod, !callbackHttpMethod.isDocumented {
            return InvalidArgumentError(
                argument: argument + ".callbackHttpMethod",
                message: "expected get or post, got \"\(callbackHttpMethod.rawValue)\"")
        }
        if let callbackTimeout, callbackTimeout < 0 {
            return InvalidArgumentError(
                argument: argument + ".callbackTimeout",
                message: "expected milliseconds (0 or more), got \(callbackTimeout)")
        }
        if let receiptRequested, !receiptRequested.isDocumented {
            return InvalidArgumentError(
                argument: argument + ".receiptRequested",
                message: "expected none, all or error, got \"\(receiptRequested.rawValue)\"")
        }
        return nil
    }
}

/// The message a single send created: its id and URI (the `Location` of the 201).
public struct BandwidthSentMessage: Sendable, Hashable {
    /// The new message's id (`m-…`).
    public var id: BandwidthMessageID
    /// Its URI, resolved against the client's base URL.
    public var location: URL
}

/// One message's outcome in a multiple-message send (202).
public struct BandwidthSendResult: Sendable, Hashable, Decodable {
    /// `result`: `accepted` or `error` (another value is kept as `.unknown`).
    public var result: BandwidthSendOutcome
    /// `location`: when accepted, the URL of the message.
    public var location: String?
    /// `error`: when not accepted, why.
    public var error: BandwidthMessageError?

    /// A result value (for tests and adapters).
    public init(result: BandwidthSendOutcome, location: String? = nil, error: BandwidthMessageError? = nil) {
        self.result = result
        self.location = location
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case result, location, error }

    /// `result` is required; `location` and `error` optional. Unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        result = try container.decode(BandwidthSendOutcome.self, forKey: .result)
        location = try container.decodeOptional(String.self, forKey: .location)
        error = try container.decodeOptional(BandwidthMessageError.self, forKey: .error)
    }
}

/// Why one message of a multiple-message send was not accepted: `{category, code, message, details}`.
public struct BandwidthMessageError: Sendable, Hashable, Decodable {
    /// `category` (`bad-request`, `authorization`).
    public var category: String
    /// `code` (`blank-property`, `number-access-denied`).
    public var code: String
    /// `message`.
    public var message: String
    /// `details`, when present.
    public var details: [BandwidthErrorDetail]?

    /// An error value (for tests and adapters).
    public init(category: String, code: String, message: String, details: [BandwidthErrorDetail]? = nil) {
        self.category = category
        self.code = code
        self.message = message
        self.details = details
    }

    enum CodingKeys: String, CodingKey { case category, code, message, details }

    /// `category`, `code` and `message` are required; `details` optional, never `null`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        category = try container.decode(String.self, forKey: .category)
        code = try container.decode(String.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
        details = try container.decodeOptional([BandwidthErrorDetail].self, forKey: .details)
    }
}

/// `accepted` or `error`; any other value is kept as `.unknown`.
public enum BandwidthSendOutcome: ExtensibleEnum {
    case accepted
    case error
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthSendOutcome] = [.accepted, .error]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .accepted: "accepted"
        case .error: "error"
        case .unknown(let value): value
        }
    }
}

/// How Bandwidth sends callback events: `get` or `post`; any other value is kept as `.unknown`.
public enum BandwidthCallbackMethod: ExtensibleEnum {
    case get
    case post
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [BandwidthCallbackMethod] = [.get, .post]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .get: "get"
        case .post: "post"
        case .unknown(let value): value
        }
    }
}
