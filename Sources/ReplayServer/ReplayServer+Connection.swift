extension ReplayServer {
    /// Serves one connection until the client closes it, asks to close it, breaks a rule or
    /// stalls, or the server stops. Requests are answered in order, so pipelined requests work.
    func serve(connection fd: Int32) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.readChunk)
        while true {
            // RFC 9112 §2.2: blank lines before a request line are ignored.
            let blank = buffer.prefix { $0 == HeadParser.cr || $0 == HeadParser.lf }.count
            if blank > 0 { buffer.removeFirst(blank) }
            if buffer.isEmpty {
                guard awaitRequest(fd, into: &buffer) else { return }
                continue
            }
            let deadline = Socket.deadline(after: limits.requestTimeout)
            func refuse(_ failure: RequestFailure) {
                count { $0.rejected += 1 }
                // A fresh deadline: the request's own may be what just expired.
                let response = Self.serialize(Self.errorResponse(failure), headOnly: false, keepAlive: false)
                _ = Socket.write(fd, response, until: Socket.deadline(after: limits.requestTimeout))
                Socket.lingeringClose(fd)
            }
            let timedOut = RequestFailure(
                status: 408, kind: "timeout",
                message: "the request was not complete within \(Self.seconds(limits.requestTimeout)) seconds")
            // The head: read until its blank line, within the header limit and the deadline.
            var scanned = 0
            var headEnd: Int? = nil
            while true {
                headEnd = HeadParser.headEnd(buffer, start: 0, scanFrom: max(0, scanned - 2))
                if headEnd != nil || buffer.count > limits.maxHeaderBytes { break }
                scanned = buffer.count
                switch Socket.read(fd, into: &buffer, chunk: Self.readChunk, until: deadline) {
                case .bytes: continue
                case .closed: return
                case .timedOut: return refuse(timedOut)
                }
            }
            guard let end = headEnd, end <= limits.maxHeaderBytes else {
                return refuse(
                    RequestFailure(
                        status: 431, kind: "headers-too-large",
                        message: "the request line and headers exceed \(limits.maxHeaderBytes) bytes"))
            }
            let head: RequestHead
            switch HeadParser.parse(buffer[0..<end], limits: limits) {
            case .success(let parsed): head = parsed
            case .failure(let failure): return refuse(failure)
            }
            // The body: exactly Content-Length bytes; the rest of the buffer is the next request.
            if head.expectsContinue && buffer.count - end < head.contentLength {
                guard Socket.write(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8), until: deadline) else { return }
            }
            while buffer.count - end < head.contentLength {
                let wanted = min(head.contentLength - (buffer.count - end), 1 << 20)
                switch Socket.read(fd, into: &buffer, chunk: max(wanted, Self.readChunk), until: deadline) {
                case .bytes: continue
                case .closed: return
                case .timedOut: return refuse(timedOut)
                }
            }
            let body = Array(buffer[end..<(end + head.contentLength)])
            buffer.removeFirst(end + head.contentLength)
            let response = respond(to: head, body: body)
            let bytes = Self.serialize(
                response, headOnly: head.method == "HEAD", keepAlive: head.keepAlive, http10: head.minorVersion == 0)
            guard Socket.write(fd, bytes, until: Socket.deadline(after: limits.requestTimeout)), head.keepAlive else {
                return
            }
        }
    }

    static let readChunk = 16 * 1024

    /// Waits for the first bytes of the next request; false when the connection closed or stayed idle
    /// too long. The idle timeout applies while the server has room; near its connection limit
    /// (``isNearConnectionLimit``), a connection idle for the request timeout is closed, counting the
    /// time it was idle before the server filled up. The wait is cut in slices so a change in load is
    /// seen within `idleCheckInterval`.
    func awaitRequest(_ fd: Int32, into buffer: inout [UInt8]) -> Bool {
        let idleEnd = Socket.deadline(after: limits.idleTimeout)
        let crowdedEnd = Socket.deadline(after: limits.requestTimeout)
        while true {
            let end = isNearConnectionLimit ? min(idleEnd, crowdedEnd) : idleEnd
            let now = Socket.now()
            if now >= end { return false }
            let slice = min(end, now &+ UInt64(Self.idleCheckInterval * 1e9))
            switch Socket.read(fd, into: &buffer, chunk: Self.readChunk, until: slice) {
            case .bytes: return true
            case .closed: return false
            case .timedOut: continue
            }
        }
    }

    static let idleCheckInterval = 0.25

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
