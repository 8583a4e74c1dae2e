import Foundation
import HTTPTransport

/// A client for Courier's send and sent-message API: `POST /send` (`send_message`),
/// `GET /messages/{message_id}` (`messages_get`) and `GET /messages` (`messages_list`).
///
/// ```swift
/// let courier = CourierClient(apiKey: key, transport: URLSessionTransport())
/// let details = try await courier.message(id: "1-5e2b2615-05efbb3acab9172f88dd3f6f")
/// for try await message in courier.messages(CourierMessageFilter(status: [.delivered, .opened])).results {
///     print(message.id, message.enqueued)
/// }
/// ```
/// Authentication is `Authorization: Bearer <key>`. Every failure is a ``CourierError``.
public struct CourierClient: Sendable {
    /// The contract's server, `https://api.courier.com`.
    public static let defaultBaseURL = URL(string: "https://api.courier.com")!

    /// The API key, sent as a Bearer token.
    public let apiKey: String
    /// What requests are sent through (live, replayed or recording).
    public let transport: any HTTPTransport
    /// The server requests go to; paths are appended to it.
    public let baseURL: URL

    /// A client sending `apiKey` through `transport` to `baseURL`.
    public init(apiKey: String, transport: any HTTPTransport, baseURL: URL = CourierClient.defaultBaseURL) {
        self.apiKey = apiKey
        self.transport = transport
        self.baseURL = baseURL
    }

    /// The message with this id and its provider details (`GET /messages/{message_id}`).
    ///
    /// An empty id is refused before sending. Statuses 400 and 404 give ``CourierError/api(_:)``;
    /// any other non-200 status ``CourierError/unexpectedStatus(_:)``.
    public func message(id: String) async throws(CourierError) -> CourierMessageDetails {
        guard !id.isEmpty else {
            throw .invalidArgument(InvalidArgumentError(argument: "id", message: "expected a message id, got \"\""))
        }
        let response = try await send(path: "/messages/" + URLEncoding.component(id), query: [])
        return try decode(CourierMessageDetails.self, from: response, documentedErrors: [400, 404])
    }

    /// One page of messages matching `filter` (`GET /messages`), starting at `cursor` (nil: the
    /// first page). A filter status containing a comma is refused before sending (statuses go
    /// comma-joined). The operation documents only 200: every other status is
    /// ``CourierError/unexpectedStatus(_:)``.
    public func listMessages(_ filter: CourierMessageFilter = CourierMessageFilter(), cursor: String? = nil)
        async throws(CourierError) -> CourierMessagePage
    {
        if let problem = filter.problem { throw .invalidArgument(problem) }
        let response = try await send(path: "/messages", query: filter.queryItems(cursor: cursor))
        return try decode(CourierMessagePage.self, from: response, documentedErrors: [])
    }

    /// Every page of messages matching `filter`, following `paging.cursor` while `paging.more` is
    /// true. Pages are fetched as the sequence is iterated; ``CourierMessagePages/results`` gives the
    /// messages one by one.
    public func messages(_ filter: CourierMessageFilter = CourierMessageFilter()) -> CourierMessagePages {
        CourierMessagePages(client: self, filter: filter)
    }

    /// Sends `message` (`POST /send`) and returns Courier's `requestId`.
    ///
    /// The message is checked before anything is sent (``CourierError/invalidArgument(_:)``: no
    /// recipient, a recipient without user id, email or phone number, an email without `@`, an empty
    /// template id or body). The success is documented as 200 and as 202 (`x-discrepancy`); both are
    /// accepted. Statuses 400, 401, 403, 404, 409, 413, 429, 500 and 503 give ``CourierError/api(_:)``.
    public func send(_ message: CourierOutgoingMessage) async throws(CourierError) -> CourierSendResponse {
        if let problem = message.problem { throw .invalidArgument(problem) }
        let body: [UInt8]
        do {
            body = try JSONRequestBody.encode(SendMessageBody(message: message), argument: "message.data")
        } catch {
            throw .invalidArgument(error)
        }
        let response = try await send(.post, path: "/send", query: [], body: body)
        return try decode(
            CourierSendResponse.self, from: response, documentedErrors: Self.sendErrorStatuses, success: [200, 202])
    }

    /// The error statuses `POST /send` documents.
    static let sendErrorStatuses: Set<Int> = [400, 401, 403, 404, 409, 413, 429, 500, 503]

    func send(
        _ method: HTTPMethod = .get, path: String, query: [(name: String, value: String)], body: [UInt8] = []
    ) async throws(CourierError) -> HTTPResponse {
        guard let url = URLEncoding.url(base: baseURL, path: path, query: query) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        var headers: HTTPFields = ["Authorization": "Bearer \(apiKey)", "Accept": "application/json"]
        if !body.isEmpty { headers["Content-Type"] = "application/json" }
        let request = HTTPRequest(method: method, url: url, headers: headers, body: body)
        do {
            return try await transport.send(request)
        } catch {
            throw .transport(error)
        }
    }

    func decode<Model: Decodable>(
        _ type: Model.Type, from response: HTTPResponse, documentedErrors: Set<Int>, success: Set<Int> = [200]
    ) throws(CourierError) -> Model {
        switch response.status {
        case let status where success.contains(status):
            do {
                return try ResponseDecoding.decode(Model.self, from: response)
            } catch {
                throw .decoding(error)
            }
        case let status where documentedErrors.contains(status):
            let apiError: CourierAPIError
            do {
                apiError = try CourierAPIError.decode(from: response)
            } catch {
                throw .decoding(error)
            }
            throw .api(apiError)
        default:
            throw .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
    }
}
