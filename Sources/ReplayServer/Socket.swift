import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Blocking BSD-socket calls with deadlines: each wait is a `poll` bounded by the time left, so no
/// call can block past its request's deadline (or past `stop()`, which shuts the socket down).
enum Socket {
    /// Monotonic nanoseconds.
    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    static func deadline(after seconds: Double) -> UInt64 { now() &+ UInt64(max(0, seconds) * 1e9) }

    static func errorText(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// A listening socket bound to `host:port` (the first address `host` resolves to), and the
    /// port actually bound.
    static func listen(host: String, port: UInt16, backlog: Int32) throws(ReplayServerError) -> (
        fd: Int32, port: UInt16
    ) {
        func fail(_ operation: String, _ reason: String) -> ReplayServerError {
            ReplayServerError(host: host, port: port, operation: operation, reason: reason)
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
            hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &list)
        guard resolved == 0, let first = list else {
            throw fail("resolve", String(cString: gai_strerror(resolved)))
        }
        defer { freeaddrinfo(list) }
        let fd = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard fd >= 0 else { throw fail("socket", errorText(errno)) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            let code = errno
            close(fd)
            throw fail("bind", errorText(code))
        }
        guard systemListen(fd, backlog) == 0 else {
            let code = errno
            close(fd)
            throw fail("listen", errorText(code))
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        let family = Int32(storage.ss_family)
        let bound: UInt16 = withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    UInt16(bigEndian: $0.pointee.sin6_port)
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                UInt16(bigEndian: $0.pointee.sin_port)
            }
        }
        return (fd, bound)
    }

    /// Waits until `fd` is readable (or hung up), at most until `deadline`; false on timeout.
    static func waitReadable(_ fd: Int32, until deadline: UInt64) -> Bool {
        wait(fd, events: Int16(POLLIN), until: deadline)
    }

    private static func wait(_ fd: Int32, events: Int16, until deadline: UInt64) -> Bool {
        while true {
            let current = now()
            guard current < deadline else { return false }
            let milliseconds = Int32(min((deadline - current + 999_999) / 1_000_000, 60_000))
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, milliseconds)
            if ready > 0 { return true }
            if ready < 0 && errno != EINTR { return true }  // let the read or write report the error
        }
    }

    enum ReadResult { case bytes(Int), closed, timedOut }

    /// Appends what arrives on `fd` to `buffer` (up to `chunk` bytes), waiting at most until `deadline`.
    static func read(_ fd: Int32, into buffer: inout [UInt8], chunk: Int, until deadline: UInt64) -> ReadResult {
        // Try first, wait only when nothing is there: on a busy keep-alive connection the next
        // request has usually arrived, and a poll per read would double the system calls.
        var waited = false
        while true {
            if waited { guard waitReadable(fd, until: deadline) else { return .timedOut } }
            // Received into scratch memory, then appended: no zero-filled growth of `buffer` per read,
            // and no generic metadata to instantiate on first use (under the thread sanitizer, 200
            // connection threads making their first `repeatElement` read at once all hung in the
            // runtime's one-time initialization).
            let count = withUnsafeTemporaryAllocation(byteCount: chunk, alignment: 1) { scratch -> Int in
                let received = recv(fd, scratch.baseAddress, chunk, Int32(MSG_DONTWAIT))
                if received > 0 {
                    buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<received]))
                }
                return received
            }
            if count > 0 { return .bytes(count) }
            if count < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
                if errno != EINTR { waited = true }
                if now() >= deadline { return .timedOut }
                continue
            }
            return .closed
        }
    }

    /// Writes all of `bytes`, waiting at most until `deadline`; false when the peer is gone or too slow.
    static func write(_ fd: Int32, _ bytes: [UInt8], until deadline: UInt64) -> Bool {
        var offset = 0
        return bytes.withUnsafeBytes { raw in
            var waited = false
            while offset < raw.count {
                // As with reads: send first, and wait for room only when the socket has none.
                if waited { guard wait(fd, events: Int16(POLLOUT), until: deadline) else { return false } }
                #if canImport(Glibc)
                    let sent = send(
                        fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
                #else
                    let sent = send(fd, raw.baseAddress! + offset, raw.count - offset, MSG_DONTWAIT)
                #endif
                if sent > 0 {
                    offset += sent
                } else if sent < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) {
                    if errno != EINTR { waited = true }
                    if now() >= deadline { return false }
                } else {
                    return false
                }
            }
            return true
        }
    }

    /// Before closing a connection whose request was refused unread: half-closes it and discards
    /// what the client is still sending (at most 1 MiB or 1 second). Closing with unread input
    /// makes the kernel send a reset, which can destroy the error response before the client
    /// reads it.
    static func lingeringClose(_ fd: Int32) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = deadline(after: 1)
        var discarded = 0
        var scratch: [UInt8] = []
        while discarded < 1 << 20 {
            scratch.removeAll(keepingCapacity: true)
            guard case .bytes(let count) = read(fd, into: &scratch, chunk: 64 * 1024, until: deadline) else { return }
            discarded += count
        }
    }

    /// Options every accepted connection gets: no SIGPIPE on Darwin (Linux passes MSG_NOSIGNAL),
    /// and no Nagle delay, so small responses on a persistent connection are not held back.
    static func configureAccepted(_ fd: Int32) {
        var one: Int32 = 1
        #if canImport(Darwin)
            setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }
}

/// `listen(2)`; named apart because `Socket.listen` shadows it inside the enum.
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 {
    listen(fd, backlog)
}
