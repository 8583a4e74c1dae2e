/// Writes JSON text from a ``JSONValue``: numbers as their literal, strings with minimal escapes
/// (`"`, `\`, control characters; everything else as UTF-8), compact or pretty with 2-space indent.
public struct JSONWriter: Sendable {
    /// How the text is laid out.
    public struct Options: Sendable, Hashable {
        /// Object keys in UTF-8 byte order instead of member order.
        public var sortKeys: Bool
        /// Newlines and 2-space indentation, `": "` after keys.
        public var pretty: Bool
        /// Write `/` as `\/`.
        public var escapeSlashes: Bool

        public init(sortKeys: Bool = false, pretty: Bool = false, escapeSlashes: Bool = false) {
            self.sortKeys = sortKeys
            self.pretty = pretty
            self.escapeSlashes = escapeSlashes
        }

        /// Member order kept, no whitespace.
        public static let compact = Options()
        /// Sorted keys, pretty: stable text for files people diff.
        public static let canonical = Options(sortKeys: true, pretty: true)
    }

    /// The UTF-8 text of `value`.
    public static func write(_ value: JSONValue, options: Options = .compact) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        append(value, options: options, indent: 0, to: &out)
        return out
    }

    /// The text of `value` as a String.
    public static func string(_ value: JSONValue, options: Options = .compact) -> String {
        String(decoding: write(value, options: options), as: UTF8.self)
    }

    /// Appends `value` to `out`.
    public static func append(_ value: JSONValue, options: Options, indent: Int = 0, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.literal.utf8)
        case .string(let s): appendString(s, escapeSlashes: options.escapeSlashes, to: &out)
        case .array(let elements):
            if elements.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(options, indent + 1, &out)
                append(element, options: options, indent: indent + 1, to: &out)
            }
            newline(options, indent, &out)
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            var members = object.members
            if options.sortKeys {
                members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            }
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                newline(options, indent + 1, &out)
                appendString(member.key, escapeSlashes: options.escapeSlashes, to: &out)
                out.append(UInt8(ascii: ":"))
                if options.pretty { out.append(UInt8(ascii: " ")) }
                append(member.value, options: options, indent: indent + 1, to: &out)
            }
            newline(options, indent, &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ options: Options, _ indent: Int, _ out: inout [UInt8]) {
        guard options.pretty else { return }
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Appends `text` as a quoted JSON string.
    public static func appendString(_ text: String, escapeSlashes: Bool = false, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case UInt8(ascii: "/") where escapeSlashes: out.append(contentsOf: "\\/".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(contentsOf: hex(byte).lowercased().utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
