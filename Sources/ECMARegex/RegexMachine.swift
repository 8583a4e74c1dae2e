/// Runs a ``RegexProgram`` over UTF-8 input by backtracking, with an explicit stack (no recursion
/// driven by the input) and a step budget.
struct RegexMachine: ~Copyable {
    let program: RegexProgram
    let input: UnsafeBufferPointer<UInt8>
    let ignoreCase: Bool
    let multiline: Bool
    let dotAll: Bool
    var budget: Int
    var slots: [Int]
    private var stack: [Int] = []  // entries: pc >= 0 with position; or -1-slot with old value (undo)

    init(program: RegexProgram, input: UnsafeBufferPointer<UInt8>, options: ECMARegex.Options, budget: Int) {
        self.program = program
        self.input = input
        ignoreCase = options.contains(.ignoreCase)
        multiline = options.contains(.multiline)
        dotAll = options.contains(.dotAll)
        self.budget = budget
        slots = Array(repeating: -1, count: program.slotCount)
    }

    struct BudgetExceeded: Error {}

    /// Decodes the scalar at `position`: (value, length). Invalid bytes decode as U+FFFD, one byte.
    @inline(__always)
    func decode(_ position: Int) -> (UInt32, Int) {
        let b0 = UInt32(input[position])
        if b0 < 0x80 { return (b0, 1) }
        let remaining = input.count - position
        if b0 >= 0xC2 && b0 <= 0xDF && remaining >= 2 {
            let b1 = UInt32(input[position + 1])
            if b1 & 0xC0 == 0x80 { return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2) }
        } else if b0 >= 0xE0 && b0 <= 0xEF && remaining >= 3 {
            let b1 = UInt32(input[position + 1])
            let b2 = UInt32(input[position + 2])
            if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                let value = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                if value >= 0x800 { return (value, 3) }
            }
        } else if b0 >= 0xF0 && b0 <= 0xF4 && remaining >= 4 {
            let b1 = UInt32(input[position + 1])
            let b2 = UInt32(input[position + 2])
            let b3 = UInt32(input[position + 3])
            if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 {
                let value = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
                if value >= 0x10000 && value <= 0x10FFFF { return (value, 4) }
            }
        }
        return (0xFFFD, 1)
    }

    /// The start of the scalar that ends just before `position`.
    func previousStart(_ position: Int) -> Int {
        var p = position - 1
        var steps = 0
        while p > 0 && input[p] & 0xC0 == 0x80 && steps < 3 {
            p -= 1
            steps += 1
        }
        return p
    }

    private func isWordAt(_ position: Int) -> Bool {
        guard position >= 0 && position < input.count else { return false }
        let value = UInt32(input[position])
        if ignoreCase && (value == 0x17F || value == 0x212A) { return true }
        return CharClass.isWord(value)
    }

    /// Runs sub-program `index` from `start`; `endAt` demands the match end exactly there (lookbehind).
    mutating func run(_ index: Int, from start: Int, endAt: Int? = nil) throws(BudgetExceeded) -> Int? {
        let code = program.programs[index]
        let base = stack.count
        var pc = 0
        var sp = start
        defer { stack.removeSubrange(base...) }
        while true {
            budget -= 1
            if budget < 0 { throw BudgetExceeded() }
            var ok = true
            switch code[pc] {
            case .scalar(let expected):
                if sp < input.count {
                    let (value, length) = decode(sp)
                    if value == expected || (ignoreCase && CaseFolding.fold(value) == CaseFolding.fold(expected)) {
                        sp += length
                        pc += 1
                    } else {
                        ok = false
                    }
                } else {
                    ok = false
                }
            case .any:
                if sp < input.count {
                    let (value, length) = decode(sp)
                    if dotAll || !CharClass.isLineTerminator(value) {
                        sp += length
                        pc += 1
                    } else {
                        ok = false
                    }
                } else {
                    ok = false
                }
            case .charClass(let c):
                if sp < input.count {
                    let (value, length) = decode(sp)
                    let cls = program.classes[c]
                    if cls.matches(value)
                        || (ignoreCase && value >= 128
                            && CaseFolding.variants(of: Unicode.Scalar(value) ?? "\u{FFFD}").contains {
                                cls.matches($0.value)
                            })
                    {
                        sp += length
                        pc += 1
                    } else {
                        ok = false
                    }
                } else {
                    ok = false
                }
            case .split(let first, let second):
                stack.append(second)
                stack.append(sp)
                pc = first
            case .jump(let target):
                pc = target
            case .save(let slot):
                stack.append(slots[slot])
                stack.append(-1 - slot)
                slots[slot] = sp
                pc += 1
            case .checkProgress(let slot):
                if slots[slot] == sp { ok = false } else { pc += 1 }
            case .lineStart:
                if sp == 0 || (multiline && CharClass.isLineTerminator(decode(previousStart(sp)).0)) {
                    pc += 1
                } else {
                    ok = false
                }
            case .lineEnd:
                if sp == input.count || (multiline && CharClass.isLineTerminator(decode(sp).0)) {
                    pc += 1
                } else {
                    ok = false
                }
            case .wordBoundary(let negated):
                let boundary = isWordAt(sp - 1) != isWordAt(sp)
                if boundary != negated { pc += 1 } else { ok = false }
            case .look(let sub, let ahead, let negated):
                let saved = slots
                var found = false
                if ahead {
                    found = try run(sub, from: sp) != nil
                } else {
                    var candidate = sp
                    while true {
                        if try run(sub, from: candidate, endAt: sp) != nil {
                            found = true
                            break
                        }
                        if candidate == 0 { break }
                        candidate = previousStart(candidate)
                    }
                }
                if negated || !found { slots = saved }
                if found != negated { pc += 1 } else { ok = false }
            case .backreference(let group):
                let begin = group * 2 < slots.count ? slots[group * 2] : -1
                let end = group * 2 + 1 < slots.count ? slots[group * 2 + 1] : -1
                if begin < 0 || end < begin {
                    pc += 1
                } else {
                    let length = end - begin
                    if sp + length <= input.count && matchesCapture(begin, length, at: sp) {
                        sp += length
                        pc += 1
                    } else {
                        ok = false
                    }
                }
            case .match:
                if let endAt, sp != endAt {
                    ok = false
                } else {
                    return sp
                }
            }
            if ok { continue }
            // Backtrack: undo slot writes until a branch point.
            while true {
                if stack.count <= base { return nil }
                let top = stack.removeLast()
                let below = stack.removeLast()
                if top < 0 {
                    slots[-1 - top] = below
                } else {
                    sp = top
                    pc = below
                    break
                }
            }
        }
    }

    private func matchesCapture(_ begin: Int, _ length: Int, at position: Int) -> Bool {
        if !ignoreCase {
            for i in 0..<length where input[begin + i] != input[position + i] { return false }
            return true
        }
        var a = begin
        var b = position
        while a < begin + length {
            let (x, lx) = decode(a)
            let (y, ly) = decode(b)
            if CaseFolding.fold(x) != CaseFolding.fold(y) { return false }
            a += lx
            b += ly
        }
        return true
    }
}
