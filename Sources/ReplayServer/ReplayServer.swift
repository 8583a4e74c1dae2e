import Cassettes
import Dispatch
import Foundation
import HTTPTransport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A loopback HTTP/1.1 server that answers with recorded responses, so a client in any language
/// runs its real calls against cassettes, unchanged except for its base URL.
///
/// Each request becomes an ``HTTPRequest`` whose URL is the cassette's recorded scheme and host plus
/// the request's path and query, and is offered to the cassettes in order: the first whose
/// ``ReplayTransport`` has a matching interaction not yet replayed answers (so when several
/// cassettes hold the same call, the earlier cassette's copies are used up first). When none does,
/// the answer is `500` with `X-Conformance-Error: unmatched` and a JSON body carrying every
/// cassette's nearest-interaction diagnostic (redacted by the cassette's ``Redactor``).
///
/// Design: one thread accepts and one thread serves each connection with blocking `poll`/`recv`
/// bounded by deadlines. A replay server has a handful of clients (an SDK test suite), and a
/// thread per connection keeps every request's state in local variables and every timeout a plain
/// deadline, where an event-driven design would need a per-connection state machine; the thread
/// count is capped by ``Limits/maxConnections``. Blocking work stays off Dispatch's shared pool,
/// which must not be filled with threads parked in `recv`.
public final class ReplayServer: @unchecked Sendable {
    // Safety: `state`, `listener`, `boundPort`, `connections` and `counters` are read and written
    // only under `lock`; the other stored properties are immutable after init, and ReplayTransport
    // is itself thread-safe.
    /// The cassettes served, in the order requests try them.
    public let cassettes: [ReplayTransport]
    /// The address the server binds.
    public let host: String
    /// The port asked for (0: any free port; see ``start()`` for the one bound).
    public let requestedPort: UInt16
    /// What one client may cost.
    public let limits: Limits
    /// Whether a request whose matching interactions are all used gets the last of them again
    /// (marked `X-Conformance-Replay: repeat`) instead of `500 unmatched`.
    public let repeats: Bool
    /// Told each request that breaks its contract (`GET /v1/… : header "Authorization": …`), for a log.
    public let onViolation: (@Sendable (String) -> Void)?
    /// `scheme://host[:port]` of each cassette's first recorded request (nil for an empty cassette).
    let origins: [String?]

    private let lock = NSLock()
    private var state = State.idle
    private var listener: Int32 = -1
    private var wakePipe: (read: Int32, write: Int32) = (-1, -1)
    private var boundPort: UInt16?
    private var connections: Set<Int32> = []
    private var counters = Statistics()
    private let connectionThreads = DispatchGroup()
    let unmatchedCache = UnmatchedCache()
    private let acceptorDone = DispatchSemaphore(value: 0)

    private enum State { case idle, running, stopped }

    /// A server for `cassettes` on `host:port` (nothing is bound until ``start()``). `host` may be
    /// any address; callers that take it from users should default to loopback, as
    /// `conformance serve` does.
    /// `repeats`: when every interaction matching a request has been replayed, answer with the last
    /// of them again (true, as a mock server is expected to) or with `500 unmatched` (false, strict).
    public init(
        cassettes: [ReplayTransport], host: String = "127.0.0.1", port: UInt16 = 0, limits: Limits = .default,
        repeats: Bool = true, onViolation: (@Sendable (String) -> Void)? = nil
    ) {
        self.cassettes = cassettes
        self.repeats = repeats
        self.onViolation = onViolation
        self.host = host
        requestedPort = port
        self.limits = limits
        origins = cassettes.map { cassette in
            guard let url = cassette.cassette.interactions.first?.request.url,
                let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
                let scheme = components.scheme, let host = components.percentEncodedHost
            else { return nil }
            return "\(scheme)://\(host)\(components.port.map { ":\($0)" } ?? "")"
        }
    }

    /// Binds, listens and starts serving; returns the bound port. Throws when the address cannot
    /// be bound, or when the server was already started.
    @discardableResult
    public func start() throws(ReplayServerError) -> UInt16 {
        lock.lock()
        defer { lock.unlock() }
        guard state == .idle else {
            throw ReplayServerError(
                host: host, port: requestedPort, operation: "start", reason: "the server was already started")
        }
        let (fd, port) = try Socket.listen(host: host, port: requestedPort, backlog: 128)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let reason = Socket.errorText(errno)
            close(fd)
            throw ReplayServerError(host: host, port: requestedPort, operation: "start", reason: reason)
        }
        listener = fd
        wakePipe = (pipeEnds[0], pipeEnds[1])
        boundPort = port
        state = .running
        let wake = pipeEnds[0]
        Thread.detachNewThread { [self] in
            acceptLoop(listener: fd, wake: wake)
            acceptorDone.signal()
        }
        return port
    }

    /// The bound port while running (nil before ``start()``).
    public var port: UInt16? {
        lock.lock()
        defer { lock.unlock() }
        return boundPort
    }

    /// Stops accepting, closes every connection (a response being written is cut short) and waits
    /// for the serving threads to finish. Safe to call more than once, or before ``start()``.
    public func stop() {
        lock.lock()
        let wasRunning = state == .running
        state = .stopped
        if wasRunning {
            var byte: UInt8 = 1
            _ = write(wakePipe.write, &byte, 1)
            for fd in connections { shutdown(fd, Int32(SHUT_RDWR)) }
        }
        lock.unlock()
        guard wasRunning else { return }
        acceptorDone.wait()
        _ = connectionThreads.wait(timeout: .now() + 5)
        lock.lock()
        close(listener)
        close(wakePipe.read)
        close(wakePipe.write)
        listener = -1
        lock.unlock()
    }

    deinit { stop() }

    /// Counts of what the server has answered so far.
    public struct Statistics: Sendable, Hashable {
        /// Requests answered from a cassette.
        public var replayed = 0
        /// Requests no cassette could answer (500, `X-Conformance-Error: unmatched`).
        public var unmatched = 0
        /// Requests refused before replay (malformed, too large, too slow, too many connections).
        public var rejected = 0

        /// Counts (all zero by default).
        public init(replayed: Int = 0, unmatched: Int = 0, rejected: Int = 0) {
            self.replayed = replayed
            self.unmatched = unmatched
            self.rejected = rejected
        }
    }

    /// What the server has answered so far.
    public var statistics: Statistics {
        lock.lock()
        defer { lock.unlock() }
        return counters
    }

    /// Connections being served right now; each holds one thread until it closes, so a server that
    /// frees what clients took returns to 0 once they are gone.
    public var openConnections: Int {
        lock.lock()
        defer { lock.unlock() }
        return connections.count
    }

    /// True when at least three quarters of ``Limits/maxConnections`` are open: from then on, time a
    /// connection spends idle between requests counts toward ``Limits/requestTimeout``, so idle
    /// connections cannot keep others out for the whole ``Limits/idleTimeout``.
    var isNearConnectionLimit: Bool {
        lock.lock()
        defer { lock.unlock() }
        return connections.count * 4 >= limits.maxConnections * 3
    }

    func count(_ update: (inout Statistics) -> Void) {
        lock.lock()
        update(&counters)
        lock.unlock()
    }

    private func acceptLoop(listener: Int32, wake: Int32) {
        while true {
            var entries = [
                pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&entries, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || entries[1].revents != 0 { return }
            let client = accept(listener, nil, nil)
            if client < 0 { continue }
            Socket.configureAccepted(client)
            lock.lock()
            let admitted = state == .running && connections.count < limits.maxConnections
            if admitted {
                connections.insert(client)
                connectionThreads.enter()
            }
            lock.unlock()
            guard admitted else {
                count { $0.rejected += 1 }
                let refusal = Self.errorResponse(
                    RequestFailure(
                        status: 503, kind: "too-many-connections",
                        message: "the server is serving \(limits.maxConnections) connections; retry later"))
                _ = Socket.write(
                    client, Self.serialize(refusal, headOnly: false, keepAlive: false), until: Socket.deadline(after: 1)
                )
                close(client)
                continue
            }
            Thread.detachNewThread { [self] in
                serve(connection: client)
                lock.lock()
                connections.remove(client)
                lock.unlock()
                close(client)
                connectionThreads.leave()
            }
        }
    }
}
