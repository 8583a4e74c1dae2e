/// A bit-parallel (shift-and) matcher for patterns made only of ASCII atoms with quantifiers, such
/// as `^\+[1-9]\d{1,14}$`: no backtracking, one table lookup and a few shifts per byte.
struct PatternAutomaton: Sendable {
    /// Per ASCII byte: bit j set when item j + 1 accepts the byte.
    var accepts: [UInt64]
    /// Items that may be skipped (`?`, `*`, the optional part of `{n,m}`).
    var optional: UInt64 = 0
    /// Items that repeat (`*`, the tail of `+` and `{n,}`).
    var repeating: UInt64 = 0
    var count = 0
    var anchoredStart = false
    var anchoredEnd = false

    /// Most items a pattern may expand to (bits of a `UInt64`, one spare).
    static let capacity = 62

    private func closure(_ state: UInt64) -> UInt64 {
        var current = state
        while true {
            let next = current | ((current & optional) << 1)
            if next == current { return current }
            current = next
        }
    }

    func matches(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let accept: UInt64 = 1 << UInt64(count)
        var state = closure(1)
        if !anchoredEnd && state & accept != 0 { return true }
        for byte in utf8 {
            guard byte < 0x80 else {
                if anchoredStart { return false }
                state = closure(1)
                continue
            }
            let mask = accepts[Int(byte)]
            let moved = state & mask
            state = (moved << 1) | (moved & repeating)
            if !anchoredStart { state |= 1 }
            state = closure(state)
            if !anchoredEnd && state & accept != 0 { return true }
            if state == 0 && anchoredStart { return false }
        }
        return state & accept != 0
    }

    /// The automaton for `source`, or nil when it uses anything beyond ASCII atoms and quantifiers.
    init?(_ source: String) {
        accepts = Array(repeating: 0, count: 128)
        var chars = Array(source.utf8)
        guard chars.allSatisfy({ $0 < 0x80 }) else { return nil }
        if chars.first == UInt8(ascii: "^") {
            anchoredStart = true
            chars.removeFirst()
        }
        if chars.last == UInt8(ascii: "$") && (chars.count < 2 || chars[chars.count - 2] != UInt8(ascii: "\\")) {
            anchoredEnd = true
            chars.removeLast()
        }
        var k = 0
        while k < chars.count {
            guard let (set, next) = PatternAutomaton.atom(chars, k) else { return nil }
            k = next
            var low = 1
            var high: Int? = 1
            if k < chars.count {
                switch chars[k] {
                case UInt8(ascii: "*"):
                    (low, high) = (0, nil)
                    k += 1
                case UInt8(ascii: "+"):
                    (low, high) = (1, nil)
                    k += 1
                case UInt8(ascii: "?"):
                    (low, high) = (0, 1)
                    k += 1
                case UInt8(ascii: "{"):
                    guard let (l, h, after) = PatternAutomaton.braces(chars, k) else { return nil }
                    (low, high, k) = (l, h, after)
                default: break
                }
                if k < chars.count && chars[k] == UInt8(ascii: "?") { k += 1 }
            }
            let items = low + (high.map { $0 - low } ?? 1)
            guard count + items <= PatternAutomaton.capacity else { return nil }
            for copy in 0..<items {
                let bit: UInt64 = 1 << UInt64(count)
                for byte in 0..<128 where set[byte] { accepts[byte] |= bit }
                if copy >= low {
                    optional |= bit
                    if high == nil { repeating |= bit }
                }
                count += 1
            }
        }
    }

    private static let syntax = Set("^$\\.*+?()[]{}|/".utf8)

    private static func escapeSet(_ c: UInt8) -> [Bool]? {
        var set = [Bool](repeating: false, count: 128)
        switch c {
        case UInt8(ascii: "d"): for b in UInt8(ascii: "0")...UInt8(ascii: "9") { set[Int(b)] = true }
        case UInt8(ascii: "w"):
            for b in 0..<128 where (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 {
                set[b] = true
            }
        default:
            guard syntax.contains(c) || c == UInt8(ascii: "-") else { return nil }
            set[Int(c)] = true
        }
        return set
    }

    /// One atom at `k`: the bytes it accepts and the index after it.
    private static func atom(_ chars: [UInt8], _ k: Int) -> ([Bool], Int)? {
        let c = chars[k]
        if c == UInt8(ascii: "\\") {
            guard k + 1 < chars.count, chars[k + 1] != UInt8(ascii: "-"), let set = escapeSet(chars[k + 1]) else {
                return nil
            }
            return (set, k + 2)
        }
        if c == UInt8(ascii: "[") { return bracket(chars, k + 1) }
        if syntax.contains(c) && c != UInt8(ascii: "/") { return nil }
        var set = [Bool](repeating: false, count: 128)
        set[Int(c)] = true
        return (set, k + 1)
    }

    private static func bracket(_ chars: [UInt8], _ start: Int) -> ([Bool], Int)? {
        var set = [Bool](repeating: false, count: 128)
        var k = start
        guard k < chars.count, chars[k] != UInt8(ascii: "^"), chars[k] != UInt8(ascii: "]") else { return nil }
        while k < chars.count && chars[k] != UInt8(ascii: "]") {
            var single: UInt8
            if chars[k] == UInt8(ascii: "\\") {
                guard k + 1 < chars.count else { return nil }
                let e = chars[k + 1]
                if e == UInt8(ascii: "d") || e == UInt8(ascii: "w") {
                    guard let extra = escapeSet(e) else { return nil }
                    for b in 0..<128 where extra[b] { set[b] = true }
                    k += 2
                    continue
                }
                guard syntax.contains(e) || e == UInt8(ascii: "-") else { return nil }
                single = e
                k += 2
            } else {
                if chars[k] == UInt8(ascii: "[") { return nil }
                single = chars[k]
                k += 1
            }
            if k + 1 < chars.count && chars[k] == UInt8(ascii: "-") && chars[k + 1] != UInt8(ascii: "]") {
                let high = chars[k + 1]
                guard high != UInt8(ascii: "\\"), high != UInt8(ascii: "["), single <= high else { return nil }
                for b in single...high { set[Int(b)] = true }
                k += 2
            } else {
                set[Int(single)] = true
            }
        }
        guard k < chars.count else { return nil }
        return (set, k + 1)
    }

    /// `{n}`, `{n,}`, `{n,m}` at `k`.
    private static func braces(_ chars: [UInt8], _ k: Int) -> (Int, Int?, Int)? {
        var j = k + 1
        func number() -> Int? {
            var value: Int?
            while j < chars.count, chars[j] >= 48, chars[j] <= 57 {
                value = (value ?? 0) * 10 + Int(chars[j] - 48)
                if value! > 1000 { return nil }
                j += 1
            }
            return value
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if j < chars.count && chars[j] == UInt8(ascii: ",") {
            j += 1
            high = number()
        }
        guard j < chars.count, chars[j] == UInt8(ascii: "}") else { return nil }
        if let high, high < low { return nil }
        return (low, high, j + 1)
    }
}
