/// The seam clients are written against: send a request, get the response. Live, replayed and
/// recording transports all conform, so a client never knows which one it talks to.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the response, whatever its status; throws only when there is no
    /// HTTP response (connection failure, cancellation, no recording).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}
