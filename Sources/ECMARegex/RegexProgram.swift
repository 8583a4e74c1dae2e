/// One instruction of the backtracking machine.
enum Instruction: Sendable {
    case scalar(UInt32)
    case any
    case charClass(Int)
    case split(Int, Int)  // try the first target, on failure the second
    case jump(Int)
    case save(Int)  // store the position in a slot (captures and loop marks)
    case checkProgress(Int)  // fail when the position equals the slot (an empty loop iteration)
    case lineStart, lineEnd
    case wordBoundary(negated: Bool)
    case look(Int, ahead: Bool, negated: Bool)  // sub-program index
    case backreference(Int)
    case match
}

/// A compiled pattern: the main program and the sub-programs of lookaround assertions.
struct RegexProgram: Sendable {
    var programs: [[Instruction]] = []
    var classes: [CharClass] = []
    var slotCount = 0
    var captureCount = 0
    var names: [String: Int] = [:]

    static let maximumInstructions = 50_000

    struct TooLarge: Error {}

    /// Compiles `node` into `programs[0]` (and sub-programs for lookarounds).
    static func compile(_ node: RegexNode, captureCount: Int, names: [String: Int]) throws(TooLarge) -> RegexProgram {
        var program = RegexProgram()
        program.captureCount = captureCount
        program.names = names
        program.slotCount = (captureCount + 1) * 2
        program.programs.append([])
        var main: [Instruction] = [.save(0)]
        try program.emit(node, into: &main)
        main.append(.save(1))
        main.append(.match)
        program.programs[0] = main
        return program
    }

    private mutating func emit(_ node: RegexNode, into code: inout [Instruction]) throws(TooLarge) {
        if code.count > RegexProgram.maximumInstructions { throw TooLarge() }
        switch node {
        case .empty: break
        case .scalar(let value): code.append(.scalar(value))
        case .any: code.append(.any)
        case .charClass(let cls):
            classes.append(cls)
            code.append(.charClass(classes.count - 1))
        case .sequence(let nodes):
            for node in nodes { try emit(node, into: &code) }
        case .alternation(let alternatives):
            // split L1, next; L1: a; jump end; next: split L2, next2; ...
            var jumps: [Int] = []
            for (i, alternative) in alternatives.enumerated() {
                if i < alternatives.count - 1 {
                    let split = code.count
                    code.append(.split(split + 1, 0))
                    try emit(alternative, into: &code)
                    jumps.append(code.count)
                    code.append(.jump(0))
                    code[split] = .split(split + 1, code.count)
                } else {
                    try emit(alternative, into: &code)
                }
            }
            for jump in jumps { code[jump] = .jump(code.count) }
        case .group(let inner, let capture):
            if let capture { code.append(.save(capture * 2)) }
            try emit(inner, into: &code)
            if let capture { code.append(.save(capture * 2 + 1)) }
        case .repeatNode(let inner, let minimum, let maximum, let greedy):
            for _ in 0..<minimum { try emit(inner, into: &code) }
            if let maximum {
                var exits: [Int] = []
                for _ in minimum..<maximum {
                    exits.append(code.count)
                    code.append(.split(0, 0))
                    try emit(inner, into: &code)
                    if code.count > RegexProgram.maximumInstructions { throw TooLarge() }
                }
                for exit in exits {
                    code[exit] = greedy ? .split(exit + 1, code.count) : .split(code.count, exit + 1)
                }
            } else {
                let mark = slotCount
                slotCount += 1
                let loop = code.count
                code.append(.split(0, 0))
                code.append(.save(mark))
                try emit(inner, into: &code)
                code.append(.checkProgress(mark))
                code.append(.jump(loop))
                code[loop] = greedy ? .split(loop + 1, code.count) : .split(code.count, loop + 1)
            }
        case .lineStart: code.append(.lineStart)
        case .lineEnd: code.append(.lineEnd)
        case .wordBoundary(let negated): code.append(.wordBoundary(negated: negated))
        case .look(let inner, let ahead, let negated):
            let index = programs.count
            programs.append([])
            var sub: [Instruction] = []
            try emit(inner, into: &sub)
            sub.append(.match)
            programs[index] = sub
            code.append(.look(index, ahead: ahead, negated: negated))
        case .backreference(let group): code.append(.backreference(group))
        case .namedBackreference(let name): code.append(.backreference(names[name] ?? 0))
        }
    }
}
