import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file reads for the speed path.
enum InputFile {
    struct Failure: Error {
        var message: String
    }

    /// A descriptor for the regular file at `path`; see `FileBytes.openRegular`.
    static func openRegular(_ path: String) throws(Failure) -> Int32 {
        do {
            return try FileBytes.openRegular(path)
        } catch {
            throw Failure(message: error.message)
        }
    }

    private static func slow(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        do {
            return try FileBytes.read(path, limit: limit)
        } catch {
            throw Failure(message: error.message)
        }
    }

    /// The bytes of `path` (`-` is standard input). A regular file is read straight into an array of its
    /// size (one copy, no intermediate chunk); an empty or oversized one goes through `FileBytes`.
    /// Anything but a regular file (a FIFO, a device, a directory) is refused.
    static func read(_ path: String, limit: Int) throws(Failure) -> [UInt8] {
        guard path != "-" else { return try slow(path, limit: limit) }
        let fd = try openRegular(path)
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0, Int(info.st_size) <= limit
        else {
            return try slow(path, limit: limit)
        }
        let size = Int(info.st_size)
        var failure: Failure? = nil
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let count = posixRead(fd, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = Failure(message: "cannot read: \(String(cString: strerror(errno)))")
                    return
                }
                // The file shrank while we read it: keep what is there.
                if count == 0 { return }
                initialized += count
            }
        }
        if let failure { throw failure }
        // It may also have grown; the rest is read the slow way so nothing is lost.
        if bytes.count == size, lseek(fd, 0, SEEK_CUR) >= 0 {
            var probe: UInt8 = 0
            if posixRead(fd, &probe, 1) == 1 { return try slow(path, limit: limit) }
        }
        return bytes
    }
}

@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
