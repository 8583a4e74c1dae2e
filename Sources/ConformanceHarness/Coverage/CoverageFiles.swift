import Contracts
import Foundation

/// Finding the contracts and cassettes coverage reads.
enum CoverageFiles {
    /// How deep cassettes are searched below the recordings folder (they belong three levels down;
    /// the bound keeps a symbolic-link loop from running forever).
    static let maxDepth = 8

    /// `dir/name`, without doubling a trailing slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// The sorted `*.openapi.json` files of `directory`.
    static func contracts(in directory: String) throws(CoverageError) -> [String] {
        try requireDirectory(directory, what: "contracts")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw CoverageError(path: directory, message: "cannot list the contracts folder")
        }
        let files = names.filter { Contract.isContractFile($0) && !$0.hasPrefix(".") }.sorted()
        guard !files.isEmpty else {
            throw CoverageError(path: directory, message: "no *.openapi.json contract in this folder")
        }
        return files.map { join(directory, $0) }
    }

    /// The `*.json` files below `directory` as paths relative to it (`courier/messages_get/x.json`),
    /// sorted; hidden files and folders are skipped.
    static func cassettes(in directory: String) throws(CoverageError) -> [String] {
        try requireDirectory(directory, what: "recordings")
        var found: [String] = []
        walk(directory, relative: "", depth: 0, into: &found)
        return found.sorted()
    }

    private static func walk(_ directory: String, relative: String, depth: Int, into found: inout [String]) {
        guard depth < maxDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = join(directory, name)
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, relative: relativePath, depth: depth + 1, into: &found)
            } else if name.hasSuffix(".json") {
                found.append(relativePath)
            }
        }
    }

    private static func requireDirectory(_ path: String, what: String) throws(CoverageError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoverageError(path: path, message: "no such \(what) folder")
        }
        guard isDirectory.boolValue else {
            throw CoverageError(path: path, message: "not a folder (expected the \(what) folder)")
        }
    }

    /// `bandwidth-v1` for `contracts/bandwidth-v1.openapi.json`.
    static func stem(of contractFile: String) -> String {
        Contract.stem(ofFile: contractFile)
    }
}
