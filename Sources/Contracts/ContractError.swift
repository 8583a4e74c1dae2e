import JSON
import JSONSchema

/// A contract that cannot be read or used: the file and the place (line:column for JSON syntax, a
/// JSON Pointer otherwise) and what is wrong.
public struct ContractError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// Where in the document (nil when the place is a line and column).
    public var pointer: JSONPointer?
    /// Where in the text, for syntax errors.
    public var location: SourceLocation?
    public var message: String

    public init(file: String, pointer: JSONPointer? = nil, location: SourceLocation? = nil, message: String) {
        self.file = file
        self.pointer = pointer
        self.location = location
        self.message = message
    }

    /// `file:line:column: message` or `file#/pointer: message`.
    public var description: String {
        if let location { return "\(file.excerpt()):\(location.line):\(location.column): \(message)" }
        return "\(file.excerpt())\((pointer?.uriFragment ?? "").excerpt(240)): \(message)"
    }

    init(_ error: SchemaError, file: String) {
        self.init(file: file, pointer: error.pointer, message: error.message)
    }
}

/// One problem `conformance lint` found in a contract.
public struct LintFinding: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }
    public var file: String
    public var pointer: JSONPointer
    public var message: String
    public var severity: Severity

    public init(file: String, pointer: JSONPointer, message: String, severity: Severity = .error) {
        self.file = file
        self.pointer = pointer
        self.message = message
        self.severity = severity
    }

    /// `file#/pointer: severity: message`.
    public var description: String {
        "\(file.excerpt())\(pointer.uriFragment.excerpt(240)): \(severity.rawValue): \(message)"
    }
}
