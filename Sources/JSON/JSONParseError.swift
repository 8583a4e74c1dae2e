/// What the parser does with an object that names the same key twice.
public struct DuplicateKeyPolicy: Sendable, Hashable {
    fileprivate let rejects: Bool
    /// A duplicate key is a parse error naming the key and both places (the default).
    public static let reject = DuplicateKeyPolicy(rejects: true)
    /// Duplicate keys are kept on the tape; lookups find the first.
    public static let allow = DuplicateKeyPolicy(rejects: false)
    package var isRejecting: Bool { rejects }
}

/// Limits and policies of the parser.
public struct JSONParseOptions: Sendable {
    /// Deepest nesting of arrays and objects accepted.
    public var maxDepth: Int
    /// Largest input accepted, in bytes (offsets on the tape are 32-bit).
    public var maxDocumentSize: Int
    public var duplicateKeys: DuplicateKeyPolicy

    public init(maxDepth: Int = 512, maxDocumentSize: Int = 1 << 30, duplicateKeys: DuplicateKeyPolicy = .reject) {
        self.maxDepth = maxDepth
        self.maxDocumentSize = min(maxDocumentSize, Int(UInt32.max) - 1)
        self.duplicateKeys = duplicateKeys
    }

    /// Depth 512, 1 GiB, duplicate keys rejected.
    public static let `default` = JSONParseOptions()
}

/// Malformed JSON: where (file, line, column, byte offset) and what.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the text came from, when the caller knows it.
    public var file: String?
    public var location: SourceLocation
    public var message: String

    public init(file: String? = nil, location: SourceLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// One line: `file:line:column: message` (the file omitted when unknown).
    public var description: String {
        if let file { return "\(file.excerpt()):\(location.line):\(location.column): \(message)" }
        return "\(location.line):\(location.column): \(message)"
    }
}
