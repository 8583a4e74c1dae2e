import JSON

/// A YAML text that could not be read: the file, the place and what was wrong.
///
/// Reads as one line, `file:line:column: message`, like ``JSON/JSONParseError``.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the text came from (as the caller named it; empty when unknown).
    public var file: String
    /// Where the problem was found: 1-based line and column, 0-based byte offset.
    public var location: SourceLocation
    /// What was wrong, with a short excerpt of the text when it helps.
    public var message: String

    /// An error at `location` of `file`.
    public init(file: String, location: SourceLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// 1-based line of the problem.
    public var line: Int { location.line }
    /// 1-based column of the problem (Unicode scalars from the start of the line).
    public var column: Int { location.column }

    /// One line: `file:line:column: message` (the file omitted when unknown).
    public var description: String {
        file.isEmpty ? "\(location): \(message)" : "\(file):\(location): \(message)"
    }
}

/// Limits that keep a hostile document from exhausting time or memory.
public struct YAMLReadOptions: Sendable, Hashable {
    /// Deepest nesting of collections accepted (aliases included).
    public var maxDepth: Int
    /// Most nodes the documents may hold once every alias is expanded: a bound against alias bombs
    /// ("billion laughs"), whose values are small in memory but huge to walk.
    public var maxExpandedNodes: Int

    /// Limits as given.
    public init(maxDepth: Int = 512, maxExpandedNodes: Int = 1_000_000) {
        self.maxDepth = maxDepth
        self.maxExpandedNodes = maxExpandedNodes
    }

    /// Depth 512, one million expanded nodes.
    public static let `default` = YAMLReadOptions()
}
