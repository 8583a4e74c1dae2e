import Foundation
import HTTPTransport

/// A client for Sendo's API: `GET /v1/message/{id}` (`retrieveMessage`).
///
/// ```swift
/// let sendo = SendoClient(apiKey: key, transport: URLSessionTransport())
/// let message = try await sendo.message(id: "f7d258bd-f697-4840-b8a6-165707e12345")
/// print(message.status, message.createdAt)
/// ```
/// Authentication is `Authorization: Bearer <key>`. Every failure is a ``SendoError``.
public struct SendoClient: Sendable {
    /// The contract's server, `https://api.sendo.dev`.
    public static let defaultBaseURL = URL(string: "https://api.sendo.dev")!

    /// The API key, sent as a Bearer token.
    public let apiKey: String
    /// What requests are sent through (live, replayed or recording).
    public let transport: any HTTPTransport
    /// The server requests go to; paths are appended to it.
    public let baseURL: URL

    /// A client sending `apiKey` through `transport` to `baseURL`.
    public init(apiKey: String, transport: any HTTPTransport, baseURL: URL = SendoClient.defaultBaseURL) {
        self.apiKey = apiKey
        self.transport = transport
        self.baseURL = baseURL
    }

    /// The message with this id, unwrapped from its `{"message": …}` envelope.
    ///
    /// An empty id is refused before sending. Statuses 400, 401, 403, 404, 429 and 5XX give
    /// ``SendoError/api(_:)``; any other non-200 status ``SendoError/unexpectedStatus(_:)``.
    public func message(id: String) async throws(SendoError) -> SendoMessage {
        guard !id.isEmpty else {
            throw .invalidArgument(InvalidArgumentError(argument: "id", message: "expected a message id, got \"\""))
        }
        let path = "/v1/message/" + URLEncoding.component(id)
        guard let url = URLEncoding.url(base: baseURL, path: path) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        let request = HTTPRequest(
            method: .get, url: url, headers: ["Authorization": "Bearer \(apiKey)", "Accept": "application/json"])
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .transport(error)
        }
        switch response.status {
        case 200:
            do {
                return try ResponseDecoding.decode(SendoMessageEnvelope.self, from: response).message
            } catch {
                throw .decoding(error)
            }
        case let status where SendoAPIError.isDocumented(status: status):
            let apiError: SendoAPIError
            do {
                apiError = try SendoAPIError.decode(from: response)
            } catch {
                throw .decoding(error)
            }
            throw .api(apiError)
        default:
            throw .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
    }
}
