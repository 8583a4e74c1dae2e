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
        let fd = path == "-" ? 0 : try openRegular(path)
        defer { if fd != 0 { close(fd) } }
        var info = stat()
        let known = fstat(fd, &info) == 0
        var bytes: [UInt8] = []
        let size = known ? Int(info.st_size) : 0
        bytes.reserveCapacity(size > 0 ? min(size, limit) + 1 : 1 << 16)
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

    /// A descriptor for reading the regular file at `path` (symbolic links followed). Anything else is
    /// refused: a FIFO would block the reader forever (it is opened without waiting for a writer), a
    /// device may never end, a directory has no bytes.
    package static func openRegular(_ path: String) throws(Failure) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(message: "cannot open: \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw Failure(message: "cannot read: \(message)")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            let kind = kind(info.st_mode)
            throw Failure(message: kind == "is a directory" ? kind : "\(kind), not a regular file")
        }
        // Reads of a regular file never wait; blocking mode only keeps later reads ordinary.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// `is a FIFO`, `is a directory`, … for a file that is not regular.
    package static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "is a directory"
        case S_IFIFO: return "is a FIFO (named pipe; give - to read standard input)"
        case S_IFCHR: return "is a character device"
        case S_IFBLK: return "is a block device"
        case S_IFSOCK: return "is a socket"
        default: return "is not a regular file"
        }
    }
}

@inline(__always)
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
