/// A JSON number kept exactly as its literal text, so integers beyond 2^53 and long fractions lose
/// nothing. Equality and hashing are by literal; use ``JSONNumber/isEqualValue(_:)`` for numeric equality.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal, as it appeared in the document (valid JSON number grammar).
    public let literal: String

    /// Validates `literal` against the JSON number grammar.
    public init?(literal: String) {
        guard JSONNumber.isValidLiteral(Array(literal.utf8)) else { return nil }
        self.literal = literal
    }

    package init(uncheckedLiteral literal: String) {
        self.literal = literal
    }

    public init(_ value: Int64) { literal = String(value) }
    public init(_ value: Int) { literal = String(value) }

    /// A finite double written in its shortest round-tripping form (`1.0` stays a float literal);
    /// non-finite values become `0`.
    public init(_ value: Double) {
        guard value.isFinite else {
            literal = "0"
            return
        }
        var text = String("\(value)".filter { $0 != "+" })
        if !text.contains("."), !text.contains("e") { text += ".0" }
        literal = text
    }

    /// True when the literal has neither fraction nor exponent.
    public var isInteger: Bool { !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 | 0x20 == UInt8(ascii: "e") } }

    /// The exact value when the literal is an integer that fits in 64 bits.
    public var int64Value: Int64? { isInteger ? Int64(literal) : nil }

    /// The nearest double (infinite when out of range).
    public var doubleValue: Double { Double(literal) ?? (literal.hasPrefix("-") ? -.infinity : .infinity) }

    public var description: String { literal }

    /// Numeric equality: `1`, `1.0` and `10e-1` are equal; exact for any length.
    public func isEqualValue(_ other: JSONNumber) -> Bool {
        DecimalLiteral(literal) == DecimalLiteral(other.literal)
    }

    static func isValidLiteral(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        func digits() -> Bool {
            let begin = i
            while i < n && bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
            return i > begin
        }
        if i < n && bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return false }
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
        } else if !digits() {
            return false
        }
        if i < n && bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() else { return false }
        }
        if i < n && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < n && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digits() else { return false }
        }
        return i == n
    }
}

/// A decimal number in normalized scientific form (sign, significant digits, exponent), for exact
/// comparison of number literals of any length.
package struct DecimalLiteral: Hashable, Sendable, Comparable {
    /// Significant digits without leading or trailing zeros; empty for zero.
    package var digits: [UInt8]
    /// The value is `0.d1d2d3… × 10^exponent`.
    package var exponent: Int
    package var negative: Bool

    package init(_ literal: String) {
        self.init(bytes: Array(literal.utf8))
    }

    package init<C: Collection>(bytes: C) where C.Element == UInt8 {
        var negative = false
        var digits: [UInt8] = []
        var pointPosition: Int? = nil
        var exponent = 0
        var iterator = bytes.makeIterator()
        var count = 0
        var inExponent = false
        var exponentNegative = false
        var exponentValue = 0
        while let byte = iterator.next() {
            if inExponent {
                if byte == UInt8(ascii: "-") {
                    exponentNegative = true
                } else if byte >= 0x30 && byte <= 0x39 {
                    exponentValue = min(exponentValue * 10 + Int(byte - 0x30), 1_000_000_000)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): pointPosition = count
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case 0x30...0x39:
                digits.append(byte - 0x30)
                count += 1
            default: break
            }
        }
        exponent = (pointPosition ?? count) + (exponentNegative ? -exponentValue : exponentValue)
        var leading = 0
        while leading < digits.count && digits[leading] == 0 { leading += 1 }
        digits.removeFirst(leading)
        exponent -= leading
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty {
            exponent = 0
            negative = false
        }
        self.digits = digits
        self.exponent = exponent
        self.negative = negative
    }

    package var isZero: Bool { digits.isEmpty }

    /// True when the value has no fractional part.
    package var isIntegral: Bool { digits.count <= max(exponent, 0) || digits.isEmpty }

    package static func < (a: DecimalLiteral, b: DecimalLiteral) -> Bool {
        if a.negative != b.negative { return a.negative }
        let magnitudeLess = DecimalLiteral.magnitudeLess(a, b)
        if a.negative { return DecimalLiteral.magnitudeLess(b, a) }
        return magnitudeLess
    }

    private static func magnitudeLess(_ a: DecimalLiteral, _ b: DecimalLiteral) -> Bool {
        if a.isZero { return !b.isZero }
        if b.isZero { return false }
        if a.exponent != b.exponent { return a.exponent < b.exponent }
        let n = max(a.digits.count, b.digits.count)
        for i in 0..<n {
            let x = i < a.digits.count ? a.digits[i] : 0
            let y = i < b.digits.count ? b.digits[i] : 0
            if x != y { return x < y }
        }
        return false
    }
}
