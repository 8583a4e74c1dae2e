/// The parsed form of a pattern, before compilation to instructions.
indirect enum RegexNode: Sendable {
    case empty
    case scalar(UInt32)
    case any  // `.`
    case charClass(CharClass)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case group(RegexNode, capture: Int?)  // capture index (1-based) or nil
    case repeatNode(RegexNode, min: Int, max: Int?, greedy: Bool)
    case lineStart, lineEnd
    case wordBoundary(negated: Bool)
    case look(RegexNode, ahead: Bool, negated: Bool)
    case backreference(Int)
    case namedBackreference(String)
}

/// A set of code points: ranges, class escapes, and an optional negation.
struct CharClass: Sendable {
    var ranges: [ClosedRange<UInt32>] = []
    var items: [ClassItem] = []
    var negated = false
    /// For code points below 128: bit i set when the class (before negation) contains i.
    var asciiLow: UInt64 = 0
    var asciiHigh: UInt64 = 0

    enum ClassItem: Sendable {
        case digit(negated: Bool)
        case word(negated: Bool)
        case space(negated: Bool)
        case property(UnicodeProperty, negated: Bool)
    }

    mutating func finalize(ignoreCase: Bool) {
        if ignoreCase {
            var extra: [ClosedRange<UInt32>] = []
            for range in ranges where range.count < 5000 {
                for value in range {
                    guard let scalar = Unicode.Scalar(value) else { continue }
                    for variant in CaseFolding.variants(of: scalar) where !range.contains(variant.value) {
                        extra.append(variant.value...variant.value)
                    }
                }
            }
            ranges += extra
        }
        asciiLow = 0
        asciiHigh = 0
        for value in 0..<UInt32(128) where containsSlow(value) {
            if value < 64 { asciiLow |= 1 << UInt64(value) } else { asciiHigh |= 1 << UInt64(value - 64) }
        }
    }

    /// Membership before negation, without the ASCII bitmap.
    private func containsSlow(_ value: UInt32) -> Bool {
        for range in ranges where range.contains(value) { return true }
        for item in items where item.contains(value) { return true }
        return false
    }

    @inline(__always)
    func matches(_ value: UInt32) -> Bool {
        let inside: Bool
        if value < 64 {
            inside = asciiLow & (1 << UInt64(value)) != 0
        } else if value < 128 {
            inside = asciiHigh & (1 << UInt64(value - 64)) != 0
        } else {
            inside = containsSlow(value)
        }
        return inside != negated
    }
}

extension CharClass.ClassItem {
    func contains(_ value: UInt32) -> Bool {
        switch self {
        case .digit(let negated): return (value >= 0x30 && value <= 0x39) != negated
        case .word(let negated): return CharClass.isWord(value) != negated
        case .space(let negated): return CharClass.isSpace(value) != negated
        case .property(let property, let negated): return property.contains(value) != negated
        }
    }
}

extension CharClass {
    static func isWord(_ value: UInt32) -> Bool {
        (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
            || value == 0x5F
    }

    /// ECMA-262 WhiteSpace and LineTerminator.
    static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default: return false
        }
    }

    static func isLineTerminator(_ value: UInt32) -> Bool {
        value == 0x0A || value == 0x0D || value == 0x2028 || value == 0x2029
    }
}

/// Simple case folding for ignoreCase matching.
enum CaseFolding {
    static func variants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for mapped in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let scalars = Array(mapped.unicodeScalars)
            if scalars.count == 1, scalars[0] != scalar { result.append(scalars[0]) }
        }
        return result
    }

    static func fold(_ value: UInt32) -> UInt32 {
        if value < 128 {
            return value >= 0x41 && value <= 0x5A ? value + 32 : value
        }
        guard let scalar = Unicode.Scalar(value) else { return value }
        let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
        return lower.count == 1 ? lower[0].value : value
    }
}
