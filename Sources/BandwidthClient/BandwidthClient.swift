import Foundation
import HTTPTransport

/// A client for Bandwidth's v1 (Catapult) messaging API:
/// `GET /v1/users/{userId}/messages/{messageId}` (`getMessage`) and `POST /v1/users/{userId}/messages`
/// (`sendMessages`).
///
/// ```swift
/// let bandwidth = BandwidthClient(userId: "u-…", apiToken: token, apiSecret: secret, transport: URLSessionTransport())
/// let message = try await bandwidth.message(id: "m-dr4mcch2wfb6frcls677glq")
/// print(message.state, message.text ?? "(text no longer stored)")
/// ```
/// Authentication is HTTP Basic with `{token}:{secret}`. Every failure is a ``BandwidthError``.
public struct BandwidthClient: Sendable {
    /// The contract's server, `https://api.catapult.inetwork.com`.
    public static let defaultBaseURL = URL(string: "https://api.catapult.inetwork.com")!

    /// The user (account) id in every path.
    public let userId: String
    /// The API token (the Basic user name).
    public let apiToken: String
    /// The API secret (the Basic password).
    public let apiSecret: String
    /// What requests are sent through (live, replayed or recording).
    public let transport: any HTTPTransport
    /// The server requests go to; paths are appended to it.
    public let baseURL: URL

    /// A client for `userId`, authenticating with `apiToken` and `apiSecret`.
    public init(
        userId: String, apiToken: String, apiSecret: String, transport: any HTTPTransport,
        baseURL: URL = BandwidthClient.defaultBaseURL
    ) {
        self.userId = userId
        self.apiToken = apiToken
        self.apiSecret = apiSecret
        self.transport = transport
        self.baseURL = baseURL
    }

    /// `Basic base64(token:secret)`.
    var authorization: String {
        "Basic " + Data("\(apiToken):\(apiSecret)".utf8).base64EncodedString()
    }

    /// The message with this id.
    ///
    /// An id that is not `m-` and 23 lowercase letters or digits, or an empty ``userId``, is refused
    /// before sending. Statuses 401 and 404 give ``BandwidthError/api(_:)``; any other non-200 status
    /// ``BandwidthError/unexpectedStatus(_:)``.
    public func message(id: String) async throws(BandwidthError) -> BandwidthMessage {
        let messageID: BandwidthMessageID
        do {
            messageID = try BandwidthMessageID(validating: id, argument: "id")
        } catch {
            throw .invalidArgument(error)
        }
        guard !userId.isEmpty else {
            throw .invalidArgument(InvalidArgumentError(argument: "userId", message: "expected a user id, got \"\""))
        }
        let path = "/v1/users/\(URLEncoding.component(userId))/messages/\(URLEncoding.component(messageID.rawValue))"
        guard let url = URLEncoding.url(base: baseURL, path: path) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        let request = HTTPRequest(
            method: .get, url: url, headers: ["Authorization": authorization, "Accept": "application/json"])
        let response: HTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw .transport(error)
        }
        switch response.status {
        case 200:
            do {
                return try ResponseDecoding.decode(BandwidthMessage.self, from: response)
            } catch {
                throw .decoding(error)
            }
        case let status where BandwidthAPIError.documentedStatuses.contains(status):
            let apiError: BandwidthAPIError
            do {
                apiError = try BandwidthAPIError.decode(from: response)
            } catch {
                throw .decoding(error)
            }
            throw .api(apiError)
        default:
            throw .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
    }
}
