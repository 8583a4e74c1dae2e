import ECMARegex

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `format` values that are asserted; others are annotations only.
enum Format: String, Sendable {
    case dateTime = "date-time"
    case date
    case time
    case int32
    case int64
    case uuid
    case ipv4
    case ipv6
    case email
    case hostname
    case uri
    case uriReference = "uri-reference"
    case jsonPointer = "json-pointer"
    case relativeJSONPointer = "relative-json-pointer"
    case duration
    case regex

    /// Formats of numbers; the rest apply to strings.
    var isNumeric: Bool { self == .int32 || self == .int64 }

    var expectation: String {
        switch self {
        case .dateTime: "an RFC 3339 date-time (e.g. 2026-03-04T15:22:11.123Z)"
        case .date: "an RFC 3339 full-date (YYYY-MM-DD)"
        case .time: "an RFC 3339 full-time with offset"
        case .int32: "an integer within the signed 32-bit range"
        case .int64: "an integer within the signed 64-bit range"
        default: "a valid \(rawValue)"
        }
    }

    /// Checks a string's decoded UTF-8.
    func check(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .dateTime: return FormatCheck.dateTime(s)
        case .date: return FormatCheck.date(s, 0) && s.count == 10
        case .time: return FormatCheck.time(s, 0, date: nil) == s.count
        case .uuid: return FormatCheck.uuid(s)
        case .ipv4: return FormatCheck.ipv4(s)
        case .ipv6: return FormatCheck.ipv6(s)
        case .email: return FormatCheck.email(s)
        case .hostname: return FormatCheck.hostname(s)
        case .uri: return FormatCheck.uri(s)
        case .uriReference: return FormatCheck.uriReference(s)
        case .jsonPointer: return FormatCheck.jsonPointer(s)
        case .relativeJSONPointer: return FormatCheck.relativeJSONPointer(s)
        case .duration: return FormatCheck.duration(s)
        case .regex: return (try? ECMARegex(String(decoding: s, as: UTF8.self))) != nil
        case .int32, .int64: return true
        }
    }
}

/// RFC 3339 and friends, on bytes.
enum FormatCheck {
    @inline(__always)
    static func digits(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> Int? {
        guard at + count <= s.count else { return nil }
        var value = 0
        for i in at..<at + count {
            let d = s[i] &- 0x30
            guard d < 10 else { return nil }
            value = value * 10 + Int(d)
        }
        return value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD` at `at`.
    static func date(_ s: UnsafeBufferPointer<UInt8>, _ at: Int) -> Bool {
        guard let year = digits(s, at, 4), at + 10 <= s.count, s[at + 4] == 0x2D, let month = digits(s, at + 5, 2),
            s[at + 7] == 0x2D, let day = digits(s, at + 8, 2)
        else { return false }
        return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(month: month, year: year)
    }

    /// `HH:MM:SS[.frac](Z|±HH:MM)` at `at`; returns the end offset, or -1. A leap second must be
    /// 23:59:60 in UTC.
    static func time(_ s: UnsafeBufferPointer<UInt8>, _ at: Int, date: Int?) -> Int {
        guard let hour = digits(s, at, 2), at + 8 <= s.count, s[at + 2] == 0x3A, let minute = digits(s, at + 3, 2),
            s[at + 5] == 0x3A, let second = digits(s, at + 6, 2)
        else { return -1 }
        guard hour <= 23, minute <= 59, second <= 60 else { return -1 }
        var i = at + 8
        if i < s.count && s[i] == 0x2E {
            i += 1
            let begin = i
            while i < s.count && s[i] &- 0x30 < 10 { i += 1 }
            if i == begin { return -1 }
        }
        guard i < s.count else { return -1 }
        var offsetMinutes = 0
        if s[i] == 0x5A || s[i] == 0x7A {
            i += 1
        } else if s[i] == 0x2B || s[i] == 0x2D {
            guard let oh = digits(s, i + 1, 2), i + 6 <= s.count, s[i + 3] == 0x3A, let om = digits(s, i + 4, 2),
                oh <= 23,
                om <= 59
            else { return -1 }
            offsetMinutes = (oh * 60 + om) * (s[i] == 0x2B ? 1 : -1)
            i += 6
        } else {
            return -1
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            if utc != 23 * 60 + 59 { return -1 }
        }
        return i
    }

    static func dateTime(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count >= 20, date(s, 0), s[10] == 0x54 || s[10] == 0x74 else { return false }
        return time(s, 11, date: 0) == s.count
    }

    static func uuid(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count == 36 else { return false }
        for (i, byte) in s.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                if byte != 0x2D { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    static func ipv4(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let parts = s.split(separator: 0x2E, omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy({ $0 &- 0x30 < 10 }) else { return false }
            if part.count > 1 && part.first == 0x30 { return false }
            guard let value = Int(String(decoding: part, as: UTF8.self)), value <= 255 else { return false }
        }
        return true
    }

    static func ipv6(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard s.count <= 45, s.allSatisfy({ isHex($0) || $0 == 0x3A || $0 == 0x2E }) else { return false }
        var address = in6_addr()
        return inet_pton(AF_INET6, String(decoding: s, as: UTF8.self), &address) == 1
    }

    static func hostname(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !s.isEmpty, s.count <= 253 else { return false }
        for label in s.split(separator: 0x2E, omittingEmptySubsequences: false) {
            guard !label.isEmpty, label.count <= 63, label.first != 0x2D, label.last != 0x2D else { return false }
            guard label.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 || $0 &- 0x30 < 10 || $0 == 0x2D }) else { return false }
        }
        return true
    }

    static func email(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = s.lastIndex(of: 0x40), at > 0, at < s.count - 1 else { return false }
        let local = s[..<at]
        let domain = UnsafeBufferPointer(rebasing: s[(at + 1)...])
        if local.first == 0x22 && local.last == 0x22 && local.count >= 2 { return hostnameOrLiteral(domain) }
        guard local.first != 0x2E, local.last != 0x2E else { return false }
        var previousDot = false
        for byte in local {
            if byte == 0x2E {
                if previousDot { return false }
                previousDot = true
            } else {
                previousDot = false
                if byte <= 0x20 || byte == 0x40 || byte == 0x28 || byte == 0x29 || byte == 0x2C || byte == 0x3A
                    || byte == 0x3B || byte == 0x3C || byte == 0x3E || byte == 0x5B || byte == 0x5D || byte == 0x5C
                {
                    return false
                }
            }
        }
        return hostnameOrLiteral(domain)
    }

    private static func hostnameOrLiteral(_ domain: UnsafeBufferPointer<UInt8>) -> Bool {
        if domain.first == 0x5B && domain.last == 0x5D {
            let inner = UnsafeBufferPointer(rebasing: domain[1..<domain.count - 1])
            if inner.starts(with: Array("IPv6:".utf8)) { return ipv6(UnsafeBufferPointer(rebasing: inner[5...])) }
            return ipv4(inner)
        }
        return hostname(domain)
    }

    /// RFC 3986 `URI`: ASCII only, a scheme, an authority (userinfo, host, numeric port) when `//`
    /// follows, and brackets only around an IPv6 host.
    static func uri(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let colon = s.firstIndex(of: 0x3A), colon > 0 else { return false }
        guard (s[0] | 0x20) &- 0x61 < 26 else { return false }
        for byte in s[..<colon]
        where !((byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x2B || byte == 0x2D || byte == 0x2E) {
            return false
        }
        var i = 0
        while i < s.count {
            let byte = s[i]
            guard byte < 0x80, isURIByte(byte) else { return false }
            if byte == 0x25 {
                guard i + 2 < s.count, isHex(s[i + 1]), isHex(s[i + 2]) else { return false }
            }
            i += 1
        }
        var rest = colon + 1
        if rest + 1 < s.count && s[rest] == 0x2F && s[rest + 1] == 0x2F {
            rest += 2
            var end = rest
            while end < s.count && s[end] != 0x2F && s[end] != 0x3F && s[end] != 0x23 { end += 1 }
            guard authority(UnsafeBufferPointer(rebasing: s[rest..<end])) else { return false }
            rest = end
        }
        // Path, query and fragment: brackets belong to IP literals only, and one '#' at most.
        var fragment = false
        for byte in s[rest...] {
            if byte == 0x5B || byte == 0x5D { return false }
            if byte == 0x23 {
                if fragment { return false }
                fragment = true
            }
        }
        return true
    }

    private static func isURIByte(_ byte: UInt8) -> Bool {
        if (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 { return true }
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"),
            UInt8(ascii: "/"),
            UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "@"),
            UInt8(ascii: "!"),
            UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
            UInt8(ascii: "*"),
            UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: "%"):
            return true
        default:
            return false
        }
    }

    /// `[userinfo "@"] host [":" port]`.
    private static func authority(_ a: UnsafeBufferPointer<UInt8>) -> Bool {
        var hostStart = 0
        if let at = a.lastIndex(of: 0x40) {
            for byte in a[..<at] where byte == 0x5B || byte == 0x5D || byte == 0x40 { return false }
            hostStart = at + 1
        }
        var hostEnd = a.count
        if hostStart < a.count && a[hostStart] == 0x5B {
            guard let close = a[hostStart...].firstIndex(of: 0x5D) else { return false }
            let literal = UnsafeBufferPointer(rebasing: a[(hostStart + 1)..<close])
            // IPvFuture ("v1.x") aside, an IP literal is an IPv6 address.
            guard literal.first.map({ $0 | 0x20 == 0x76 }) == true || ipv6(literal) else { return false }
            hostEnd = close + 1
            if hostEnd < a.count && a[hostEnd] != 0x3A { return false }
        } else {
            if let portColon = a[hostStart...].firstIndex(of: 0x3A) { hostEnd = portColon }
            for byte in a[hostStart..<hostEnd] where byte == 0x5B || byte == 0x5D { return false }
        }
        if hostEnd < a.count {
            for byte in a[(hostEnd + 1)...] where byte &- 0x30 >= 10 { return false }
        }
        return true
    }
}
