import ECMARegex

/// A compiled `pattern` / `patternProperties` regex, with a byte-level shortcut for the shapes
/// contracts use most (`^AC`, `^US(.*)$`, `^\+[1-9]\d{1,14}$`): those need no backtracking machine.
final class Pattern: Sendable {
    /// The shortcut forms; everything else goes to the regex engine.
    enum Shortcut: Sendable {
        /// `^lit`, `^lit.*`, `^lit(.*)`
        case prefix([UInt8])
        /// `^lit.*$`, `^lit(.*)$`: the prefix, then no line terminator up to the end.
        case prefixThenLine([UInt8])
        /// `^lit$`
        case exact([UInt8])
        /// `lit` without anchors.
        case contains([UInt8])
        /// ASCII atoms with quantifiers.
        case automaton(PatternAutomaton)
    }

    let regex: ECMARegex
    let shortcut: Shortcut?

    var pattern: String { regex.pattern }
    var stepLimit: Int { regex.stepLimit }

    init(_ source: String, stepLimit: Int, grammar: RegexGrammar = .unicode) throws(ECMARegexError) {
        if grammar == .webCompatible {
            regex = try ECMARegex(source, options: [.unicode, .webCompatible], stepLimit: stepLimit)
            shortcut = nil
            return
        }
        do {
            regex = try ECMARegex(source, stepLimit: stepLimit)
        } catch {
            // The shortcuts read `u` syntax, so a pattern only the web grammar reads goes to the machine.
            guard grammar == .automatic,
                let web = try? ECMARegex(source, options: [.unicode, .webCompatible], stepLimit: stepLimit)
            else { throw error }
            regex = web
            shortcut = nil
            return
        }
        shortcut = Pattern.shortcut(for: source) ?? PatternAutomaton(source).map { .automaton($0) }
    }

    /// `RegExp.prototype.test` semantics on UTF-8 bytes.
    func search(_ utf8: UnsafeBufferPointer<UInt8>) -> ECMARegex.Outcome {
        guard let shortcut else { return regex.search(utf8) }
        let matched: Bool
        switch shortcut {
        case .prefix(let literal):
            matched = Pattern.hasPrefix(utf8, literal)
        case .prefixThenLine(let literal):
            matched = Pattern.hasPrefix(utf8, literal) && !Pattern.hasLineTerminator(utf8, from: literal.count)
        case .exact(let literal):
            matched = utf8.count == literal.count && Pattern.hasPrefix(utf8, literal)
        case .contains(let literal):
            matched = Pattern.contains(utf8, literal)
        case .automaton(let automaton):
            matched = automaton.matches(utf8)
        }
        return matched ? .match : .noMatch
    }

    static func hasPrefix(_ utf8: UnsafeBufferPointer<UInt8>, _ literal: [UInt8]) -> Bool {
        guard utf8.count >= literal.count else { return false }
        for k in literal.indices where utf8[k] != literal[k] { return false }
        return true
    }

    /// `.` in ECMAScript matches anything but `\n`, `\r`, U+2028 and U+2029.
    static func hasLineTerminator(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var k = start
        while k < utf8.count {
            let byte = utf8[k]
            if byte == 0x0A || byte == 0x0D { return true }
            if byte == 0xE2 && k + 2 < utf8.count && utf8[k + 1] == 0x80 && (utf8[k + 2] == 0xA8 || utf8[k + 2] == 0xA9)
            {
                return true
            }
            k += 1
        }
        return false
    }

    static func contains(_ utf8: UnsafeBufferPointer<UInt8>, _ literal: [UInt8]) -> Bool {
        guard literal.count <= utf8.count else { return false }
        if literal.isEmpty { return true }
        var start = 0
        while start + literal.count <= utf8.count {
            var k = 0
            while k < literal.count && utf8[start + k] == literal[k] { k += 1 }
            if k == literal.count { return true }
            start += 1
        }
        return false
    }

    /// The shortcut for `source`, when it is a literal with the anchors and tails above.
    static func shortcut(for source: String) -> Shortcut? {
        var scalars = Array(source.unicodeScalars)
        let anchored = scalars.first == "^"
        if anchored { scalars.removeFirst() }
        var tail: [Unicode.Scalar] = []
        for candidate in ["(.*)$", ".*$", "(.*)", ".*", "$"] {
            let suffix = Array(candidate.unicodeScalars)
            if scalars.count >= suffix.count && Array(scalars.suffix(suffix.count)) == suffix {
                // `\$` is a literal dollar, not an anchor.
                let before = scalars.count - suffix.count
                if before > 0 && scalars[before - 1] == "\\" { return nil }
                tail = suffix
                scalars.removeLast(suffix.count)
                break
            }
        }
        var literal: [UInt8] = []
        var escaped = false
        for scalar in scalars {
            if escaped {
                guard "^$\\.*+?()[]{}|/-".unicodeScalars.contains(scalar) else { return nil }
                literal.append(contentsOf: String(scalar).utf8)
                escaped = false
            } else if scalar == "\\" {
                escaped = true
            } else if "^$.*+?()[]{}|".unicodeScalars.contains(scalar) {
                return nil
            } else {
                literal.append(contentsOf: String(scalar).utf8)
            }
        }
        if escaped { return nil }
        let tailText = String(String.UnicodeScalarView(tail))
        switch (anchored, tailText) {
        case (true, ""), (true, ".*"), (true, "(.*)"): return .prefix(literal)
        case (true, ".*$"), (true, "(.*)$"): return .prefixThenLine(literal)
        case (true, "$"): return .exact(literal)
        case (false, ""), (false, ".*"), (false, "(.*)"): return .contains(literal)
        default: return nil
        }
    }
}
