import JSON
import YAML

extension MutationPolicy {
    /// Reads a policy file (JSON, or YAML when the name ends in `.yaml` or `.yml`):
    /// ```json
    /// {"rules": [{"kind": "break-pattern", "field": "data.phoneNumberId", "expect": "tolerate"},
    ///            {"kind": "unknown-field", "expect": "skip"}]}
    /// ```
    /// Rules apply on top of the defaults, later ones winning. Errors name the file and the JSON Pointer.
    public static func load(path: String) throws(PolicyError) -> MutationPolicy {
        let value: JSONValue
        do {
            value =
                try YAMLReader.isYAMLPath(path)
                ? YAMLReader.parseSingle(contentsOf: path) : JSONDocument.parse(contentsOf: path).value()
        } catch let error as YAMLError {
            throw PolicyError(description: error.description)
        } catch {
            throw PolicyError(description: "\(error)")
        }
        func fail(_ pointer: JSONPointer, _ message: String) -> PolicyError {
            PolicyError(description: "\(path): \(pointer.isRoot ? "/" : pointer.description): \(message)")
        }
        guard case .object(let root) = value else { throw fail(.root, "expected an object with \"rules\"") }
        for key in root.keys where key != "rules" {
            throw fail(JSONPointer(tokens: [key]), "unknown member (expected only \"rules\")")
        }
        guard case .array(let list)? = root["rules"] else { throw fail("/rules", "expected an array of rules") }
        var policy = MutationPolicy()
        for (index, item) in list.enumerated() {
            let base = JSONPointer(tokens: ["rules", String(index)])
            guard case .object(let rule) = item else { throw fail(base, "expected an object") }
            for key in rule.keys where !["kind", "field", "expect"].contains(key) {
                throw fail(base.appending(key), "unknown member (expected kind, field, expect)")
            }
            guard case .string(let kindName)? = rule["kind"] else {
                throw fail(base.appending("kind"), "expected a mutation kind name")
            }
            guard let kind = Mutation.Kind.named(kindName) else {
                throw fail(
                    base.appending("kind"),
                    "unknown mutation kind \"\(kindName)\" (known: \(Mutation.Kind.all.map(\.name).joined(separator: ", ")))"
                )
            }
            guard case .string(let expectName)? = rule["expect"], let expectation = Expectation(rawValue: expectName)
            else {
                throw fail(base.appending("expect"), "expected \"reject\", \"tolerate\" or \"skip\"")
            }
            var field: String? = nil
            if let value = rule["field"] {
                guard case .string(let text) = value else {
                    throw fail(base.appending("field"), "expected a field path such as \"data.userId\"")
                }
                field = text
            }
            policy.set(expectation, for: kind, field: field)
        }
        return policy
    }
}

/// A policy file that could not be read, with its file and place.
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
