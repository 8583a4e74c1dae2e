import JSON

/// One way an instance fails its schema: where, which keyword, what was expected and found.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    /// Where in the instance (RFC 6901).
    public var instancePointer: JSONPointer
    /// The failing keyword's place in the schema document, e.g. `#/components/schemas/Message/properties/id/pattern`.
    public var schemaLocation: String
    /// The keyword, e.g. `pattern`.
    public var keyword: String
    /// What the schema asks for, e.g. `string matching ^AC`.
    public var expected: String
    /// A short rendering of what the instance holds.
    public var actual: String
    /// A sentence a person understands.
    public var message: String

    /// A violation with every field given.
    public init(
        instancePointer: JSONPointer, schemaLocation: String, keyword: String, expected: String, actual: String,
        message: String
    ) {
        self.instancePointer = instancePointer
        self.schemaLocation = schemaLocation
        self.keyword = keyword
        self.expected = expected
        self.actual = actual
        self.message = message
    }

    /// `/data/id: "XY1" does not match pattern ^AC [pattern at #/…/pattern]` (`(root)` for the whole instance).
    public var description: String {
        let place = instancePointer.isRoot ? "(root)" : instancePointer.description
        return "\(place): \(message) [\(keyword) at \(schemaLocation)]"
    }
}

/// A schema that cannot be compiled: where (file and JSON Pointer) and why.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The schema document's file, when known.
    public var file: String?
    /// The offending keyword or subschema in the schema document.
    public var pointer: JSONPointer
    /// Why the schema cannot be compiled.
    public var message: String

    /// An error at `pointer` of `file`.
    public init(file: String? = nil, pointer: JSONPointer, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    /// `file#/pointer: message` on one line.
    public var description: String { "\((file ?? "schema").excerpt())\(pointer.uriFragment.excerpt(240)): \(message)" }
}
