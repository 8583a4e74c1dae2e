import Foundation
import JSON
import Testing
import YAML

/// One test of the official YAML test suite (a folder holding `in.yaml`).
struct YAMLSuiteCase: Sendable, CustomTestStringConvertible {
    /// `229Q`, or `2G84/02` for a numbered sub-test.
    var id: String
    var title: String
    var folder: URL

    var testDescription: String { "\(id) \(title)" }

    var input: [UInt8] { (try? [UInt8](Data(contentsOf: folder.appendingPathComponent("in.yaml")))) ?? [] }

    /// What `in.json` holds: one value per document of the stream.
    func expected() throws -> [JSONValue] {
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("in.json")))
        return try YAMLSuite.splitJSONStream(bytes).map { try JSONDocument.parse(Array($0)).value() }
    }
}

/// The official YAML test suite (github.com/yaml/yaml-test-suite, branch `data`), found beside the
/// package or through an environment variable.
enum YAMLSuite {
    static let environmentVariable = "CONFORMANCE_YAML_SUITE"

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The suite's folder, or nil when this clone has none.
    static let root: URL? = {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment[environmentVariable] {
            candidates.append(URL(fileURLWithPath: path))
        }
        var folder = packageRoot
        for _ in 0..<3 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared/yaml-test-suite"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("229Q").path) }
    }()

    /// Every test, sorted by id.
    static let all: [YAMLSuiteCase] = {
        guard let root else { return [] }
        let manager = FileManager.default
        var cases: [YAMLSuiteCase] = []
        func add(_ folder: URL, _ id: String) {
            let title = (try? String(contentsOf: folder.appendingPathComponent("==="), encoding: .utf8)) ?? ""
            cases.append(
                YAMLSuiteCase(id: id, title: title.trimmingCharacters(in: .whitespacesAndNewlines), folder: folder)
            )
        }
        for name in ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let folder = root.appendingPathComponent(name)
            if manager.fileExists(atPath: folder.appendingPathComponent("in.yaml").path) {
                add(folder, name)
            } else {
                for sub in ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                    let subFolder = folder.appendingPathComponent(sub)
                    if manager.fileExists(atPath: subFolder.appendingPathComponent("in.yaml").path) {
                        add(subFolder, "\(name)/\(sub)")
                    }
                }
            }
        }
        return cases
    }()

    static func has(_ testCase: YAMLSuiteCase, _ file: String) -> Bool {
        FileManager.default.fileExists(atPath: testCase.folder.appendingPathComponent(file).path)
    }

    /// Cases that must be refused. A few also hold an `in.json` (the part before the error); the
    /// `error` marker wins.
    static let errorCases = all.filter { has($0, "error") }
    /// Cases whose values must equal `in.json`.
    static let valueCases = all.filter { !has($0, "error") && has($0, "in.json") }
    /// Cases with neither (values JSON cannot hold, such as keys that are collections).
    static let otherCases = all.filter { !has($0, "error") && !has($0, "in.json") }

    /// Splits several JSON texts written one after another into one slice each.
    static func splitJSONStream(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
        var values: [ArraySlice<UInt8>] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count && isSpace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            if bytes[i] == UInt8(ascii: "{") || bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "\"") {
                var depth = 0
                var inString = false
                repeat {
                    let c = bytes[i]
                    if inString {
                        if c == UInt8(ascii: "\\") {
                            i += 1
                        } else if c == UInt8(ascii: "\"") {
                            inString = false
                        }
                    } else if c == UInt8(ascii: "\"") {
                        inString = true
                    } else if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
                        depth += 1
                    } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                        depth -= 1
                    }
                    i += 1
                } while i < bytes.count && (depth > 0 || inString)
            } else {
                while i < bytes.count && !isSpace(bytes[i]) { i += 1 }
            }
            values.append(bytes[start..<i])
        }
        return values
    }

    /// Whether the reader's values for `testCase` equal `in.json` (numbers by value); the difference
    /// otherwise.
    static func compare(_ testCase: YAMLSuiteCase) -> String? {
        let expected: [JSONValue]
        do {
            expected = try testCase.expected()
        } catch {
            return "in.json unreadable: \(error)"
        }
        do {
            let actual = try YAMLReader.parse(testCase.input, file: "\(testCase.id)/in.yaml")
            if actual.count == expected.count && zip(actual, expected).allSatisfy({ $0.isEqualValue($1) }) {
                return nil
            }
            return "expected \(expected.map { JSONWriter.string($0) }), read \(actual.map { JSONWriter.string($0) })"
        } catch {
            return "refused: \(error)"
        }
    }

    /// Whether the reader refuses `testCase` (nil), or the values it read instead.
    static func refusal(_ testCase: YAMLSuiteCase) -> String? {
        do {
            let values = try YAMLReader.parse(testCase.input, file: "\(testCase.id)/in.yaml")
            return "accepted, read \(values.map { JSONWriter.string($0) })"
        } catch {
            return nil
        }
    }
}
