import Foundation
import JSON
import JSONSchema
import Testing

/// `pattern` takes byte-level shortcuts for common shapes; they must agree with a regex engine.
/// The reference is Foundation's (ICU): for these patterns and inputs it reads them as ECMAScript does,
/// and it keeps this test independent of the ECMARegex module's own shortcuts.
@Suite("pattern shortcuts agree with a reference regex engine")
struct PatternTests {
    static let patterns = [
        "^AC", "^AC(.*)$", "^US.*$", "^PN(.*)", "^abc$", "abc", "a.*", "^", "", "^\\+[1-9]\\d{1,14}$",
        "^[A-Z]{2}\\d+$", "[0-9a-f]{8}", "^\\$x", "\\$$", "^a?b*c+$", "^[a-c\\-]{0,3}$", "^\\w+@\\w+\\.com$",
        "^x{2,}$", "^(a|b)$", "^.$", "^[^a]$", "é", "^a\\/b$", "^\\d{3}-\\d{4}$", "^[A-Za-z0-9._%+-]+$",
    ]
    static let inputs = [
        "", "AC", "AC123", "ac123", "XY12", "AC1\n2", "AC1\u{2028}", "US", "USx", "PN", "abc", "xabcx", "a",
        "+15555550123",
        "+05555", "+1", "+1234567890123456", "AB123", "AB", "deadbeef", "$x", "x$", "abbc", "ac", "c", "a-b", "---",
        "abcd",
        "joe@site.com", "joe@site.org", "xx", "x", "xxxx", "b", "é", "aé", "\u{1F600}", "a/b", "555-1234", "555-12345",
        "John.Doe_1%", "a b",
    ]

    @Test("same answer on every input", arguments: patterns)
    func agree(_ pattern: String) throws {
        // ICU's `$` also matches before a final line terminator; ECMAScript's only at the end (`\z`).
        let reference = pattern.isEmpty ? "(?:)" : pattern.hasSuffix("$") ? pattern.dropLast() + "\\z" : pattern
        let regex = try NSRegularExpression(pattern: reference)
        let validator = try SchemaSet(document: ["pattern": .string(pattern)], dialect: .draft2020_12).validator()
        var disagreements: [String] = []
        for input in Self.inputs {
            let expected = regex.firstMatch(in: input, range: NSRange(input.startIndex..., in: input)) != nil
            if validator.validate(.string(input)).isEmpty != expected { disagreements.append(input.debugDescription) }
        }
        #expect(
            disagreements.isEmpty,
            "pattern \(pattern) disagrees with the reference on \(disagreements.joined(separator: ", "))")
    }

    @Test("patternProperties keys use the same matcher")
    func patternProperties() throws {
        let validator = try compile(
            #"{"patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}"#)
        #expect(try validator.accepts(#"{"x-a": "1"}"#))
        #expect(try !validator.accepts(#"{"x-a": 1}"#))
        #expect(try !validator.accepts(#"{"y": "1"}"#))
        #expect(try !validator.accepts(#"{"\u0078-a": 1}"#))
    }
}
