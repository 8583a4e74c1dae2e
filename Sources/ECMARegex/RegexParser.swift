/// Parses ECMA-262 pattern syntax (with the `u` flag's strictness) into a ``RegexNode``.
struct RegexParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private let ignoreCase: Bool
    private(set) var captureCount = 0
    private(set) var names: [String: Int] = [:]
    private var backreferences: [(Int, Int)] = []  // (group, offset)
    private var namedReferences: [(String, Int)] = []
    private var depth = 0

    /// The web-compatible grammar of patterns without the `u` flag (ECMA-262 Annex B): an escaped
    /// character that means nothing else stands for itself (`\_`, `` \` ``, `\-`), and a `{`, `}` or
    /// `]` that does not open or close anything is literal.
    private let webCompatible: Bool

    init(_ pattern: String, ignoreCase: Bool, webCompatible: Bool = false) {
        scalars = Array(pattern.unicodeScalars)
        self.ignoreCase = ignoreCase
        self.webCompatible = webCompatible
    }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    mutating func parse() throws(Failure) -> RegexNode {
        let node = try parseDisjunction()
        if index < scalars.count {
            throw Failure(
                offset: index, message: scalars[index] == ")" ? "unmatched ')'" : "unexpected '\(scalars[index])'")
        }
        for (group, offset) in backreferences where group > captureCount {
            throw Failure(offset: offset, message: "backreference \\\(group) to a group that does not exist")
        }
        for (name, offset) in namedReferences where names[name] == nil {
            throw Failure(offset: offset, message: "backreference to unknown group name '\(name)'")
        }
        return node
    }

    private var atEnd: Bool { index >= scalars.count }
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func parseDisjunction() throws(Failure) -> RegexNode {
        depth += 1
        defer { depth -= 1 }
        if depth > 200 { throw Failure(offset: index, message: "groups nested too deeply") }
        var alternatives = [try parseAlternative()]
        while peek() == "|" {
            index += 1
            alternatives.append(try parseAlternative())
        }
        return alternatives.count == 1 ? alternatives[0] : .alternation(alternatives)
    }

    private mutating func parseAlternative() throws(Failure) -> RegexNode {
        var terms: [RegexNode] = []
        while let c = peek(), c != "|", c != ")" {
            terms.append(try parseTerm())
        }
        return terms.count == 1 ? terms[0] : (terms.isEmpty ? .empty : .sequence(terms))
    }

    private mutating func parseTerm() throws(Failure) -> RegexNode {
        let start = index
        guard let c = peek() else { return .empty }
        var atom: RegexNode
        var quantifiable = true
        switch c {
        case "^":
            index += 1
            return .lineStart
        case "$":
            index += 1
            return .lineEnd
        case "\\" where peek(1) == "b" || peek(1) == "B":
            index += 2
            return .wordBoundary(negated: c == "\\" && scalars[index - 1] == "B")
        case "(":
            index += 1
            if peek() == "?" {
                index += 1
                switch peek() {
                case ":":
                    index += 1
                    atom = .group(try parseDisjunction(), capture: nil)
                case "=", "!":
                    let negated = peek() == "!"
                    index += 1
                    atom = .look(try parseDisjunction(), ahead: true, negated: negated)
                    quantifiable = false
                case "<" where peek(1) == "=" || peek(1) == "!":
                    let negated = peek(1) == "!"
                    index += 2
                    atom = .look(try parseDisjunction(), ahead: false, negated: negated)
                    quantifiable = false
                case "<":
                    index += 1
                    let name = try parseGroupName()
                    if names[name] != nil { throw Failure(offset: start, message: "duplicate group name '\(name)'") }
                    captureCount += 1
                    names[name] = captureCount
                    let number = captureCount
                    atom = .group(try parseDisjunction(), capture: number)
                default:
                    throw Failure(
                        offset: index,
                        message: "invalid group: '(?' must be followed by ':', '=', '!', '<=', '<!' or '<name>'")
                }
            } else {
                captureCount += 1
                let number = captureCount
                atom = .group(try parseDisjunction(), capture: number)
            }
            guard peek() == ")" else { throw Failure(offset: start, message: "unterminated group") }
            index += 1
        case ".":
            index += 1
            atom = .any
        case "[":
            atom = .charClass(try parseClass())
        case "\\":
            atom = try parseAtomEscape()
        case "*", "+", "?":
            throw Failure(offset: index, message: "nothing to repeat")
        case "{":
            if (try? lookQuantifierBraces()) != nil { throw Failure(offset: index, message: "nothing to repeat") }
            guard webCompatible else { throw Failure(offset: index, message: "lone '{' (escape it as \\{)") }
            index += 1
            atom = .scalar(c.value)
        case "}", "]":
            guard webCompatible else {
                throw Failure(offset: index, message: "lone '\(c)' (escape it as \\\(c))")
            }
            index += 1
            atom = .scalar(c.value)
        default:
            index += 1
            atom = .scalar(c.value)
        }
        return try parseQuantifier(atom, quantifiable: quantifiable, atomStart: start)
    }

    private mutating func parseQuantifier(_ atom: RegexNode, quantifiable: Bool, atomStart: Int) throws(Failure)
        -> RegexNode
    {
        guard let c = peek() else { return atom }
        var minimum = 0
        var maximum: Int? = nil
        switch c {
        case "*": index += 1
        case "+":
            index += 1
            minimum = 1
        case "?":
            index += 1
            maximum = 1
        case "{":
            guard let (lo, hi, length) = try lookQuantifierBraces() else {
                // Web-compatible: a `{` that is not a quantifier is the next atom, a literal.
                if webCompatible { return atom }
                throw Failure(offset: index, message: "lone '{' (escape it as \\{)")
            }
            index += length
            minimum = lo
            maximum = hi
        default:
            return atom
        }
        if !quantifiable { throw Failure(offset: atomStart, message: "a lookaround assertion cannot be repeated") }
        var greedy = true
        if peek() == "?" {
            index += 1
            greedy = false
        }
        if let maximum, maximum < minimum {
            throw Failure(offset: atomStart, message: "numbers out of order in {\(minimum),\(maximum)} quantifier")
        }
        if peek() == "*" || peek() == "+" || peek() == "?" || peek() == "{" {
            if (try? lookQuantifierBraces()) != nil || peek() != "{" {
                throw Failure(offset: index, message: "nothing to repeat")
            }
        }
        return .repeatNode(atom, min: minimum, max: maximum, greedy: greedy)
    }

    /// `{n}`, `{n,}`, `{n,m}` at the current position: (min, max, length in scalars), or nil.
    private func lookQuantifierBraces() throws(Failure) -> (Int, Int?, Int)? {
        guard peek() == "{" else { return nil }
        var i = index + 1
        func number() -> Int? {
            var value = 0
            let begin = i
            while i < scalars.count, let digit = Int(String(scalars[i])), scalars[i].isASCII {
                value = min(value * 10 + digit, 1_000_000)
                i += 1
            }
            return i > begin ? value : nil
        }
        guard let low = number() else { return nil }
        var high: Int? = low
        if i < scalars.count && scalars[i] == "," {
            i += 1
            high = number()
        }
        guard i < scalars.count && scalars[i] == "}" else { return nil }
        return (low, high, i + 1 - index)
    }

    private mutating func parseGroupName() throws(Failure) -> String {
        var name = ""
        while let c = peek(), c != ">" {
            guard c.properties.isIDContinue || c == "$" || c == "_" else {
                throw Failure(offset: index, message: "invalid character '\(c)' in group name")
            }
            name.unicodeScalars.append(c)
            index += 1
        }
        guard peek() == ">", let first = name.unicodeScalars.first,
            first.properties.isIDStart || first == "$" || first == "_"
        else {
            throw Failure(offset: index, message: "invalid group name")
        }
        index += 1
        return name
    }

    // MARK: - Escapes

    private mutating func parseAtomEscape() throws(Failure) -> RegexNode {
        let start = index
        index += 1
        guard let c = peek() else { throw Failure(offset: start, message: "pattern ends with a lone '\\'") }
        if let digit = c.properties.numericType, digit == .decimal, c.isASCII, c != "0" {
            var value = 0
            while let d = peek(), d.isASCII, let n = Int(String(d)) {
                value = min(value * 10 + n, 100_000)
                index += 1
            }
            backreferences.append((value, start))
            return .backreference(value)
        }
        if c == "k" {
            index += 1
            guard peek() == "<" else {
                throw Failure(offset: start, message: "invalid named backreference: expected '\\k<name>'")
            }
            index += 1
            let name = try parseGroupName()
            namedReferences.append((name, start))
            return .namedBackreference(name)
        }
        if let item = try parseClassEscape() {
            var cls = CharClass()
            cls.items = [item]
            cls.finalize(ignoreCase: false)
            return .charClass(cls)
        }
        return .scalar(try parseCharacterEscape(start: start, inClass: false))
    }

    /// `\d \D \w \W \s \S \p{…} \P{…}` after the backslash, or nil when the escape is something else.
    private mutating func parseClassEscape() throws(Failure) -> CharClass.ClassItem? {
        guard let c = peek() else { return nil }
        switch c {
        case "d", "D":
            index += 1
            return .digit(negated: c == "D")
        case "w", "W":
            index += 1
            return .word(negated: c == "W")
        case "s", "S":
            index += 1
            return .space(negated: c == "S")
        case "p", "P":
            let start = index - 1
            index += 1
            guard peek() == "{" else { throw Failure(offset: start, message: "invalid property escape: expected '{'") }
            index += 1
            var text = ""
            while let d = peek(), d != "}" {
                text.unicodeScalars.append(d)
                index += 1
            }
            guard peek() == "}" else { throw Failure(offset: start, message: "unterminated property escape") }
            index += 1
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard let property = UnicodeProperty(name: parts.first ?? "", value: parts.count > 1 ? parts[1] : nil)
            else {
                throw Failure(offset: start, message: "unsupported or unknown Unicode property '\(text)'")
            }
            return .property(property, negated: c == "P")
        default:
            return nil
        }
    }

    /// A character escape after the backslash (the backslash is at `start`).
    private mutating func parseCharacterEscape(start: Int, inClass: Bool) throws(Failure) -> UInt32 {
        guard let c = peek() else { throw Failure(offset: start, message: "pattern ends with a lone '\\'") }
        index += 1
        switch c {
        case "t": return 0x09
        case "n": return 0x0A
        case "v": return 0x0B
        case "f": return 0x0C
        case "r": return 0x0D
        case "b" where inClass: return 0x08
        case "-" where inClass: return 0x2D
        case "0":
            if let d = peek(), d.isASCII, d.properties.numericType == .decimal {
                throw Failure(offset: start, message: "invalid escape '\\0\(d)' (octal escapes are not allowed)")
            }
            return 0
        case "c":
            guard let letter = peek(), letter.isASCII, letter.properties.isAlphabetic else {
                throw Failure(offset: start, message: "invalid control escape: '\\c' must be followed by a letter")
            }
            index += 1
            return letter.value % 32
        case "x":
            guard let value = hexDigits(2) else {
                throw Failure(offset: start, message: "invalid escape '\\x': expected two hex digits")
            }
            return value
        case "u":
            if peek() == "{" {
                index += 1
                var value: UInt32 = 0
                var count = 0
                while let d = peek(), let digit = d.hexValue {
                    value = value * 16 + digit
                    count += 1
                    index += 1
                    if value > 0x10FFFF {
                        throw Failure(offset: start, message: "code point in \\u{…} beyond U+10FFFF")
                    }
                }
                guard count > 0, peek() == "}" else { throw Failure(offset: start, message: "invalid escape '\\u{…}'") }
                index += 1
                return value
            }
            guard let unit = hexDigits(4) else {
                throw Failure(offset: start, message: "invalid escape '\\u': expected four hex digits")
            }
            if unit >= 0xD800 && unit <= 0xDBFF, peek() == "\\", peek(1) == "u" {
                let save = index
                index += 2
                if let low = hexDigits(4), low >= 0xDC00 && low <= 0xDFFF {
                    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                }
                index = save
            }
            return unit
        default:
            if "^$\\.*+?()[]{}|/".unicodeScalars.contains(c) { return c.value }
            // Annex B: any other character that is not a letter or digit stands for itself.
            if webCompatible, !(c.isASCII && c.properties.isAlphabetic), !(c.isASCII && c.properties.numericType != nil)
            {
                return c.value
            }
            throw Failure(offset: start, message: "invalid escape '\\\(c)'")
        }
    }

    private mutating func hexDigits(_ count: Int) -> UInt32? {
        var value: UInt32 = 0
        for i in 0..<count {
            guard let d = peek(i), let digit = d.hexValue else { return nil }
            value = value * 16 + digit
        }
        index += count
        return value
    }

    // MARK: - Classes

    private mutating func parseClass() throws(Failure) -> CharClass {
        let start = index
        index += 1
        var cls = CharClass()
        if peek() == "^" {
            cls.negated = true
            index += 1
        }
        while true {
            guard let c = peek() else { throw Failure(offset: start, message: "unterminated character class") }
            if c == "]" {
                index += 1
                break
            }
            let atomStart = index
            let low = try parseClassAtom()
            if peek() == "-", let next = peek(1), next != "]" {
                index += 1
                let high = try parseClassAtom()
                guard case .scalar(let a) = low, case .scalar(let b) = high else {
                    throw Failure(offset: atomStart, message: "a class escape cannot be a range bound")
                }
                guard a <= b else { throw Failure(offset: atomStart, message: "invalid range: out of order") }
                cls.ranges.append(a...b)
            } else {
                switch low {
                case .scalar(let a): cls.ranges.append(a...a)
                case .item(let item): cls.items.append(item)
                }
            }
        }
        cls.finalize(ignoreCase: ignoreCase)
        return cls
    }

    private enum ClassAtom {
        case scalar(UInt32)
        case item(CharClass.ClassItem)
    }

    private mutating func parseClassAtom() throws(Failure) -> ClassAtom {
        guard let c = peek() else { throw Failure(offset: index, message: "unterminated character class") }
        if c == "\\" {
            let start = index
            index += 1
            if let item = try parseClassEscape() { return .item(item) }
            return .scalar(try parseCharacterEscape(start: start, inClass: true))
        }
        index += 1
        return .scalar(c.value)
    }
}

extension Unicode.Scalar {
    fileprivate var hexValue: UInt32? {
        switch value {
        case 0x30...0x39: value - 0x30
        case 0x41...0x46: value - 0x41 + 10
        case 0x61...0x66: value - 0x61 + 10
        default: nil
        }
    }
}
