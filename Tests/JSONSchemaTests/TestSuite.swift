import Foundation
import JSON
import JSONSchema

/// The official JSON-Schema-Test-Suite, found beside the package or through an environment variable.
enum TestSuite {
    static let environmentVariable = "CONFORMANCE_JSON_SCHEMA_SUITE"

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
        // ../shared beside the package; a workspace copy one level deeper finds the same folder.
        var folder = packageRoot
        for _ in 0..<3 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("shared/jsonschema-test-suite"))
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("tests").path) }
    }()

    /// Every remote document, keyed by the URI the suite serves it at.
    static let remotes: [String: JSONValue] = {
        guard let root else { return [:] }
        let folder = root.appendingPathComponent("remotes")
        var result: [String: JSONValue] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".json"),
                let document = try? JSONDocument.parse(contentsOf: folder.appendingPathComponent(relative).path)
            else { continue }
            result["http://localhost:1234/" + relative] = document.value()
        }
        return result
    }()

    /// Relative paths (`draft4/type.json`) of the suite files of a draft, required or optional.
    static func files(_ draft: String, optional: Bool) -> [String] {
        guard let root else { return [] }
        let folder = root.appendingPathComponent("tests/\(draft)")
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".json") && relative.hasPrefix("optional/") == optional {
                files.append("\(draft)/\(relative)")
            }
        }
        return files.sorted()
    }

    struct Outcome {
        var passed = 0
        var failed: [String] = []
    }

    /// The schemas of one suite file.
    static func schemas(_ file: String) throws -> [JSONValue] {
        guard let root else { return [] }
        let groups = try JSONDocument.parse(contentsOf: root.appendingPathComponent("tests/\(file)").path).value()
        return (groups.arrayValue ?? []).compactMap { $0["schema"] }
    }

    static func dialect(for file: String) -> Dialect { file.hasPrefix("draft4") ? .draft4 : .draft2020_12 }

    /// Runs one suite file; a case passes when `isValid` and `validate` both agree with the suite.
    static func run(_ file: String, assertFormats: Bool) throws -> Outcome {
        guard let root else { return Outcome() }
        let groups = try JSONDocument.parse(contentsOf: root.appendingPathComponent("tests/\(file)").path).value()
        var outcome = Outcome()
        for group in groups.arrayValue ?? [] {
            let description = group["description"]?.stringValue ?? "?"
            let validator: Validator
            do {
                let set = try SchemaSet(
                    document: group["schema"] ?? .null, dialect: dialect(for: file),
                    options: SchemaOptions(assertFormats: assertFormats), resources: remotes)
                validator = try set.validator()
            } catch {
                for test in group["tests"]?.arrayValue ?? [] {
                    outcome.failed.append(
                        "\(description) / \(test["description"]?.stringValue ?? "?"): schema error \(error)")
                }
                continue
            }
            for test in group["tests"]?.arrayValue ?? [] {
                let expected = test["valid"]?.boolValue ?? false
                let document = try JSONDocument.parse(
                    JSONWriter.write(test["data"] ?? .null), options: JSONParseOptions(duplicateKeys: .allow))
                let fast = validator.isValid(document)
                let violations = validator.validate(document)
                if fast == expected && violations.isEmpty == expected {
                    outcome.passed += 1
                } else {
                    let name = "\(description) / \(test["description"]?.stringValue ?? "?")"
                    outcome.failed.append(
                        "\(name): expected \(expected ? "valid" : "invalid"), isValid=\(fast), violations=\(violations.count)"
                    )
                }
            }
        }
        return outcome
    }
}
