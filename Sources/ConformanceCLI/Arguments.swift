import JSON

/// A command-line option a command accepts.
public struct OptionSpec: Sendable, Hashable {
    /// The long name without dashes (`contract` for `--contract`).
    public var name: String
    /// A one-letter alias (`o` for `-o`).
    public var short: Character?
    /// The value's placeholder in help (`FILE`); nil for a flag.
    public var valueName: String?
    public var help: String
    /// May be given more than once.
    public var repeatable: Bool
    /// The only values accepted, when limited.
    public var allowed: [String]?
    /// Must be given (unless `--help` is).
    public var required: Bool

    public init(
        _ name: String, short: Character? = nil, value: String? = nil, help: String, repeatable: Bool = false,
        allowed: [String]? = nil,
        required: Bool = false
    ) {
        self.name = name
        self.short = short
        self.valueName = value
        self.help = help
        self.repeatable = repeatable
        self.allowed = allowed
        self.required = required
    }

    var isFlag: Bool { valueName == nil }
}

/// What a command accepts; parsing and help text both come from it.
public struct CommandSpec: Sendable {
    public var name: String
    public var summary: String
    /// Usage lines after `conformance NAME`.
    public var usage: [String]
    public var options: [OptionSpec]
    /// The positional arguments' placeholder in help (`FILE...`), nil when none are accepted.
    public var positionals: String?
    public var discussion: String?

    public init(
        name: String, summary: String, usage: [String], options: [OptionSpec], positionals: String?,
        discussion: String? = nil
    ) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options + [OptionSpec("help", short: "h", help: "Show this help.")]
        self.positionals = positionals
        self.discussion = discussion
    }

    /// The `--help` text.
    public var help: String {
        var lines = ["OVERVIEW: \(summary)", "", "USAGE:"]
        lines += usage.map { "  conformance \(name) \($0)" }
        lines += ["", "OPTIONS:"]
        for option in options {
            var left = "--\(option.name)"
            if let short = option.short { left = "-\(short), " + left }
            if let value = option.valueName { left += " \(value)" }
            var help = option.help
            if let allowed = option.allowed { help += " (\(allowed.joined(separator: "|")))" }
            if option.repeatable { help += " Repeatable." }
            if option.required { help += " Required." }
            lines.append("  " + left.padding(toLength: max(left.count, 26)) + " " + help)
        }
        if let discussion { lines += ["", discussion] }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The result of parsing: option values by long name, flags, and positionals in order.
public struct ParsedArguments: Sendable, Equatable {
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var positionals: [String] = []

    /// The last value of an option.
    public func value(_ name: String) -> String? { values[name]?.last }
    public func all(_ name: String) -> [String] { values[name] ?? [] }
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// A command line that does not fit its command: one line, naming the command.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    public var command: String
    public var message: String
    public init(command: String, message: String) {
        self.command = command
        self.message = message
    }
    /// `conformance validate: unknown option '--formt' (did you mean '--format'?)`.
    public var description: String { "conformance\(command.isEmpty ? "" : " " + command): \(message)" }
}

extension CommandSpec {
    /// Parses `arguments` (the words after the command name). Pure: no I/O.
    public func parse(_ arguments: [String]) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        func fail(_ message: String) -> UsageError { UsageError(command: name, message: message) }
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                result.positionals.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            var name: String
            var inline: String? = nil
            if word.hasPrefix("--") {
                name = String(word.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    inline = String(name[name.index(after: equals)...])
                    name = String(name[..<equals])
                }
            } else {
                // `-o FILE`, or `-oFILE` for an option that takes a value.
                let letter = word[word.index(after: word.startIndex)]
                guard let option = options.first(where: { $0.short == letter }), word.count == 2 || !option.isFlag
                else {
                    throw fail("unknown option '\(word.excerpt())'")
                }
                name = option.name
                if word.count > 2 { inline = String(word.dropFirst(2)) }
            }
            guard let option = options.first(where: { $0.name == name }) else {
                // A name past any option's length has no near miss (and a 5 MB one costs no edit distance).
                let suggestion =
                    name.utf8.count > 64
                    ? nil : options.map(\.name).min { editDistance($0, name) < editDistance($1, name) }
                let hint = suggestion.flatMap { editDistance($0, name) <= 2 ? " (did you mean '--\($0)'?)" : nil } ?? ""
                throw fail("unknown option '--\(name.excerpt())'\(hint)")
            }
            if option.isFlag {
                if inline != nil { throw fail("option '--\(name)' takes no value") }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard index < arguments.count else {
                    throw fail("option '--\(name)' needs a value (\(option.valueName ?? "VALUE"))")
                }
                value = arguments[index]
                index += 1
            }
            if let allowed = option.allowed, !allowed.contains(value) {
                throw fail(
                    "invalid value '\(value.excerpt())' for '--\(name)' (expected \(allowed.joined(separator: ", ")))")
            }
            if !option.repeatable, result.values[name] != nil {
                throw fail("option '--\(name)' given more than once")
            }
            result.values[name, default: []].append(value)
        }
        if positionals == nil, let first = result.positionals.first {
            throw fail("unexpected argument '\(first.excerpt())'")
        }
        if !result.flags.contains("help"),
            let missing = options.first(where: { $0.required && result.values[$0.name] == nil })
        {
            throw fail("missing required option '--\(missing.name)\(missing.valueName.map { " " + $0 } ?? "")'")
        }
        return result
    }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let x = Array(a)
    let y = Array(b)
    guard !x.isEmpty else { return y.count }
    guard !y.isEmpty else { return x.count }
    var previous = Array(0...y.count)
    for i in 1...x.count {
        var current = [i] + Array(repeating: 0, count: y.count)
        for j in 1...y.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[y.count]
}

extension String {
    func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
