import HTTPTransport

/// Everything ``SendoClient`` can throw; every case can be matched with a `switch`.
public enum SendoError: Error, Sendable, CustomStringConvertible {
    /// A documented error status (400, 401, 403, 404, 429, 5XX) with its documented body.
    case api(SendoAPIError)
    /// A status the operation does not document, with the raw body.
    case unexpectedStatus(UnexpectedStatusError)
    /// A body (success or documented error) that does not have the documented shape.
    case decoding(ResponseDecodingError)
    /// No HTTP response: the transport failed (connection, cancellation, no recording).
    case transport(any Error)
    /// An argument refused before sending (an empty id; a send's number that is not E.164, a body
    /// over 1500 characters).
    case invalidArgument(InvalidArgumentError)

    /// One line, for logs and test failures.
    public var description: String {
        switch self {
        case .api(let error): "\(error)"
        case .unexpectedStatus(let error): "Sendo: \(error)"
        case .decoding(let error): "Sendo: \(error)"
        case .transport(let error): "Sendo: transport failed: \(error)"
        case .invalidArgument(let error): "Sendo: \(error)"
        }
    }
}

/// A documented Sendo error body, with the HTTP status it came with: a retrieve's
/// `{"message": null, "error": "Message not found"}` (the `message` envelope is required and must be
/// `null`: checked, not stored) or a send's `{"success": false, "error": …}`.
public struct SendoAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// `error`: why the request failed.
    public var error: String
    /// `success` of a send's error body; nil for a retrieve's.
    public var success: Bool?

    /// An error value (for tests and adapters).
    public init(status: Int, error: String, success: Bool? = nil) {
        self.status = status
        self.error = error
        self.success = success
    }

    /// 400, 401, 403, 404, 429 and every 5XX status.
    public static func isDocumented(status: Int) -> Bool {
        [400, 401, 403, 404, 429].contains(status) || (500...599).contains(status)
    }

    /// `Sendo 404: Message not found`.
    public var description: String { "Sendo \(status): \(error)" }

    static func decode(from response: HTTPResponse) throws(ResponseDecodingError) -> SendoAPIError {
        SendoAPIError(status: response.status, error: try ResponseDecoding.decode(Body.self, from: response).error)
    }

    /// A send's error body: `success` and `error`, both required.
    static func decodeSendError(from response: HTTPResponse) throws(ResponseDecodingError) -> SendoAPIError {
        let body = try ResponseDecoding.decode(SendBody.self, from: response)
        return SendoAPIError(status: response.status, error: body.error, success: body.success)
    }

    struct SendBody: Decodable {
        let success: Bool
        let error: String
    }

    struct Body: Decodable {
        let error: String

        enum CodingKeys: String, CodingKey { case message, error }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let message = try container.decode(FreeformJSON.self, forKey: .message)
            guard message == .null else {
                throw DecodingError.dataCorruptedError(
                    forKey: .message, in: container, debugDescription: "expected null, got \(message.summary)")
            }
            error = try container.decode(String.self, forKey: .error)
        }
    }
}
