import Foundation

/// Fast reading of a URL's path and query on UTF-8 bytes (Foundation's URLComponents and
/// Character-based String scanning cost tens of microseconds per request on Linux).
enum QueryString {
    /// The raw (percent-encoded) query, without `?` and fragment; nil when there is none.
    static func query(of url: URL) -> Substring? {
        let text = url.absoluteString
        let utf8 = text.utf8
        guard let question = utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        let start = utf8.index(after: question)
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "#")) ?? utf8.endIndex
        return text[start..<end]
    }

    /// Query parameters by name, percent-decoded (`+` stays `+`, as URLComponents reads it).
    static func parameters(of url: URL) -> [String: [String]] {
        var result: [String: [String]] = [:]
        guard let query = query(of: url) else { return result }
        for pair in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                result[decode(pair[pair.startIndex..<equals]), default: []].append(decode(pair[pair.index(after: equals)...]))
            } else {
                result[decode(pair[...]), default: []].append("")
            }
        }
        return result
    }

    /// Names of the query parameters, decoded.
    static func names(of url: URL) -> [String] {
        guard let query = query(of: url) else { return [] }
        return query.utf8.split(separator: UInt8(ascii: "&")).map { pair in
            decode(pair.prefix { $0 != UInt8(ascii: "=") })
        }
    }

    /// Percent-decodes bytes; malformed escapes are kept as they are.
    static func decode<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        guard bytes.contains(UInt8(ascii: "%")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                let first = bytes.index(after: index)
                if first != bytes.endIndex, bytes.index(after: first) != bytes.endIndex,
                    let high = hexValue(bytes[first]), let low = hexValue(bytes[bytes.index(after: first)])
                {
                    out.append(high << 4 | low)
                    index = bytes.index(after: bytes.index(after: first))
                    continue
                }
            }
            out.append(byte)
            index = bytes.index(after: index)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
