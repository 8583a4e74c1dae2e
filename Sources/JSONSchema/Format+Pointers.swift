/// `json-pointer`, `relative-json-pointer`, `duration` and `uri-reference`, on bytes.
extension FormatCheck {
    /// RFC 6901: empty, or `/`-separated tokens where `~` is followed by `0` or `1`.
    static func jsonPointer(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !s.isEmpty else { return true }
        guard s[0] == UInt8(ascii: "/") else { return false }
        var i = 0
        while i < s.count {
            if s[i] == UInt8(ascii: "~") {
                guard i + 1 < s.count, s[i + 1] == UInt8(ascii: "0") || s[i + 1] == UInt8(ascii: "1") else {
                    return false
                }
                i += 1
            }
            i += 1
        }
        return true
    }

    /// A non-negative integer without leading zeros, then `#` or a JSON Pointer.
    static func relativeJSONPointer(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        while digits < s.count && s[digits] &- 0x30 < 10 { digits += 1 }
        guard digits > 0, digits == 1 || s[0] != UInt8(ascii: "0") else { return false }
        let rest = UnsafeBufferPointer(rebasing: s[digits...])
        if rest.count == 1 && rest[0] == UInt8(ascii: "#") { return true }
        return jsonPointer(rest)
    }

    /// RFC 3339 appendix A: `P` then date parts in Y, M, D order (no gaps), an optional `T` with
    /// H, M, S in order (no gaps), or weeks alone.
    static func duration(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 3, s[0] == UInt8(ascii: "P") else { return false }
        var i = 1
        /// Reads `digits designator`; nil at the end or when malformed.
        func part() -> UInt8? {
            let start = i
            while i < s.count && s[i] &- 0x30 < 10 { i += 1 }
            guard i > start, i < s.count else { return nil }
            i += 1
            return s[i - 1]
        }
        if s[s.count - 1] == UInt8(ascii: "W") {
            return part() == UInt8(ascii: "W") && i == s.count
        }
        let dateOrder = Array("YMD".utf8)
        let timeOrder = Array("HMS".utf8)
        var previous = -1
        var inTime = false
        var sawTimePart = false
        var sawAny = false
        while i < s.count {
            if s[i] == UInt8(ascii: "T") {
                guard !inTime else { return false }
                inTime = true
                previous = -1
                i += 1
                continue
            }
            guard let designator = part() else { return false }
            let order = inTime ? timeOrder : dateOrder
            guard let position = order.firstIndex(of: designator) else { return false }
            // Parts follow each other without gaps once one is present.
            if previous >= 0 && position != previous + 1 { return false }
            previous = position
            sawAny = true
            if inTime { sawTimePart = true }
        }
        return sawAny && (!inTime || sawTimePart)
    }

    /// RFC 3986 `URI-reference`: a URI, or a relative reference.
    static func uriReference(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if let colon = s.firstIndex(of: UInt8(ascii: ":")),
            !s[..<colon].contains(where: {
                $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#")
            })
        {
            // The first segment holds a ':', so this can only be a URI.
            return uri(s)
        }
        // A relative reference reads as a URI under a dummy scheme.
        var prefixed = Array("x:".utf8)
        prefixed.append(contentsOf: s)
        return prefixed.withUnsafeBufferPointer { uri($0) }
    }
}
