import Foundation
import HTTPTransport

/// A client for OpenPhone's (Quo's) public API: `GET /v1/messages/{id}` (`getMessageById_v1`) and
/// `POST /v1/messages` (`sendMessage_v1`).
///
/// ```swift
/// let client = OpenPhoneClient(apiKey: key, transport: URLSessionTransport())
/// let message = try await client.message(id: "AC123abc")
/// print(message.status, message.createdAt)
/// let sent = try await client.send(content: "On my way", from: "+15555550199", to: ["+15555550123"])
/// ```
/// Authentication is the API key itself in the `Authorization` header (no `Bearer` prefix), as the
/// contract's `apiKey` security scheme documents. Every failure is an ``OpenPhoneError``.
public struct OpenPhoneClient: Sendable {
    /// The contract's server, `https://api.openphone.com`.
    public static let defaultBaseURL = URL(string: "https://api.openphone.com")!

    /// The API key sent in `Authorization`.
    public let apiKey: String
    /// What requests are sent through (live, replayed or recording).
    public let transport: any HTTPTransport
    /// The server requests go to; paths are appended to it.
    public let baseURL: URL

    /// A client sending `apiKey` through `transport` to `baseURL`.
    public init(apiKey: String, transport: any HTTPTransport, baseURL: URL = OpenPhoneClient.defaultBaseURL) {
        self.apiKey = apiKey
        self.transport = transport
        self.baseURL = baseURL
    }

    /// The message with this id (`GET /v1/messages/{id}`).
    ///
    /// An id without the documented `AC` prefix is refused before anything is sent
    /// (``OpenPhoneError/invalidArgument(_:)``). Statuses 400, 401, 402, 403, 404 and 500 give
    /// ``OpenPhoneError/api(_:)``; any other non-200 status ``OpenPhoneError/unexpectedStatus(_:)``.
    public func message(id: String) async throws(OpenPhoneError) -> OpenPhoneMessage {
        let messageID: OpenPhoneMessageID
        do {
            messageID = try OpenPhoneMessageID(validating: id, argument: "id")
        } catch {
            throw .invalidArgument(error)
        }
        let response = try await exchange(path: "/v1/messages/" + URLEncoding.component(messageID.rawValue))
        return try decode(OpenPhoneMessageEnvelope.self, from: response).data
    }

    /// The request for `path`, with the documented headers; a body goes as `application/json`.
    func request(_ method: HTTPMethod = .get, path: String, body: [UInt8] = []) throws(OpenPhoneError) -> HTTPRequest {
        guard let url = URLEncoding.url(base: baseURL, path: path) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        var headers: HTTPFields = ["Authorization": apiKey, "Accept": "application/json"]
        if !body.isEmpty { headers["Content-Type"] = "application/json" }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    func exchange(_ method: HTTPMethod = .get, path: String, body: [UInt8] = []) async throws(OpenPhoneError)
        -> HTTPResponse
    {
        let request = try request(method, path: path, body: body)
        do {
            return try await transport.send(request)
        } catch {
            throw .transport(error)
        }
    }

    /// The success body (`success`: 200, or 202 for a sent message) as `Model`, a documented error
    /// status as ``OpenPhoneAPIError``.
    func decode<Model: Decodable>(_ type: Model.Type, from response: HTTPResponse, success: Int = 200)
        throws(OpenPhoneError) -> Model
    {
        switch response.status {
        case success:
            do {
                return try ResponseDecoding.decode(Model.self, from: response)
            } catch {
                throw .decoding(error)
            }
        case let status where OpenPhoneAPIError.documentedStatuses.contains(status):
            let apiError: OpenPhoneAPIError
            do {
                apiError = try OpenPhoneAPIError.decode(from: response)
            } catch {
                throw .decoding(error)
            }
            throw .api(apiError)
        default:
            throw .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
    }
}
