import Foundation
import JSON

/// Finds credential-shaped strings in files (cassettes, HAR files, fixtures) before they are
/// committed: bearer and basic credentials, vendor keys, JWTs, private keys, passwords in URLs,
/// and secret-named query parameters, headers and JSON members holding a real-looking value.
///
/// Redaction placeholders (`<redacted:…>`, also percent-encoded) never count, nor do obvious
/// placeholders (`${TOKEN}`, `xxxx`, `YOUR_API_KEY`). A finding shows a masked excerpt, never the
/// whole secret.
public enum SecretScanner {
    /// The rule names, in the order they take precedence when two find the same text.
    public static var ruleNames: [String] {
        var seen: Set<String> = []
        return SecretRule.all.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Scans a file, or every file under a directory (recursively, hidden files and folders
    /// included — `serve` loads them — except `.git`; binary files are skipped). Findings are
    /// ordered by file, line and column.
    public static func scan(_ path: String) throws(SecretScanError) -> [SecretFinding] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SecretScanError(file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return try scanFile(path) }
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: path) else {
            throw SecretScanError(file: path, message: "cannot read the directory")
        }
        var findings: [SecretFinding] = []
        for name in names.sorted()
        where !name.split(separator: "/").contains(where: { skippedFolders.contains(String($0)) }) {
            let file = path.hasSuffix("/") ? path + name : path + "/" + name
            var nested: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &nested), !nested.boolValue else {
                continue
            }
            findings += try scanFile(file)
        }
        return findings
    }

    /// Folders never scanned: version-control internals, not files anything loads.
    static let skippedFolders: Set<String> = [".git"]

    static func scanFile(_ file: String) throws(SecretScanError) -> [SecretFinding] {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file)
        } catch {
            throw SecretScanError(file: file, message: error.message)
        }
        // A NUL byte early on marks a binary file (an image, an archive): nothing to read as text.
        if bytes.prefix(8192).contains(0) { return [] }
        return scan(bytes: bytes, file: file)
    }

    /// Scans text (`file` names it in the findings).
    public static func scan(text: String, file: String) -> [SecretFinding] {
        scan(bytes: Array(text.utf8), file: file)
    }

    /// Scans bytes as UTF-8 text line by line (invalid bytes count as one column each). Each line
    /// is read as written and decoded as the cassette and HAR formats encode bodies: JSON string
    /// escapes (`\u0073`, `\/`, `\n`) and percent-encoding undone, and base64 runs decoded when
    /// they hold text; a finding in a decoded form points at the place it was encoded.
    public static func scan(bytes: [UInt8], file: String) -> [SecretFinding] {
        let scanner = LineScanner()
        var lines: [String] = []
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var slice = bytes[start..<end]
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            lines.append(String(decoding: slice, as: UTF8.self))
            start = end + 1
        }
        var findings: [SecretFinding] = []
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let next = index + 1 < lines.count ? lines[index + 1] : nil
            findings += scanner.scan(line: line, next: next, number: index + 1, file: file)
        }
        return findings
    }

    /// The first few characters (none of a short secret) and a fixed run of `*` that hides the length.
    static func mask(_ secret: String) -> String {
        let reveal = secret.count >= 16 ? 4 : secret.count >= 8 ? 2 : 0
        return String(secret.prefix(reveal)) + "********"
    }

    /// True for a value that only stands in for a secret: a redaction placeholder, a template
    /// variable, a run of `x` or `*`, or a word like `YOUR_API_KEY` or `changeme`.
    static func isPlaceholder(_ value: String) -> Bool {
        let decoded = value.removingPercentEncoding ?? value
        let lowered = decoded.lowercased().trimmingCharacters(in: .whitespaces)
        if lowered.isEmpty || lowered.contains("redacted") { return true }
        if lowered.hasPrefix("<") && lowered.hasSuffix(">") { return true }
        if lowered.hasPrefix("{") || lowered.hasPrefix("$") || lowered.hasPrefix("%") || lowered.hasPrefix("\\(") {
            return true
        }
        if lowered.allSatisfy({ "x*•.-_#0".contains($0) }) { return true }
        if lowered.hasPrefix("your") || lowered.hasPrefix("my_") || lowered.hasPrefix("my-") { return true }
        return placeholderWords.contains(lowered)
    }

    static let placeholderWords: Set<String> = [
        "null", "nil", "none", "true", "false", "undefined", "example", "changeme", "change-me", "placeholder", "dummy",
        "test", "secret", "password", "token", "api_key", "apikey", "api-key", "string", "value", "key", "...", "…",
    ]
}

/// One credential-shaped string: where it is, which rule found it, and a masked excerpt.
public struct SecretFinding: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode scalars, of the start of the matched text.
    public var column: Int
    /// The rule (`bearer-token`, `aws-access-key`, …; see ``SecretScanner/ruleNames``).
    public var rule: String
    /// The matched text with the secret masked (`Bearer sk_l********`).
    public var excerpt: String

    public init(file: String, line: Int, column: Int, rule: String, excerpt: String) {
        self.file = file
        self.line = line
        self.column = column
        self.rule = rule
        self.excerpt = excerpt
    }

    /// `file:line:column: rule: excerpt`.
    public var description: String { "\(file):\(line):\(column): \(rule): \(excerpt)" }
}

/// A path the scanner could not read.
public struct SecretScanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
