#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered byte sink: a file descriptor (standard output or error), or memory for tests.
public final class Output {
    private var buffer: [UInt8] = []
    private let descriptor: Int32?
    /// Everything written, for memory outputs.
    public private(set) var captured: [UInt8] = []

    /// Writes to a file descriptor, flushing every 64 KiB and on `flush()`.
    public init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    /// Keeps everything in memory (``text``).
    public init() {
        descriptor = nil
    }

    /// Captured text of a memory output.
    public var text: String { String(decoding: captured, as: UTF8.self) }

    public func write(_ text: String) {
        append(contentsOf: Array(text.utf8))
    }

    /// Writes `text` and a newline.
    public func line(_ text: String) {
        write(text)
        append(UInt8(ascii: "\n"))
    }

    public func append(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func append<C: Collection>(contentsOf bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        if let descriptor {
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset < raw.count {
                    let written = posixWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                    if written <= 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        } else {
            captured.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

@inline(__always)
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}

extension String {
    /// The text with line breaks shown as `\n` and `\r`, so that one record stays on one output line
    /// (a pattern, a key or a value in a message may contain a line break).
    var singleLine: String {
        guard utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else { return self }
        return replacingLineBreaks()
    }

    private func replacingLineBreaks() -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 8)
        for scalar in unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
