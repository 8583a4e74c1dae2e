import Cassettes
import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing a file the user named (`har export -o`, `verify --json/--junit/--markdown`) without
/// destroying what is there.
///
/// - A regular file (or a new name in an existing folder) is replaced crash-safely: a temporary file
///   in the same folder, flushed, renamed over it.
/// - A symbolic link stays a link: the file it points to is replaced the same way.
/// - A character device or a FIFO receives the bytes (`-o /dev/stdout`, `-o >(gzip > x)`); it is
///   never replaced by a regular file. A FIFO with no reader is refused rather than waited on.
/// - A directory, a block device, a socket, a link to nothing, or a name in a folder that does not
///   exist is refused with one line. No folder is ever created.
///
/// Temporary files left in the folder by writers that were killed are removed first.
enum OutputFile {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var message: String
        var description: String { "\(path.excerpt()): \(message)" }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        func fail(_ message: String) -> Failure { Failure(path: path, message: message) }
        guard !path.isEmpty else { throw fail("an empty file name") }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw fail("cannot inspect: \(String(cString: strerror(errno)))") }
            try replace(path, with: bytes, named: path)
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try replace(path, with: bytes, named: path)
        case S_IFLNK:
            guard let resolved = realpath(path, nil) else {
                throw fail(
                    "is a symbolic link to nothing (\(String(cString: strerror(errno)))); refusing to replace the link")
            }
            let target = String(cString: resolved)
            free(resolved)
            var targetInfo = stat()
            guard stat(target, &targetInfo) == 0 else {
                throw fail("cannot inspect the link's target \(target.excerpt())")
            }
            if targetInfo.st_mode & S_IFMT == S_IFREG {
                try replace(target, with: bytes, named: path)
            } else {
                try writeThrough(target, mode: targetInfo.st_mode, bytes: bytes, named: path)
            }
        default:
            try writeThrough(path, mode: info.st_mode, bytes: bytes, named: path)
        }
    }

    /// Writes into a device or FIFO in place; refuses anything else that is not a regular file.
    private static func writeThrough(_ target: String, mode: mode_t, bytes: [UInt8], named path: String) throws(Failure)
    {
        func fail(_ message: String) -> Failure { Failure(path: path, message: message) }
        switch mode & S_IFMT {
        case S_IFDIR: throw fail("is a directory; name a file to write")
        case S_IFCHR, S_IFIFO: break
        case S_IFBLK: throw fail("is a block device; refusing to write to it")
        case S_IFSOCK: throw fail("is a socket; refusing to write to it")
        default: throw fail("is not a regular file; refusing to write to it")
        }
        // Non-blocking open: a FIFO with no reader fails (ENXIO) instead of waiting forever.
        let fd = open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            if errno == ENXIO { throw fail("is a FIFO with no reader; refusing to wait for one") }
            throw fail("cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var offset = 0
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
        if let failure { throw fail("cannot write: \(String(cString: strerror(failure)))") }
    }

    /// Writes each report (`--junit`, `--json`, `--markdown`) to its path; the first failure, if any.
    static func writeReports(_ outputs: [(path: String, bytes: [UInt8])]) -> Failure? {
        for output in outputs {
            do {
                try write(output.bytes, to: output.path)
            } catch {
                return Failure(path: output.path, message: "cannot write the report: \(error.message)")
            }
        }
        return nil
    }

    /// Replaces the regular file (or new name) `target` crash-safely; `path` names it in messages.
    private static func replace(_ target: String, with bytes: [UInt8], named path: String) throws(Failure) {
        let folder = self.folder(of: target)
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw Failure(
                path: path, message: "the folder \(folder.excerpt()) does not exist (it is not created for you)")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw Failure(path: path, message: "\(folder.excerpt()) is not a folder")
        }
        do {
            try AtomicFile.write(bytes, to: target)
        } catch {
            throw Failure(path: path, message: error.message)
        }
    }

    /// The folder holding `path`: `.` for a bare name, `/` for `/name`.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}

@inline(__always)
private func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
