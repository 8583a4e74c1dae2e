#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file reads with POSIX calls (no Foundation), bounded by a size limit.
package enum FileBytes {
    package struct Failure: Error {
        package var message: String
    }

    /// The file's bytes; `path` "-" reads standard input.
    package static func read(_ path: String, limit: Int = 1 << 30) throws(Failure) -> [UInt8] {
        let fd = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw Failure(message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw Failure(message: "is a directory")
        }
        var bytes: [UInt8] = []
        let size = Int(info.st_size)
        bytes.reserveCapacity(size > 0 ? size + 1 : 1 << 16)
        var chunk = [UInt8](repeating: 0, count: max(1 << 16, min(size + 1, 1 << 24)))
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc_read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(message: "cannot read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw Failure(message: "larger than the limit of \(limit) bytes") }
        }
        return bytes
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
