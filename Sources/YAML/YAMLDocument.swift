import JSON

/// A YAML document read with the place of its nodes, so a message about a value found by JSON
/// Pointer (a schema error, a lint finding) can also name the line and column in the YAML file.
///
/// Reading with places costs a table entry per node; ``YAMLReader`` reads values alone.
public struct YAMLDocument: Sendable {
    /// The file the text came from, as the caller named it.
    public let file: String
    /// The document's value, as ``YAMLReader`` reads it.
    public let value: JSONValue
    private let bytes: [UInt8]
    private let offsets: [JSONPointer: Int]

    /// Every document of the stream, each with its places.
    public static func parse(_ bytes: [UInt8], file: String = "", options: YAMLReadOptions = .default)
        throws(YAMLError) -> [YAMLDocument]
    {
        try YAMLParser.onLargeStack { () throws(YAMLError) in
            var parser = YAMLParser(bytes: bytes, file: file, options: options)
            parser.recording = true
            let values = try parser.parseStream()
            let text = parser.bytes
            return zip(values, parser.documentLocations).map { value, offsets in
                YAMLDocument(file: file, value: value, bytes: text, offsets: offsets)
            }
        }
    }

    /// The one document of the stream (an empty stream is null); more than one is an error.
    public static func parseSingle(_ bytes: [UInt8], file: String = "", options: YAMLReadOptions = .default)
        throws(YAMLError) -> YAMLDocument
    {
        let documents = try parse(bytes, file: file, options: options)
        if documents.count > 1 {
            _ = try YAMLReader.parseSingle(bytes, file: file, options: options)
        }
        return documents.first ?? YAMLDocument(file: file, value: .null, bytes: bytes, offsets: [:])
    }

    /// Where the node at `pointer` is written: a mapping member at its key, a sequence element at its
    /// `-` (or its first character in flow style). A pointer into a value reached through an alias, or
    /// to no node, answers with the nearest enclosing node written in the text; nil when there is none.
    public func location(of pointer: JSONPointer) -> SourceLocation? {
        var tokens = pointer.tokens
        while true {
            if let offset = offsets[JSONPointer(tokens: tokens)] { return SourceLocation.of(offset: offset, in: bytes) }
            if tokens.isEmpty { return nil }
            tokens.removeLast()
        }
    }

    /// `file:line:column: message` for a message about the node at `pointer` (the pointer instead of
    /// the place when no node is written for it).
    public func describe(_ pointer: JSONPointer, _ message: String) -> String {
        guard let location = location(of: pointer) else { return "\(file)\(pointer.uriFragment): \(message)" }
        return "\(file):\(location): \(message)"
    }
}
