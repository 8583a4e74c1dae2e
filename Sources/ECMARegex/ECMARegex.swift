#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An ECMA-262 regular expression, as JSON Schema's `pattern` uses it: compiled once, matched with
/// search semantics (like `RegExp.prototype.test`) over UTF-8, code point by code point, within a
/// step budget so that no pattern or subject can hang a caller.
public struct ECMARegex: Sendable {
    /// Flags, as in a JavaScript regular expression literal.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// The `u` flag: strict syntax, matching by code point (what JSON Schema asks for).
        public static let unicode = Options(rawValue: 1)
        /// The web-compatible grammar of patterns without `u` (ECMA-262 Annex B): `\_` and `` \` ``
        /// are the characters themselves, a `{` that is no quantifier is literal. Matching is the same.
        public static let webCompatible = Options(rawValue: 16)
        /// The `i` flag (simple case folding).
        public static let ignoreCase = Options(rawValue: 2)
        /// The `m` flag: `^` and `$` also match at line terminators.
        public static let multiline = Options(rawValue: 4)
        /// The `s` flag: `.` also matches line terminators.
        public static let dotAll = Options(rawValue: 8)
    }

    /// What a search found.
    public enum Outcome: Sendable, Hashable {
        case match
        case noMatch
        /// The search took more steps than the budget allowed; the answer is unknown.
        case budgetExceeded
    }

    /// The source pattern.
    public let pattern: String
    public let options: Options
    /// Steps one search may take before it gives up with ``Outcome/budgetExceeded``.
    public let stepLimit: Int
    private let program: RegexProgram
    private let shortcut: Shortcut

    /// Literal patterns need no machine.
    private enum Shortcut: Sendable {
        case none
        case prefix([UInt8])  // ^literal
        case exact([UInt8])  // ^literal$
        case contains([UInt8])  // literal
        case simple(SimplePattern)  // single-character atoms with quantifiers
    }

    /// Compiles `pattern`; invalid syntax throws with the offset (in Unicode scalars) and a reason.
    public init(_ pattern: String, options: Options = [.unicode], stepLimit: Int = 1_000_000) throws(ECMARegexError) {
        try self.init(pattern, options: options, stepLimit: stepLimit, shortcuts: true)
    }

    /// `shortcuts: false` always runs the general machine (tests compare the two paths).
    package init(_ pattern: String, options: Options, stepLimit: Int, shortcuts: Bool) throws(ECMARegexError) {
        self.pattern = pattern
        self.options = options
        self.stepLimit = stepLimit
        var parser = RegexParser(
            pattern, ignoreCase: options.contains(.ignoreCase), webCompatible: options.contains(.webCompatible))
        let node: RegexNode
        do {
            node = try parser.parse()
        } catch {
            throw ECMARegexError(pattern: pattern, offset: error.offset, message: error.message)
        }
        do {
            program = try RegexProgram.compile(node, captureCount: parser.captureCount, names: parser.names)
        } catch {
            throw ECMARegexError(
                pattern: pattern, offset: 0, message: "pattern too large once its repetitions are expanded")
        }
        if shortcuts && options.isDisjoint(with: [.ignoreCase, .multiline]) {
            let literal = ECMARegex.shortcut(for: node)
            if case .none = literal, let simple = SimplePattern(node) {
                shortcut = .simple(simple)
            } else {
                shortcut = literal
            }
        } else {
            shortcut = .none
        }
    }

    private static func shortcut(for node: RegexNode) -> Shortcut {
        var parts: [RegexNode]
        if case .sequence(let nodes) = node { parts = nodes } else { parts = [node] }
        var anchoredStart = false
        var anchoredEnd = false
        if case .lineStart = parts.first {
            anchoredStart = true
            parts.removeFirst()
        }
        if case .lineEnd = parts.last {
            anchoredEnd = true
            parts.removeLast()
        }
        var literal: [UInt8] = []
        for part in parts {
            guard case .scalar(let value) = part, let scalar = Unicode.Scalar(value) else { return .none }
            literal.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        switch (anchoredStart, anchoredEnd) {
        case (true, true): return .exact(literal)
        case (true, false): return .prefix(literal)
        case (false, false): return .contains(literal)
        default: return .none
        }
    }

    /// Searches UTF-8 text for a match anywhere in it.
    public func search(_ utf8: UnsafeBufferPointer<UInt8>) -> Outcome {
        switch shortcut {
        case .prefix(let literal):
            return utf8.count >= literal.count && utf8.prefix(literal.count).elementsEqual(literal) ? .match : .noMatch
        case .exact(let literal):
            return utf8.elementsEqual(literal) ? .match : .noMatch
        case .contains(let literal):
            if literal.isEmpty { return .match }
            guard utf8.count >= literal.count else { return .noMatch }
            for start in 0...(utf8.count - literal.count) where utf8[start] == literal[0] {
                if utf8[start..<start + literal.count].elementsEqual(literal) { return .match }
            }
            return .noMatch
        case .simple(let simple):
            return simple.search(utf8, dotAll: options.contains(.dotAll), budget: stepLimit)
        case .none:
            break
        }
        var machine = RegexMachine(program: program, input: utf8, options: options, budget: stepLimit)
        let anchored = !options.contains(.multiline) && program.startsAnchored
        var start = 0
        do {
            while true {
                if try machine.run(0, from: start) != nil { return .match }
                if anchored || start >= utf8.count { return .noMatch }
                start += machine.decode(start).1
            }
        } catch {
            return .budgetExceeded
        }
    }

    /// Searches a string.
    public func search(_ string: String) -> Outcome {
        var copy = string
        return copy.withUTF8 { search($0) }
    }

    /// True when the search finds a match (a budget overrun counts as no match).
    public func matches(_ string: String) -> Bool { search(string) == .match }
}

extension RegexProgram {
    /// True when every match must start at position 0 (the main program begins with `^`).
    var startsAnchored: Bool {
        guard programs[0].count > 1, case .lineStart = programs[0][1] else { return false }
        return true
    }
}

/// A pattern that is not valid ECMA-262 syntax (or uses what this engine does not support).
public struct ECMARegexError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    /// Offset in Unicode scalars from the start of the pattern.
    public var offset: Int
    public var message: String

    public init(pattern: String, offset: Int, message: String) {
        self.pattern = pattern
        self.offset = offset
        self.message = message
    }

    /// `invalid pattern "…" at offset N: reason`.
    public var description: String { "invalid pattern \"\(pattern)\" at offset \(offset): \(message)" }
}
