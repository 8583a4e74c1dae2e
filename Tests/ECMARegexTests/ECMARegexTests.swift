import Testing

@testable import ECMARegex

/// (pattern, subject, expected search result).
let matchTable: [(String, String, Bool)] = [
    ("^AC", "AC123", true), ("^AC", "XAC", false), ("^AC", "A", false),
    ("^PN", "PN8c7b", true), ("^US", "us1", false),
    (#"^\+[1-9]\d{1,14}$"#, "+15555550123", true), (#"^\+[1-9]\d{1,14}$"#, "15555550123", false),
    (#"^\+[1-9]\d{1,14}$"#, "+05555550123", false), (#"^\+[1-9]\d{1,14}$"#, "+1234567890123456", false),
    (#"^\+[1-9]\d{1,14}$"#, "+1", false), (#"^\+[1-9]\d{1,14}$"#, "+12", true),
    ("^m-[A-Za-z0-9]{25}$", "m-abcdefghijklmnopqrstuvwxy", true), ("^m-[A-Za-z0-9]{25}$", "m-abc", false),
    ("abc", "xxabcxx", true), ("abc", "ab", false), ("", "anything", true),
    ("a|b", "b", true), ("^(a|bc)$", "bc", true), ("^(a|bc)$", "abc", false),
    ("^a*$", "", true), ("^a*$", "aaa", true), ("^a+$", "", false), ("^a?b$", "b", true),
    ("^a{2}$", "aa", true), ("^a{2}$", "aaa", false), ("^a{2,}$", "aaaa", true), ("^a{2,3}$", "aaaa", false),
    ("^a*?b$", "aab", true), ("^(?:ab)+$", "ababab", true), ("^(?:ab)+$", "ababa", false),
    ("^[a-c]+$", "abcabc", true), ("^[a-c]+$", "abd", false), ("^[^a-c]+$", "xyz", true), ("^[^a-c]+$", "xaz", false),
    (#"^\d+$"#, "0123", true), (#"^\d+$"#, "١٢", false), (#"^\D$"#, "x", true),
    (#"^\w+$"#, "abc_123", true), (#"^\w$"#, "é", false), (#"^\W$"#, "é", true),
    (#"^\s$"#, "\u{A0}", true), (#"^\s$"#, "\u{FEFF}", true), (#"^\s$"#, "\u{2003}", true), (#"^\S$"#, " ", false),
    (".", "\n", false), ("^.$", "😀", true), ("^..$", "😀", false), ("^.$", "é", true),
    (#"\bfoo\b"#, "a foo b", true), (#"\bfoo\b"#, "afoob", false), (#"\Boo"#, "foo", true),
    (#"^\u00e9$"#, "é", true), (#"^\u{1F600}$"#, "😀", true), (#"^\ud83d\ude00$"#, "😀", true), (#"^\x41$"#, "A", true),
    (#"^\cJ$"#, "\n", true), (#"^\t\n\v\f\r$"#, "\t\n\u{0B}\u{0C}\r", true), (#"^\0$"#, "\u{0}", true),
    (#"^\$\^\.\*\+\?\(\)\[\]\{\}\|\/\\$"#, #"$^.*+?()[]{}|/\"#, true),
    ("^(a)\\1$", "aa", true), ("^(a)\\1$", "ab", false), ("^(?<x>b)\\k<x>$", "bb", true),
    ("^(?=a)a", "a", true), ("^(?=a)b", "b", false), ("^(?!a)\\w", "b", true), ("^(?!a)\\w", "a", false),
    ("(?<=a)b", "ab", true), ("(?<=a)b", "cb", false), ("(?<!a)b", "cb", true), ("(?<!a)b", "ab", false),
    (#"^\p{L}+$"#, "héllo", true), (#"^\p{Lu}$"#, "A", true), (#"^\p{Lu}$"#, "a", false), (#"^\P{L}$"#, "1", true),
    (#"^\p{Letter}$"#, "ж", true), (#"^\p{Nd}$"#, "٣", true),
    ("^[\\d-]+$", "1-2", true), ("^[\\w.]+$", "a.b", true), ("^[-a]$", "-", true), ("^[a-]$", "-", true),
    ("^[\\]]$", "]", true), ("^[\\b]$", "\u{08}", true), ("^[😀-😂]$", "😁", true),
    ("(a+)+$", "aaaa", true), ("^(a*)*$", "aaa", true), ("^(a*)+b$", "aab", true), ("^(|a)*$", "aa", true),
    ("^[^]$", "x", true), ("^[]$", "x", false),
    ("colou?r", "my color", true), ("^.*$", "line", true), ("^.*$", "two\nlines", false),
]

let errorTable: [(String, Int, String)] = [
    ("(", 0, "unterminated group"),
    ("a)", 1, "unmatched ')'"),
    ("*a", 0, "nothing to repeat"),
    ("a**", 2, "nothing to repeat"),
    ("[z-a]", 1, "invalid range: out of order"),
    ("[a", 0, "unterminated character class"),
    ("a{2,1}", 0, "numbers out of order in {2,1} quantifier"),
    ("\\", 0, "pattern ends with a lone '\\'"),
    ("\\a", 0, "invalid escape '\\a'"),
    ("\\1", 0, "backreference \\1 to a group that does not exist"),
    ("{", 0, "lone '{' (escape it as \\{)"),
    ("a]", 1, "lone ']' (escape it as \\])"),
    ("(?=a)*", 0, "a lookaround assertion cannot be repeated"),
    ("\\p{Script=Greek}", 0, "unsupported or unknown Unicode property 'Script=Greek'"),
    ("(?<n>a)(?<n>b)", 7, "duplicate group name 'n'"),
    ("\\k<nope>", 0, "backreference to unknown group name 'nope'"),
    ("\\k", 0, "invalid named backreference: expected '\\k<name>'"),
]

@Suite struct ECMARegexTests {
    @Test("search", arguments: matchTable.indices)
    func search(index: Int) throws {
        let (pattern, subject, expected) = matchTable[index]
        let regex = try ECMARegex(pattern)
        #expect(regex.matches(subject) == expected, "/\(pattern)/ on \(subject.debugDescription)")
    }

    @Test("syntax errors name the offset", arguments: errorTable.indices)
    func syntaxErrors(index: Int) {
        let (pattern, offset, message) = errorTable[index]
        let error = #expect(throws: ECMARegexError.self) { try ECMARegex(pattern) }
        #expect(error?.offset == offset)
        #expect(error?.message == message)
        #expect(error?.description == "invalid pattern \"\(pattern)\" at offset \(offset): \(message)")
    }

    @Test func options() throws {
        #expect(try ECMARegex("^abc$", options: [.unicode, .ignoreCase]).matches("AbC"))
        #expect(try ECMARegex("^b$", options: [.unicode, .multiline]).matches("a\nb\nc"))
        #expect(try ECMARegex("^a.b$", options: [.unicode, .dotAll]).matches("a\nb"))
        #expect(try ECMARegex("^[a-z]+$", options: [.unicode, .ignoreCase]).matches("ABC"))
    }

    @Test func catastrophicPatternsStayBounded() throws {
        let regex = try ECMARegex("^(a+)+$", stepLimit: 100_000)
        let subject = String(repeating: "a", count: 40) + "b"
        #expect(regex.search(subject) == .budgetExceeded)
        #expect(
            try ECMARegex("^(a|a)*$", stepLimit: 10_000).search(String(repeating: "a", count: 64) + "!")
                == .budgetExceeded)
    }

    @Test func longSubjectsDoNotOverflowTheStack() throws {
        let subject = String(repeating: "ab", count: 500_000)
        #expect(try ECMARegex("^(?:ab)*$", stepLimit: 100_000_000).matches(subject))
        #expect(try ECMARegex("^.*c", stepLimit: 100_000_000).search(subject) == .noMatch)
    }

    @Test func invalidUTF8SubjectDoesNotCrash() throws {
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x62]
        let regex = try ECMARegex("^a.{2}b$")
        #expect(bytes.withUnsafeBufferPointer { regex.search($0) } == .match)
    }

    @Test func repetitionExpansionIsBounded() {
        let error = #expect(throws: ECMARegexError.self) { try ECMARegex("(?:a{1000}){1000}") }
        #expect(error?.message == "pattern too large once its repetitions are expanded")
    }
}

@Suite struct ShortcutAgreementTests {
    @Test("fast paths agree with the general machine", arguments: matchTable.indices)
    func agree(index: Int) throws {
        let (pattern, subject, _) = matchTable[index]
        let fast = try ECMARegex(pattern)
        let general = try ECMARegex(pattern, options: [.unicode], stepLimit: 1_000_000, shortcuts: false)
        #expect(fast.search(subject) == general.search(subject), "/\(pattern)/ on \(subject.debugDescription)")
        for variant in ["", "+", "+1", "x" + subject, subject + "x", String(subject.reversed())] {
            #expect(fast.search(variant) == general.search(variant), "/\(pattern)/ on \(variant.debugDescription)")
        }
    }
}
