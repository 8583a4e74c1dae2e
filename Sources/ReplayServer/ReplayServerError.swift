/// The server could not start listening: where, which step, and why.
public struct ReplayServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The host (address or name) it tried to bind.
    public var host: String
    /// The port it tried to bind (0: any free port).
    public var port: UInt16
    /// The step that failed: `resolve`, `socket`, `bind`, `listen` or `start`.
    public var operation: String
    /// The system's reason (`Address already in use (errno 98)`) or ours.
    public var reason: String

    public init(host: String, port: UInt16, operation: String, reason: String) {
        self.host = host
        self.port = port
        self.operation = operation
        self.reason = reason
    }

    /// `cannot listen on 127.0.0.1:8080: bind failed: Address already in use (errno 98)`.
    public var description: String {
        let address = host.contains(":") ? "[\(host)]" : host
        return "cannot listen on \(address):\(port): \(operation) failed: \(reason)"
    }
}
