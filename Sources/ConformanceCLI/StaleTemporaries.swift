import Cassettes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Temporary files (`.NAME.PID.RANDOM.tmp`) that writers killed before their rename left behind.
/// Commands that read a recordings tree remove them, so a crash leaves nothing behind for longer
/// than the next command over that folder.
enum StaleTemporaries {
    /// How deep below `root` folders are swept (cassettes live three levels down; the bound also
    /// stops a symbolic-link loop, though links are not followed).
    static let maxDepth = 8

    /// Removes dead writers' temporary files from `root` and every folder below it.
    static func sweep(tree root: String, depth: Int = 0) {
        guard depth <= maxDepth else { return }
        AtomicFile.sweepStaleTemporaries(of: "", in: root)
        guard let handle = opendir(root) else { return }
        defer { closedir(handle) }
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            let path = root.hasSuffix("/") ? root + name : root + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { folders.append(path) }
        }
        for folder in folders { sweep(tree: folder, depth: depth + 1) }
    }
}
