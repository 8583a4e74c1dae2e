/// A fast path for the patterns contracts use most: a sequence of single-character atoms with
/// quantifiers (`^\+[1-9]\d{1,14}$`, `^AC(.*)$`, `^m-[A-Za-z0-9]{25}$`), optionally anchored.
/// Matched greedily with backtracking over atoms only: depth is bounded by the pattern, memory is
/// constant, and every step counts against the budget.
struct SimplePattern: Sendable {
    enum Atom: Sendable {
        case scalar(UInt32)
        case any
        case ascii(low: UInt64, high: UInt64, negated: Bool)
        case charClass(CharClass)
    }
    struct Item: Sendable {
        var atom: Atom
        var min: Int
        var max: Int  // Int.max for unbounded
    }
    let items: [Item]
    let anchoredStart: Bool
    let anchoredEnd: Bool

    /// The simple form of `node`, or nil when it uses anything else (alternation, lookaround, …).
    init?(_ node: RegexNode) {
        var parts: [RegexNode]
        if case .sequence(let nodes) = node { parts = nodes } else { parts = [node] }
        var start = false
        var end = false
        if case .lineStart = parts.first {
            start = true
            parts.removeFirst()
        }
        if case .lineEnd = parts.last {
            end = true
            parts.removeLast()
        }
        var items: [Item] = []
        for part in parts {
            guard let item = SimplePattern.item(part) else { return nil }
            items.append(item)
        }
        guard items.count <= 64 else { return nil }
        self.items = items
        anchoredStart = start
        anchoredEnd = end
    }

    private static func atom(_ node: RegexNode) -> Atom? {
        switch node {
        case .scalar(let value): return .scalar(value)
        case .any: return .any
        case .charClass(let cls):
            if cls.items.isEmpty && cls.ranges.allSatisfy({ $0.upperBound < 128 }) {
                return .ascii(low: cls.asciiLow, high: cls.asciiHigh, negated: cls.negated)
            }
            if cls.items.allSatisfy({ if case .digit(false) = $0 { true } else { false } })
                && cls.ranges.allSatisfy({ $0.upperBound < 128 })
            {
                return .ascii(low: cls.asciiLow, high: cls.asciiHigh, negated: cls.negated)
            }
            return .charClass(cls)
        case .group(let inner, _): return atom(inner)
        default: return nil
        }
    }

    private static func item(_ node: RegexNode) -> Item? {
        switch node {
        case .repeatNode(let inner, let min, let max, greedy: true):
            guard let atom = atom(inner) else { return nil }
            return Item(atom: atom, min: min, max: max ?? Int.max)
        case .group(let inner, _):
            return item(inner)
        default:
            guard let atom = atom(node) else { return nil }
            return Item(atom: atom, min: 1, max: 1)
        }
    }

    struct BudgetExceeded: Error {}

    /// Search semantics over UTF-8.
    func search(_ input: UnsafeBufferPointer<UInt8>, dotAll: Bool, budget: Int) -> ECMARegex.Outcome {
        var remaining = budget
        var start = 0
        do {
            while true {
                if try match(0, at: start, input, dotAll, &remaining) { return .match }
                if anchoredStart || start >= input.count { return .noMatch }
                start += SimplePattern.length(input, start)
            }
        } catch {
            return .budgetExceeded
        }
    }

    @inline(__always)
    static func length(_ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> Int {
        let byte = input[position]
        if byte < 0xC0 { return 1 }
        let n = byte < 0xE0 ? 2 : (byte < 0xF0 ? 3 : 4)
        var i = 1
        while i < n && position + i < input.count && input[position + i] & 0xC0 == 0x80 { i += 1 }
        return i
    }

    @inline(__always)
    private func matches(_ atom: Atom, _ input: UnsafeBufferPointer<UInt8>, _ position: Int, _ dotAll: Bool) -> Int {
        let byte = input[position]
        if byte < 0x80 {
            let value = UInt32(byte)
            switch atom {
            case .scalar(let expected): return expected == value ? 1 : 0
            case .any: return dotAll || (value != 0x0A && value != 0x0D) ? 1 : 0
            case .ascii(let low, let high, let negated):
                let inside = value < 64 ? low & (1 << UInt64(value)) != 0 : high & (1 << UInt64(value - 64)) != 0
                return inside != negated ? 1 : 0
            case .charClass(let cls): return cls.matches(value) ? 1 : 0
            }
        }
        let (value, length) = SimplePattern.decode(input, position)
        switch atom {
        case .scalar(let expected): return expected == value ? length : 0
        case .any: return dotAll || !CharClass.isLineTerminator(value) ? length : 0
        case .ascii(_, _, let negated): return negated ? length : 0
        case .charClass(let cls): return cls.matches(value) ? length : 0
        }
    }

    static func decode(_ input: UnsafeBufferPointer<UInt8>, _ position: Int) -> (UInt32, Int) {
        let n = length(input, position)
        let b0 = UInt32(input[position])
        switch n {
        case 2 where b0 >= 0xC2: return ((b0 & 0x1F) << 6 | UInt32(input[position + 1] & 0x3F), 2)
        case 3:
            return ((b0 & 0x0F) << 12 | UInt32(input[position + 1] & 0x3F) << 6 | UInt32(input[position + 2] & 0x3F), 3)
        case 4 where b0 <= 0xF4:
            return (
                (b0 & 0x07) << 18 | UInt32(input[position + 1] & 0x3F) << 12 | UInt32(input[position + 2] & 0x3F) << 6
                    | UInt32(input[position + 3] & 0x3F), 4
            )
        default: return (0xFFFD, n)
        }
    }

    private func match(
        _ k: Int, at position: Int, _ input: UnsafeBufferPointer<UInt8>, _ dotAll: Bool, _ budget: inout Int
    ) throws(BudgetExceeded) -> Bool {
        if k == items.count { return !anchoredEnd || position == input.count }
        let item = items[k]
        var end = position
        var count = 0
        while count < item.max && end < input.count {
            budget -= 1
            if budget < 0 { throw BudgetExceeded() }
            let length = matches(item.atom, input, end, dotAll)
            if length == 0 { break }
            end += length
            count += 1
        }
        if count < item.min { return false }
        // Giving characters back cannot help the last atom reach the end.
        if k == items.count - 1 { return !anchoredEnd || end == input.count }
        while true {
            if try match(k + 1, at: end, input, dotAll, &budget) { return true }
            if count == item.min { return false }
            budget -= 1
            if budget < 0 { throw BudgetExceeded() }
            // Give back one character.
            var back = end - 1
            while back > position && input[back] & 0xC0 == 0x80 { back -= 1 }
            end = back
            count -= 1
        }
    }
}
