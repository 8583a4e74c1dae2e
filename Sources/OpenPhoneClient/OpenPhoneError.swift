import Foundation
import HTTPTransport

/// Everything ``OpenPhoneClient`` can throw; every case can be matched with a `switch`.
public enum OpenPhoneError: Error, Sendable, CustomStringConvertible {
    /// A documented error status (400, 401, 402, 403, 404, 500) with its documented body.
    case api(OpenPhoneAPIError)
    /// A status the operation does not document, with the raw body.
    case unexpectedStatus(UnexpectedStatusError)
    /// A body (success or documented error) that does not have the documented shape.
    case decoding(ResponseDecodingError)
    /// No HTTP response: the transport failed (connection, cancellation, no recording).
    case transport(any Error)
    /// An argument refused before sending (an id without the `AC` prefix, a number that is not E.164,
    /// empty content), naming the argument.
    case invalidArgument(InvalidArgumentError)

    /// One line, for logs and test failures.
    public var description: String {
        switch self {
        case .api(let error): error.debugDescription
        case .unexpectedStatus(let error): "OpenPhone: \(error)"
        case .decoding(let error): "OpenPhone: \(error)"
        case .transport(let error): "OpenPhone: transport failed: \(error)"
        case .invalidArgument(let error): "OpenPhone: \(error)"
        }
    }
}

/// A documented OpenPhone error body, with the HTTP status it came with.
///
/// The body's own `status` field is ``bodyStatus`` (``status`` is the HTTP status; the contract makes
/// them equal). `description` is a documented field (required for 400, 402 and 403, absent from
/// the others' schemas), so this type prints through `debugDescription`.
public struct OpenPhoneAPIError: Error, Sendable, Hashable, CustomDebugStringConvertible {
    /// The statuses the operation documents an error body for.
    public static let documentedStatuses: Set<Int> = [400, 401, 402, 403, 404, 500]
    /// The statuses whose schema requires `description`.
    static let statusesRequiringDescription: Set<Int> = [400, 402, 403]

    /// The HTTP status.
    public var status: Int
    /// `message`: what happened.
    public var message: String
    /// `code`: OpenPhone's error code (`0200404`).
    public var code: String
    /// The body's `status` field.
    public var bodyStatus: Int
    /// `docs`: a documentation link.
    public var docs: String
    /// `title` (`Not Found`).
    public var title: String
    /// `description`; required for 400, 402 and 403.
    public var description: String?
    /// `trace`, when present.
    public var trace: String?
    /// `errors`, when present: one entry per offending value.
    public var errors: [OpenPhoneErrorDetail]?

    /// An error value (for tests and adapters).
    public init(
        status: Int, message: String, code: String, bodyStatus: Int, docs: String, title: String,
        description: String? = nil, trace: String? = nil, errors: [OpenPhoneErrorDetail]? = nil
    ) {
        self.status = status
        self.message = message
        self.code = code
        self.bodyStatus = bodyStatus
        self.docs = docs
        self.title = title
        self.description = description
        self.trace = trace
        self.errors = errors
    }

    /// `OpenPhone 404 0200404 Not Found: message`.
    public var debugDescription: String { "OpenPhone \(status) \(code) \(title): \(message)" }

    /// The error in `response`, whose status is documented.
    static func decode(from response: HTTPResponse) throws(ResponseDecodingError) -> OpenPhoneAPIError {
        let body = try ResponseDecoding.decode(Body.self, from: response)
        if body.description == nil, statusesRequiringDescription.contains(response.status) {
            throw ResponseDecodingError(
                status: response.status, pointer: "/description", message: "missing required field")
        }
        return OpenPhoneAPIError(
            status: response.status, message: body.message, code: body.code, bodyStatus: Int(body.status),
            docs: body.docs,
            title: body.title, description: body.description, trace: body.trace, errors: body.errors)
    }

    struct Body: Decodable {
        let message: String
        let code: String
        let status: Int64
        let docs: String
        let title: String
        let description: String?
        let trace: String?
        let errors: [OpenPhoneErrorDetail]?

        enum CodingKeys: String, CodingKey { case message, code, status, docs, title, description, trace, errors }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            message = try container.decode(String.self, forKey: .message)
            code = try container.decode(String.self, forKey: .code)
            status = try container.decodeInteger(forKey: .status)
            docs = try container.decode(String.self, forKey: .docs)
            title = try container.decode(String.self, forKey: .title)
            description = try container.decodeOptional(String.self, forKey: .description)
            trace = try container.decodeOptional(String.self, forKey: .trace)
            errors = try container.decodeOptional([OpenPhoneErrorDetail].self, forKey: .errors)
        }
    }
}

/// One entry of an error's `errors`: which value failed which schema.
public struct OpenPhoneErrorDetail: Sendable, Hashable, Decodable {
    /// `path` of the offending value.
    public var path: String
    /// `message`.
    public var message: String
    /// `value`: any JSON, `.null` included; nil when the key is absent.
    public var value: FreeformJSON?
    /// `schema`.
    public var schema: Schema

    /// The `schema` of an error detail.
    public struct Schema: Sendable, Hashable, Decodable {
        /// `type`.
        public var type: String
        /// A schema value.
        public init(type: String) { self.type = type }
    }

    /// A detail value.
    public init(path: String, message: String, value: FreeformJSON? = nil, schema: Schema) {
        self.path = path
        self.message = message
        self.value = value
        self.schema = schema
    }

    enum CodingKeys: String, CodingKey { case path, message, value, schema }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        message = try container.decode(String.self, forKey: .message)
        value = container.contains(.value) ? try container.decode(FreeformJSON.self, forKey: .value) : nil
        schema = try container.decode(Schema.self, forKey: .schema)
    }
}
