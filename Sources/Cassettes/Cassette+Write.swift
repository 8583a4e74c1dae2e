#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Cassette {
    /// Writes the canonical bytes crash-safely: a temporary file in the same directory, flushed to
    /// disk, then renamed over `path`. At any moment the path holds the old cassette or the new one,
    /// never a torn file. Missing directories are created.
    public func write(to path: String) throws(CassetteError) {
        try AtomicFile.write(encoded(), to: path)
    }
}

/// Crash-safe whole-file writes (temporary file + fsync + rename).
package enum AtomicFile {
    /// - Parameter beforeRename: a test seam, called with the fully written temporary file just
    ///   before it replaces `path`; when it throws, the temporary file is removed and `path` is untouched.
    package static func write(
        _ bytes: [UInt8], to path: String, beforeRename: (String) throws(CassetteError) -> Void = { _ in }
    ) throws(CassetteError) {
        var directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        // "/x.json" lives in "/", not in the working directory (rename must stay on one file system).
        if directory.isEmpty && path.hasPrefix("/") { directory = "/" }
        if !directory.isEmpty { try makeDirectories(directory, for: path) }
        sweepStaleTemporaries(of: path, in: directory)
        let temporary =
            (directory.isEmpty ? "" : directory == "/" ? "/" : directory + "/")
            + ".\(path.split(separator: "/").last ?? "cassette").\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw CassetteError(
                file: path, message: "cannot create a temporary file: \(String(cString: strerror(errno)))")
        }
        var offset = 0
        let ok: Bool = bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = Glibc_write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CassetteError(file: path, message: "cannot write: \(reason)")
        }
        do {
            try beforeRename(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CassetteError(file: path, message: "cannot replace the file: \(reason)")
        }
        if !directory.isEmpty {
            let dirfd = open(directory, O_RDONLY)
            if dirfd >= 0 {
                fsync(dirfd)
                close(dirfd)
            }
        }
    }

    /// Removes the temporary files left in `directory` by writers that died before renaming (their
    /// process is gone), whichever file they were writing: a killed writer's leftovers must not wait
    /// for that same path to be written again. A live writer's file is left alone.
    package static func sweepStaleTemporaries(of path: String, in directory: String) {
        guard let handle = opendir(directory.isEmpty ? "." : directory) else { return }
        defer { closedir(handle) }
        var stale: [String] = []
        while let entry = readdir(handle) {
            let entryName = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = writer(ofTemporary: entryName), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { stale.append(entryName) }
        }
        for entry in stale { unlink((directory.isEmpty ? "" : directory == "/" ? "/" : directory + "/") + entry) }
    }

    /// The process id in a temporary file's name, `.NAME.PID.RANDOM.tmp`; nil for any other name.
    package static func writer(ofTemporary name: String) -> Int32? {
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return nil }
        let parts = name.dropFirst().dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, UInt32(parts[parts.count - 1]) != nil, let pid = Int32(parts[parts.count - 2]), pid > 0
        else { return nil }
        return pid
    }

    private static func makeDirectories(_ directory: String, for path: String) throws(CassetteError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw CassetteError(
                    file: path, message: "cannot create directory \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
