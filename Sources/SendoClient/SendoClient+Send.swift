import Foundation
import HTTPTransport

extension SendoClient {
    /// The documented bounds: `body` at most 1500 characters; `metadata` at most 50 keys, names up to
    /// 40 characters, values up to 500.
    public static let maximumBodyLength = 1500
    public static let maximumMetadataKeys = 50
    public static let maximumMetadataKeyLength = 40
    public static let maximumMetadataValueLength = 500

    /// Sends an SMS (or an MMS with `mediaUrls`) from an approved campaign (`POST /v1/message/send`).
    ///
    /// - Parameters:
    ///   - campaign: the campaign's id, from the dashboard.
    ///   - body: the text, 1500 characters or less.
    ///   - to: the recipient, E.164.
    ///   - from: the sending number, E.164; Sendo picks one when nil.
    ///   - mediaUrls: media to send as MMS.
    ///   - metadata: your own string pairs, returned with the message and its webhooks.
    ///
    /// Every argument is checked before anything is sent (``SendoError/invalidArgument(_:)``).
    /// Statuses 400, 401, 403, 404, 429 and 5XX give ``SendoError/api(_:)`` with the body's `error`.
    public func send(
        campaign: String, body: String, to: String, from: String? = nil, mediaUrls: [String]? = nil,
        metadata: [String: String]? = nil
    ) async throws(SendoError) -> SendoSendResponse {
        let request = SendRequestBody(
            campaign: campaign, body: body, to: to, from: from, mediaUrls: mediaUrls, metadata: metadata)
        if let problem = request.problem { throw .invalidArgument(problem) }
        let path = "/v1/message/send"
        guard let url = URLEncoding.url(base: baseURL, path: path) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        let bytes: [UInt8]
        do {
            bytes = try JSONRequestBody.encode(request, argument: "metadata")
        } catch {
            throw .invalidArgument(error)
        }
        let httpRequest = HTTPRequest(
            method: .post, url: url,
            headers: [
                "Authorization": "Bearer \(apiKey)", "Accept": "application/json", "Content-Type": "application/json",
            ],
            body: bytes)
        let response: HTTPResponse
        do {
            response = try await transport.send(httpRequest)
        } catch {
            throw .transport(error)
        }
        switch response.status {
        case 200:
            do {
                return try ResponseDecoding.decode(SendoSendResponse.self, from: response)
            } catch {
                throw .decoding(error)
            }
        case let status where SendoAPIError.isDocumented(status: status):
            let apiError: SendoAPIError
            do {
                apiError = try SendoAPIError.decodeSendError(from: response)
            } catch {
                throw .decoding(error)
            }
            throw .api(apiError)
        default:
            throw .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
    }
}

/// The answer to a send: whether it was sent, the new message's id, or why not.
public struct SendoSendResponse: Sendable, Hashable, Decodable {
    /// `success`.
    public var success: Bool
    /// `id`: the message's id, when sent.
    public var id: String?
    /// `error`, when the request failed.
    public var error: String?

    /// A response value (for tests and adapters).
    public init(success: Bool, id: String? = nil, error: String? = nil) {
        self.success = success
        self.id = id
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case success, id, error }

    /// `success` is required; `id` and `error` optional, never `null`. Unknown fields are ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        success = try container.decode(Bool.self, forKey: .success)
        id = try container.decodeOptional(String.self, forKey: .id)
        error = try container.decodeOptional(String.self, forKey: .error)
    }
}

/// The `POST /v1/message/send` body; nil members are left out.
struct SendRequestBody: Encodable {
    let campaign: String
    let body: String
    let to: String
    let from: String?
    let mediaUrls: [String]?
    let metadata: [String: String]?

    /// Why Sendo would refuse this request, or nil.
    var problem: InvalidArgumentError? {
        if campaign.isEmpty {
            return InvalidArgumentError(argument: "campaign", message: "expected a campaign id, got \"\"")
        }
        let length = body.unicodeScalars.count
        if length > SendoClient.maximumBodyLength {
            return InvalidArgumentError(
                argument: "body", message: "expected \(SendoClient.maximumBodyLength) characters or less, got \(length)"
            )
        }
        if body.isEmpty, mediaUrls?.isEmpty ?? true {
            return InvalidArgumentError(argument: "body", message: "expected some text (or media), got \"\"")
        }
        if let problem = PhoneNumber.problem(with: to) { return InvalidArgumentError(argument: "to", message: problem) }
        if let from, let problem = PhoneNumber.problem(with: from) {
            return InvalidArgumentError(argument: "from", message: problem)
        }
        guard let metadata else { return nil }
        if metadata.count > SendoClient.maximumMetadataKeys {
            return InvalidArgumentError(
                argument: "metadata",
                message: "expected \(SendoClient.maximumMetadataKeys) keys or fewer, got \(metadata.count)")
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            if key.unicodeScalars.count > SendoClient.maximumMetadataKeyLength {
                return InvalidArgumentError(
                    argument: "metadata",
                    message:
                        "expected key names of \(SendoClient.maximumMetadataKeyLength) characters or less, got \"\(key)\""
                )
            }
            if value.unicodeScalars.count > SendoClient.maximumMetadataValueLength {
                return InvalidArgumentError(
                    argument: "metadata[\(key)]",
                    message: "expected \(SendoClient.maximumMetadataValueLength) characters or less")
            }
        }
        return nil
    }
}
