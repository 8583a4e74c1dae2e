import JSON

/// Reads YAML 1.2 into the same ``JSON/JSONValue``s the JSON reader produces, so a contract, a schema
/// or a policy may be written in either.
///
/// What YAML holds that JSON cannot is mapped, never dropped silently:
/// - Scalars resolve by the core schema: `null`, `~` and empty are null; `true`/`false` (also
///   `True`, `TRUE`…) are booleans; decimal, `0o` octal and `0x` hex integers and decimal floats are
///   numbers (kept as exact literals); everything else is a string. `.inf` and `.nan` stay strings
///   (JSON has no such numbers); tagging them `!!float` is an error.
/// - A mapping key that is not a string is keyed by its text as written (`200:` keys `"200"`, as
///   OpenAPI responses need); a collection used as a key is keyed by its compact JSON text.
/// - A key named twice in one mapping is an error, as in the JSON reader.
/// - Tags `!!str`, `!!int`, `!!float`, `!!bool`, `!!null`, `!!map`, `!!seq` are honoured; other
///   tags are accepted and ignored (the value is kept as it resolves untagged, a plain scalar as a
///   string).
/// - Anchors and aliases share values; the expanded size and depth are bounded (``YAMLReadOptions``).
public enum YAMLReader {
    /// Every document of the stream, in order (an empty stream has none).
    public static func parse(
        _ bytes: [UInt8], file: String = "", options: YAMLReadOptions = .default
    ) throws(YAMLError) -> [JSONValue] {
        try YAMLParser.onLargeStack { () throws(YAMLError) in
            var parser = YAMLParser(bytes: bytes, file: file, options: options)
            return try parser.parseStream()
        }
    }

    /// The one document of the stream (an empty stream is null); more than one is an error.
    public static func parseSingle(
        _ bytes: [UInt8], file: String = "", options: YAMLReadOptions = .default
    ) throws(YAMLError) -> JSONValue {
        try YAMLParser.onLargeStack { () throws(YAMLError) in
            var parser = YAMLParser(bytes: bytes, file: file, options: options)
            let documents = try parser.parseStream()
            if documents.count > 1 {
                throw parser.error(at: parser.secondDocumentOffset, "expected one document, found \(documents.count)")
            }
            return documents.first ?? .null
        }
    }

    /// The one document of the file at `path` (see ``parseSingle(_:file:options:)``).
    public static func parseSingle(contentsOf path: String, options: YAMLReadOptions = .default) throws(YAMLError)
        -> JSONValue
    {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw YAMLError(file: path, location: SourceLocation(line: 1, column: 1, offset: 0), message: error.message)
        }
        return try parseSingle(bytes, file: path, options: options)
    }

    /// True when `path` names a YAML file by its extension (`.yaml` or `.yml`, any case).
    public static func isYAMLPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }
}
