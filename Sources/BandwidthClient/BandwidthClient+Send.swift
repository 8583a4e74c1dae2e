import Foundation
import HTTPTransport

extension BandwidthClient {
    /// How many messages one multiple-message send may carry.
    public static let maximumMessagesPerRequest = 50
    /// The error statuses `POST /v1/users/{userId}/messages` documents (both `x-unverified`).
    static let sendErrorStatuses: Set<Int> = [400, 401]

    /// Sends one message (`POST /v1/users/{userId}/messages` with an object): Bandwidth answers 201
    /// Created with the new message's URI in `Location` and no body.
    ///
    /// The message is checked before anything is sent (``BandwidthError/invalidArgument(_:)``):
    /// `from` and `to` E.164, `text` 2048 characters or less, not `media` together with
    /// `receiptRequested`, a non-empty ``userId``. A 201 without a `Location` naming an `m-…` id is
    /// ``BandwidthError/decoding(_:)``; statuses 400 and 401 give ``BandwidthError/api(_:)``.
    public func send(_ message: BandwidthOutgoingMessage) async throws(BandwidthError) -> BandwidthSentMessage {
        if let problem = message.problem(argument: "message") { throw .invalidArgument(problem) }
        let response = try await post(message)
        guard response.status == 201 else { throw Self.failure(response) }
        guard let location = response.headers["Location"], let url = URL(string: location, relativeTo: baseURL)
        else {
            throw .decoding(
                ResponseDecodingError(
                    status: 201, pointer: "", message: "expected the new message's URI in the Location header, got none"
                ))
        }
        let last = url.path.split(separator: "/").last.map(String.init) ?? ""
        guard let id = BandwidthMessageID(rawValue: last) else {
            throw .decoding(
                ResponseDecodingError(
                    status: 201, pointer: "",
                    message:
                        "expected a Location ending in a message id (m- and 23 lowercase letters or digits), got \"\(location)\""
                ))
        }
        return BandwidthSentMessage(id: id, location: url.absoluteURL)
    }

    /// Sends several messages in one request (an array, 1 to 50): Bandwidth answers 202 with one
    /// result per message, in order — `accepted` with the message's location, or `error` with why.
    ///
    /// Every message is checked before anything is sent (the argument names it: `messages[2].to`).
    public func send(_ messages: [BandwidthOutgoingMessage]) async throws(BandwidthError) -> [BandwidthSendResult] {
        guard (1...Self.maximumMessagesPerRequest).contains(messages.count) else {
            throw .invalidArgument(
                InvalidArgumentError(
                    argument: "messages",
                    message: "expected 1 to \(Self.maximumMessagesPerRequest) messages, got \(messages.count)"))
        }
        for (index, message) in messages.enumerated() {
            if let problem = message.problem(argument: "messages[\(index)]") { throw .invalidArgument(problem) }
        }
        let response = try await post(messages)
        guard response.status == 202 else { throw Self.failure(response) }
        do {
            return try ResponseDecoding.decode([BandwidthSendResult].self, from: response)
        } catch {
            throw .decoding(error)
        }
    }

    /// `POST /v1/users/{userId}/messages` with `body` as JSON (members sorted, so the same message is
    /// the same bytes).
    func post(_ body: some Encodable) async throws(BandwidthError) -> HTTPResponse {
        guard !userId.isEmpty else {
            throw .invalidArgument(InvalidArgumentError(argument: "userId", message: "expected a user id, got \"\""))
        }
        let path = "/v1/users/\(URLEncoding.component(userId))/messages"
        guard let url = URLEncoding.url(base: baseURL, path: path) else {
            throw .invalidArgument(
                InvalidArgumentError(argument: "baseURL", message: "cannot append \(path) to \(baseURL)"))
        }
        let bytes: [UInt8]
        do {
            bytes = try JSONRequestBody.encode(body, argument: "message")
        } catch {
            throw .invalidArgument(error)
        }
        let request = HTTPRequest(
            method: .post, url: url,
            headers: [
                "Authorization": authorization, "Accept": "application/json", "Content-Type": "application/json",
            ],
            body: bytes)
        do {
            return try await transport.send(request)
        } catch {
            throw .transport(error)
        }
    }

    /// A status other than the success: the documented error, or an unexpected status.
    static func failure(_ response: HTTPResponse) -> BandwidthError {
        guard sendErrorStatuses.contains(response.status) else {
            return .unexpectedStatus(UnexpectedStatusError(status: response.status, body: response.body))
        }
        do {
            return .api(try BandwidthAPIError.decode(from: response))
        } catch {
            return .decoding(error)
        }
    }
}
