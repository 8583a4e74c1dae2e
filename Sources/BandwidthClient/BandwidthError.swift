import HTTPTransport

/// Everything ``BandwidthClient`` can throw; every case can be matched with a `switch`.
public enum BandwidthError: Error, Sendable, CustomStringConvertible {
    /// A documented error status (`getMessage`: 401, 404; `sendMessages`: 400, 401) with its documented
    /// body.
    case api(BandwidthAPIError)
    /// A status the operation does not document, with the raw body.
    case unexpectedStatus(UnexpectedStatusError)
    /// A body (success or documented error) that does not have the documented shape.
    case decoding(ResponseDecodingError)
    /// No HTTP response: the transport failed (connection, cancellation, no recording).
    case transport(any Error)
    /// An argument refused before sending (a message id that is not `m-` and 23 lowercase letters
    /// or digits, an empty user id).
    case invalidArgument(InvalidArgumentError)

    /// One line, for logs and test failures.
    public var description: String {
        switch self {
        case .api(let error): "\(error)"
        case .unexpectedStatus(let error): "Bandwidth: \(error)"
        case .decoding(let error): "Bandwidth: \(error)"
        case .transport(let error): "Bandwidth: transport failed: \(error)"
        case .invalidArgument(let error): "Bandwidth: \(error)"
        }
    }
}

/// A documented Bandwidth error body, `{category, code, message, details}`, with the HTTP status it
/// came with (401 `authorization`/`access-denied`, 404 `not-found`/`message-not-found`).
public struct BandwidthAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The statuses the operation documents an error body for.
    public static let documentedStatuses: Set<Int> = [401, 404]

    /// The HTTP status.
    public var status: Int
    /// `category` (`not-found`).
    public var category: String
    /// `code` (`message-not-found`).
    public var code: String
    /// `message`: what went wrong.
    public var message: String
    /// `details`, when present: named values about the failure.
    public var details: [BandwidthErrorDetail]?

    /// An error value (for tests and adapters).
    public init(status: Int, category: String, code: String, message: String, details: [BandwidthErrorDetail]? = nil) {
        self.status = status
        self.category = category
        self.code = code
        self.message = message
        self.details = details
    }

    /// `Bandwidth 404 not-found/message-not-found: The message … could not be found`.
    public var description: String { "Bandwidth \(status) \(category)/\(code): \(message)" }

    static func decode(from response: HTTPResponse) throws(ResponseDecodingError) -> BandwidthAPIError {
        let body = try ResponseDecoding.decode(Body.self, from: response)
        return BandwidthAPIError(
            status: response.status, category: body.category, code: body.code, message: body.message,
            details: body.details)
    }

    /// `category`, `code` and `message` are required; `details` optional, never `null` (Foundation's
    /// synthesized `decodeIfPresent` would read `null` as absent).
    struct Body: Decodable {
        let category: String
        let code: String
        let message: String
        let details: [BandwidthErrorDetail]?

        enum CodingKeys: String, CodingKey { case category, code, message, details }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            category = try container.decode(String.self, forKey: .category)
            code = try container.decode(String.self, forKey: .code)
            message = try container.decode(String.self, forKey: .message)
            details = try container.decodeOptional([BandwidthErrorDetail].self, forKey: .details)
        }
    }
}

/// One entry of an error's `details`.
public struct BandwidthErrorDetail: Sendable, Hashable, Decodable {
    /// `name` (`messageId`).
    public var name: String
    /// `value`.
    public var value: String

    /// A detail value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
