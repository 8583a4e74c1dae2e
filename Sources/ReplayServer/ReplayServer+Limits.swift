extension ReplayServer {
    /// What one client may cost the server. Requests past a limit get a JSON error response
    /// (431, 413, 408) and the connection is closed, so a broken or hostile client cannot exhaust
    /// memory or threads.
    public struct Limits: Sendable, Hashable {
        /// Bytes in the request line and headers together, terminating blank line included
        /// (default 64 KiB); past it: 431.
        public var maxHeaderBytes: Int
        /// Header fields in one request (default 100); past it: 431.
        public var maxHeaderCount: Int
        /// Bytes in one request body (default 16 MiB); past it: 413, without reading the body.
        public var maxBodyBytes: Int
        /// Seconds from a request's first byte to its last (default 10); past it the client gets
        /// 408 and the connection is closed, so a slow or stalled client holds no thread for long.
        public var requestTimeout: Double
        /// Seconds a persistent connection may wait for its next request (default 60); past it the
        /// connection is closed quietly.
        public var idleTimeout: Double
        /// Connections served at once (default 256); a client past it gets 503 and is closed.
        public var maxConnections: Int

        /// Limits; every parameter defaults to the value documented on its property.
        public init(
            maxHeaderBytes: Int = 64 * 1024, maxHeaderCount: Int = 100, maxBodyBytes: Int = 16 * 1024 * 1024,
            requestTimeout: Double = 10, idleTimeout: Double = 60, maxConnections: Int = 256
        ) {
            self.maxHeaderBytes = maxHeaderBytes
            self.maxHeaderCount = maxHeaderCount
            self.maxBodyBytes = maxBodyBytes
            self.requestTimeout = requestTimeout
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
        }

        /// 64 KiB of headers, 100 header fields, 16 MiB bodies, 10 s per request, 60 s idle, 256 connections.
        public static let `default` = Limits()
    }
}
