import HTTPTransport

/// Everything ``CourierClient`` can throw; every case can be matched with a `switch`.
public enum CourierError: Error, Sendable, CustomStringConvertible {
    /// A documented error status (`GET /messages/{message_id}`: 400, 404; `POST /send`: 400, 401, 403,
    /// 404, 409, 413, 429, 500, 503) with its documented body.
    case api(CourierAPIError)
    /// A status the operation does not document, with the raw body.
    case unexpectedStatus(UnexpectedStatusError)
    /// A body that does not have the documented shape (also: a page that says `more` without a
    /// cursor to follow, or repeats a cursor).
    case decoding(ResponseDecodingError)
    /// No HTTP response: the transport failed (connection, cancellation, no recording).
    case transport(any Error)
    /// An argument refused before sending (an empty message id, a message without a recipient).
    case invalidArgument(InvalidArgumentError)

    /// One line, for logs and test failures.
    public var description: String {
        switch self {
        case .api(let error): "\(error)"
        case .unexpectedStatus(let error): "Courier: \(error)"
        case .decoding(let error): "Courier: \(error)"
        case .transport(let error): "Courier: transport failed: \(error)"
        case .invalidArgument(let error): "Courier: \(error)"
        }
    }
}

/// A documented Courier error body (`BadRequest`, `MessageNotFound`): `{type, message}`, with the
/// HTTP status it came with.
public struct CourierAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status (filled in from the response, not the body).
    public var status: Int
    /// `type`: one of the documented types, or another value kept as `.unknown`.
    public var type: CourierErrorType
    /// `message`: what went wrong.
    public var message: String

    /// An error value (for tests and adapters).
    public init(status: Int, type: CourierErrorType, message: String) {
        self.status = status
        self.type = type
        self.message = message
    }

    /// The error in `response`, whose status is documented.
    static func decode(from response: HTTPResponse) throws(ResponseDecodingError) -> CourierAPIError {
        let body = try ResponseDecoding.decode(Body.self, from: response)
        return CourierAPIError(status: response.status, type: body.type, message: body.message)
    }

    /// `type` and `message`, both required.
    struct Body: Decodable {
        let type: CourierErrorType
        let message: String
    }

    /// `Courier 404 invalid_request_error: Message Not Found`.
    public var description: String { "Courier \(status) \(type.rawValue): \(message)" }
}

/// The error `type`: `invalid_request_error` (400, 404, 409, 413), `authentication_error` (401),
/// `authorization_error` (403), `rate_limit_error` (429) or `api_error` (500, 503).
public enum CourierErrorType: ExtensibleEnum {
    case invalidRequestError
    case authenticationError
    case authorizationError
    case rateLimitError
    case apiError
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [CourierErrorType] = [
        .invalidRequestError, .authenticationError, .authorizationError, .rateLimitError, .apiError,
    ]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .invalidRequestError: "invalid_request_error"
        case .authenticationError: "authentication_error"
        case .authorizationError: "authorization_error"
        case .rateLimitError: "rate_limit_error"
        case .apiError: "api_error"
        case .unknown(let value): value
        }
    }
}
