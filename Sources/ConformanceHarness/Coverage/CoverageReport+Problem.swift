import JSON

extension CoverageReport {
    /// Something that keeps the coverage incomplete: the file, the place in it (a JSON Pointer, or
    /// line:column for a JSON syntax error), and a message a person can act on.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// What kind of problem (a kind that may grow: a struct with static members).
        public struct Kind: Sendable, Hashable, CustomStringConvertible {
            public let name: String
            public init(_ name: String) { self.name = name }
            public var description: String { name }

            /// A contract or cassette that cannot be read (syntax, format, unreadable file).
            public static let loadError = Kind("load-error")
            /// A documented response no cassette covers.
            public static let missingResponse = Kind("missing-response")
            /// A documented enum value no cassette shows.
            public static let unseenEnumValue = Kind("unseen-enum-value")
            /// A cassette whose operationId no contract documents.
            public static let unknownOperation = Kind("unknown-operation")
            /// A cassette filed in a folder that is not its contract's stem, or not under its operationId.
            public static let misplaced = Kind("misplaced")
            /// A cassette request whose method or path is not the operation's.
            public static let requestMismatch = Kind("request-mismatch")
            /// A response status the operation does not document.
            public static let undocumentedStatus = Kind("undocumented-status")
            /// A response body that does not satisfy the documented schema.
            public static let contractViolation = Kind("contract-violation")
            /// A cassette marked as a deliberate violation that satisfies its contract after all.
            public static let staleViolation = Kind("stale-violation")
        }

        public var kind: Kind
        public var file: String
        /// Where in the file (a cassette or a contract), when the problem has a place.
        public var pointer: JSONPointer?
        /// Where in the text, for JSON syntax errors.
        public var location: SourceLocation?
        public var message: String

        public init(
            kind: Kind, file: String, pointer: JSONPointer? = nil, location: SourceLocation? = nil, message: String
        ) {
            self.kind = kind
            self.file = file
            self.pointer = pointer
            self.location = location
            self.message = message
        }

        /// One line: `file:line:column: message`, `file#/pointer: message` or `file: message`.
        public var description: String {
            let text = message.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
            if let location { return "\(file):\(location.line):\(location.column): \(text)" }
            if let pointer, !pointer.isRoot { return "\(file)\(pointer.uriFragment): \(text)" }
            return "\(file): \(text)"
        }
    }
}

/// A folder that cannot be read at all (missing, not a folder, no contracts): coverage cannot be
/// computed. Problems inside readable files are ``CoverageReport/Problem``s instead.
public struct CoverageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The folder or file.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    public var description: String { "\(path): \(message)" }
}
