import JSON

extension Evaluator {
    /// -1, 0 or 1 as the number node compares to `bound`.
    func compare(_ i: Int, _ bound: NumberBound) -> Int {
        if bound.exact, let value = document.int64(i), value.magnitude < 1 << 53 {
            let double = Double(value)
            return double < bound.double ? -1 : (double > bound.double ? 1 : 0)
        }
        let value = DecimalLiteral(bytes: document.rawBytes(i))
        return value < bound.decimal ? -1 : (bound.decimal < value ? 1 : 0)
    }

    /// Exact divisibility for decimals of any size (digits streamed modulo the divisor).
    func isMultiple(_ i: Int, of divisor: NumberBound) -> Bool {
        if let value = document.int64(i), let d = Int64(exactly: divisor.double), divisor.decimal.isIntegral, d != 0,
            divisor.exact
        {
            return value % d == 0
        }
        let a = DecimalLiteral(bytes: document.rawBytes(i))
        if a.isZero { return true }
        let b = divisor.decimal
        // A non-zero value smaller in magnitude than the divisor is no multiple of it (3 and 1e400,
        // whose quotient as doubles rounds to 0).
        if a.exponent < b.exponent || (a.exponent == b.exponent && a.digits.lexicographicallyPrecedes(b.digits)) {
            return false
        }
        // value = digits × 10^(exponent − digits.count)
        let ea = a.exponent - a.digits.count
        let eb = b.exponent - b.digits.count
        var modulus: UInt64 = 0
        for digit in b.digits {
            let (times, o1) = modulus.multipliedReportingOverflow(by: 10)
            let (next, o2) = times.addingReportingOverflow(UInt64(digit))
            if o1 || o2 { return approximateMultiple(i, divisor) }
            modulus = next
        }
        var zeros = 0
        if ea >= eb {
            zeros = ea - eb
        } else {
            // Divisor gains the zeros instead.
            for _ in 0..<(eb - ea) {
                let (times, overflow) = modulus.multipliedReportingOverflow(by: 10)
                if overflow { return approximateMultiple(i, divisor) }
                modulus = times
            }
        }
        if modulus == 0 { return false }
        var remainder: UInt64 = 0
        func feed(_ digit: UInt64) {
            let (high, low) = remainder.multipliedFullWidth(by: 10)
            let (sum, carry) = low.addingReportingOverflow(digit)
            remainder = modulus.dividingFullWidth((high + (carry ? 1 : 0), sum)).remainder
        }
        for digit in a.digits { feed(UInt64(digit)) }
        for _ in 0..<min(zeros, 100_000) {
            if remainder == 0 { break }
            feed(0)
        }
        return remainder == 0
    }

    private func approximateMultiple(_ i: Int, _ divisor: NumberBound) -> Bool {
        let quotient = document.double(i) / divisor.double
        guard quotient.isFinite else { return false }
        return abs(quotient - quotient.rounded()) < 1e-9 * max(1, abs(quotient))
    }

    /// JSON Schema equality of a tape node and a value (numbers by value, objects unordered).
    func equals(_ i: Int, _ value: JSONValue) -> Bool {
        let node = tape[i]
        switch (node.kind, value) {
        case (.null, .null): return true
        case (.true, .bool(let b)): return b
        case (.false, .bool(let b)): return !b
        case (.integer, .number(let n)), (.float, .number(let n)):
            if let a = document.int64(i), let b = n.int64Value { return a == b }
            return DecimalLiteral(bytes: document.rawBytes(i)) == DecimalLiteral(n.literal)
        case (.string, .string(let s)): return document.stringEquals(i, Array(s.utf8))
        case (.array, .array(let elements)):
            guard Int(node.count) == elements.count else { return false }
            return zip(document.elements(i), elements).allSatisfy { equals($0, $1) }
        case (.object, .object(let object)):
            guard Int(node.count) == object.count else { return false }
            for (key, member) in document.members(i) {
                guard let expected = object[document.string(key)], equals(member, expected) else { return false }
            }
            return true
        default: return false
        }
    }

    /// JSON Schema equality of two tape nodes.
    func equals(_ i: Int, _ j: Int) -> Bool {
        let a = tape[i]
        let b = tape[j]
        let numeric = (a.kind == .integer || a.kind == .float) && (b.kind == .integer || b.kind == .float)
        guard a.kind == b.kind || numeric else { return false }
        switch a.kind {
        case .null, .true, .false: return true
        case .integer, .float:
            if let x = document.int64(i), let y = document.int64(j) { return x == y }
            return DecimalLiteral(bytes: document.rawBytes(i)) == DecimalLiteral(bytes: document.rawBytes(j))
        case .string:
            return document.withDecodedUTF8(i) { x in document.withDecodedUTF8(j) { y in x.elementsEqual(y) } }
        case .array:
            guard a.count == b.count else { return false }
            return zip(document.elements(i), document.elements(j)).allSatisfy { equals($0, $1) }
        case .object:
            guard a.count == b.count else { return false }
            for (key, member) in document.members(i) {
                guard let other = document.member(j, document.string(key)), equals(member, other) else { return false }
            }
            return true
        }
    }

    /// Positions of the first two equal items, if any.
    func firstDuplicate(_ i: Int) -> (Int, Int)? {
        let elements = Array(document.elements(i))
        if elements.count <= 32 {
            for a in 0..<elements.count {
                for b in (a + 1)..<max(a + 1, elements.count) where equals(elements[a], elements[b]) { return (a, b) }
            }
            return nil
        }
        var buckets: [Int: [Int]] = [:]
        for (position, element) in elements.enumerated() {
            let h = document.value(element).canonicalHash
            for earlier in buckets[h, default: []] where equals(elements[earlier], element) {
                return (earlier, position)
            }
            buckets[h, default: []].append(position)
        }
        return nil
    }
}

extension JSONValue {
    /// A hash equal for values JSON Schema calls equal (numbers by value, objects unordered).
    var canonicalHash: Int {
        var hasher = Hasher()
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(DecimalLiteral(n.literal))
        case .string(let s): hasher.combine(s)
        case .array(let elements): for element in elements { hasher.combine(element.canonicalHash) }
        case .object(let object):
            var combined = 0
            for member in object { combined ^= member.key.hashValue &+ member.value.canonicalHash &* 31 }
            hasher.combine(combined)
        }
        return hasher.finalize()
    }
}
