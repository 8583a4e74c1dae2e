import ECMARegex
import JSON
import JSONSchema

extension Contract {
    /// What the document's version and the chosen readings make of its keywords: a missing `info`,
    /// a 3.0 keyword in a 3.1 document and the reverse, a `nullable` that does nothing under the
    /// reading in force, a `pattern` only the web-compatible grammar reads.
    func readingFindings() -> [LintFinding] {
        var findings: [LintFinding] = []
        func add(_ pointer: JSONPointer, _ message: String, _ severity: LintFinding.Severity) {
            findings.append(LintFinding(file: file, pointer: pointer, message: message, severity: severity))
        }
        if document["info"]?.objectValue == nil {
            add(.root, "missing \"info\" (an OpenAPI document needs info with title and version)", .error)
        } else {
            for key in ["title", "version"] where document["info"]?[key]?.stringValue == nil {
                add(JSONPointer(tokens: ["info"]), "info has no \"\(key)\" string", .error)
            }
        }
        walk(document, at: .root) { schema, pointer in
            if case .array = schema["type"], dialect == .openAPI30 {
                add(
                    pointer.appending("type"),
                    "type is a list: that is OpenAPI 3.1 (JSON Schema); in a \(openAPIVersion) document it is one type name (use nullable for null)",
                    .error)
            }
            if schema["nullable"] != nil, dialect == .openAPI31 {
                add(
                    pointer.appending("nullable"),
                    "nullable is not an OpenAPI 3.1 keyword and does nothing here (use type: [T, \"null\"])", .warning)
            }
            if schema["nullable"] == .bool(true), dialect == .openAPI30, options.nullable == .typeOnly,
                schema["$ref"] == nil, schema["type"] == nil
            {
                add(
                    pointer.appending("nullable"),
                    "nullable has no effect without a type under the 3.0.3 reading (null is refused); read it as 3.0.0-3.0.2 do with --nullable allows-null or x-conformance-readings, or add a type",
                    .warning)
            }
            if case .string(let source)? = schema["pattern"], (try? ECMARegex(source)) == nil,
                (try? ECMARegex(source, options: [.unicode, .webCompatible])) != nil
            {
                add(
                    pointer.appending("pattern"),
                    options.regexGrammar == .unicode
                        ? "pattern is not ECMA-262 with u, only the web-compatible grammar reads it (--regex automatic or web)"
                        : "pattern needs the web-compatible grammar (not ECMA-262 with u); it is read that way",
                    .warning)
            }
        }
        return findings
    }

    /// Every object that can be a schema, with its place: values under `schema`, the members of
    /// `components/schemas`, and the subschemas of those. Examples, defaults, enums and `x-`
    /// extensions are data, not schemas, and are not entered.
    private func walk(_ value: JSONValue, at pointer: JSONPointer, _ visit: (JSONObject, JSONPointer) -> Void) {
        var stack: [(JSONValue, JSONPointer, Bool)] = [(value, pointer, false)]
        var visited = 0
        while let (value, pointer, isSchema) = stack.popLast(), visited < 1_000_000 {
            visited += 1
            switch value {
            case .object(let object):
                if isSchema { visit(object, pointer) }
                for member in object {
                    let key = member.key
                    if key.hasPrefix("x-") || ["example", "examples", "default", "enum", "const"].contains(key) {
                        continue
                    }
                    let child = pointer.appending(key)
                    let schemaMap = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]
                    if key == "schema" || key == "items" || key == "not" || key == "additionalProperties"
                        || key == "contains" || key == "propertyNames" || key == "if" || key == "then" || key == "else"
                        || key == "unevaluatedProperties" || key == "unevaluatedItems"
                    {
                        stack.append((member.value, child, true))
                    } else if ["allOf", "anyOf", "oneOf", "prefixItems"].contains(key),
                        case .array(let items) = member.value
                    {
                        for (index, item) in items.enumerated() { stack.append((item, child.appending(index), true)) }
                    } else if schemaMap.contains(key) && isSchema
                        || (key == "schemas" && pointer == JSONPointer(tokens: ["components"]))
                    {
                        for entry in member.value.objectValue ?? JSONObject([]) {
                            stack.append((entry.value, child.appending(entry.key), true))
                        }
                    } else if !isSchema {
                        stack.append((member.value, child, false))
                    }
                }
            case .array(let items) where !isSchema:
                for (index, item) in items.enumerated() { stack.append((item, pointer.appending(index), false)) }
            default:
                break
            }
        }
    }
}
