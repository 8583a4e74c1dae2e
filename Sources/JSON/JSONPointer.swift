/// An RFC 6901 JSON Pointer: `""` is the whole document, `/a/b~1c` the member `b/c` of member `a`.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral, Comparable {
    /// The reference tokens, unescaped.
    public var tokens: [String]

    public init(tokens: [String] = []) { self.tokens = tokens }

    /// The root pointer.
    public static let root = JSONPointer()

    /// Parses the string form (`""` or `/`-separated tokens with `~0`/`~1` escapes).
    public init(parsing text: String) throws(JSONPointerError) {
        if text.isEmpty {
            tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw JSONPointerError(text: text, message: "must be empty or start with '/'") }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let ch = iterator.next() {
                guard ch == "~" else {
                    token.append(ch)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw JSONPointerError(text: text, message: "'~' must be followed by '0' or '1'")
                }
            }
            result.append(token)
        }
        tokens = result
    }

    /// Parses a URI fragment (`#/components/schemas/X`, percent-encoded) as a pointer.
    public init(uriFragment: String) throws(JSONPointerError) {
        var text = Substring(uriFragment)
        if text.hasPrefix("#") { text = text.dropFirst() }
        guard let decoded = JSONPointer.percentDecode(String(text)) else {
            throw JSONPointerError(text: uriFragment, message: "invalid percent-encoding")
        }
        try self.init(parsing: decoded)
    }

    /// A literal pointer in source code; an invalid literal becomes the single token it spells.
    public init(stringLiteral value: String) {
        self = (try? JSONPointer(parsing: value)) ?? JSONPointer(tokens: [value])
    }

    public func appending(_ token: String) -> JSONPointer { JSONPointer(tokens: tokens + [token]) }
    public func appending(_ index: Int) -> JSONPointer { JSONPointer(tokens: tokens + [String(index)]) }
    public func appending(contentsOf other: JSONPointer) -> JSONPointer { JSONPointer(tokens: tokens + other.tokens) }

    /// The pointer without its last token (the root's parent is the root).
    public var parent: JSONPointer { JSONPointer(tokens: Array(tokens.dropLast())) }
    public var isRoot: Bool { tokens.isEmpty }

    /// `/a/b~1c`, or `""` for the root.
    public var description: String {
        tokens.map { "/" + JSONPointer.escape($0) }.joined()
    }

    /// `#/a/b~1c` with characters outside the URI fragment set percent-encoded.
    public var uriFragment: String {
        "#" + JSONPointer.percentEncode(description)
    }

    public static func < (a: JSONPointer, b: JSONPointer) -> Bool {
        a.tokens.lexicographicallyPrecedes(b.tokens)
    }

    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        var out = ""
        for ch in token {
            switch ch {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.append(ch)
            }
        }
        return out
    }

    /// The array index a token names (`0`, `12`; not `01`, `-`, `+1`).
    public static func arrayIndex(_ token: String) -> Int? {
        let utf8 = token.utf8
        guard let first = utf8.first, first >= 0x30, first <= 0x39, first != 0x30 || utf8.count == 1 else { return nil }
        guard utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), utf8.count < 18 else { return nil }
        return Int(token)
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                    return nil
                }
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let allowed =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
            if allowed {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + hex(byte)
            }
        }
        return out
    }
}

/// A string that is not a valid JSON Pointer.
public struct JSONPointerError: Error, Sendable, Hashable, CustomStringConvertible {
    public var text: String
    public var message: String
    public var description: String { "invalid JSON Pointer \"\(text)\": \(message)" }
}
