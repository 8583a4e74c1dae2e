#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor in chunks of whole lines, so `validate --jsonl` streams: memory stays at a few
/// chunks whatever the input's size, standard input works as it arrives, and no buffer the size of the
/// file is ever touched (its page faults cost more than the copy).
struct LineChunkReader {
    struct Failure: Error {
        var message: String
    }

    let descriptor: Int32
    let chunkSize: Int
    /// The longest line accepted (document offsets are 32-bit).
    let maxLine: Int
    /// The start of a line whose end has not been read yet.
    private var pending: [UInt8] = []
    private var atEnd = false

    init(descriptor: Int32, chunkSize: Int = 1 << 20, maxLine: Int = Int(UInt32.max) - 1) {
        self.descriptor = descriptor
        self.chunkSize = max(1, chunkSize)
        self.maxLine = maxLine
    }

    /// The next chunk: whole lines, each ending in a newline except perhaps the input's last; nil at the end.
    mutating func next() throws(Failure) -> [UInt8]? {
        while true {
            if atEnd {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return pending
            }
            let carried = pending.count
            var readCount = 0
            var failure: Failure? = nil
            var chunk = [UInt8](unsafeUninitializedCapacity: carried + chunkSize) { buffer, initialized in
                pending.withUnsafeBufferPointer { old in
                    if let source = old.baseAddress { buffer.baseAddress!.update(from: source, count: carried) }
                }
                while true {
                    let count = posixRead(descriptor, buffer.baseAddress! + carried, chunkSize)
                    if count < 0 && errno == EINTR { continue }
                    if count < 0 { failure = Failure(message: "cannot read: \(String(cString: strerror(errno)))") }
                    readCount = max(count, 0)
                    break
                }
                initialized = carried + readCount
            }
            if let failure { throw failure }
            if readCount == 0 {
                atEnd = true
                pending = chunk
                continue
            }
            // Cut after the last newline; what follows is the start of the next chunk's first line.
            let newSearchStart = carried
            let cut: Int? = chunk.withUnsafeBufferPointer { buffer in
                var index = buffer.count - 1
                while index >= newSearchStart {
                    if buffer[index] == 0x0A { return index + 1 }
                    index -= 1
                }
                return nil
            }
            guard let cut else {
                // No line ends in what was read: keep reading this line.
                if chunk.count > maxLine { throw Failure(message: "a line is longer than \(maxLine) bytes") }
                pending = chunk
                continue
            }
            pending = Array(chunk[cut...])
            chunk.removeSubrange(cut...)
            return chunk
        }
    }
}

@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
