import JSON
import JSONSchema

extension Contract {
    /// Checks the contract itself: references resolve, schemas and patterns compile, operations have
    /// ids and responses, responses have schemas, path parameters are declared, examples validate.
    public func lint() -> [LintFinding] {
        var findings = referenceProblems() + readingFindings()
        func add(_ pointer: JSONPointer, _ message: String, _ severity: LintFinding.Severity = .error) {
            findings.append(LintFinding(file: file, pointer: pointer, message: message, severity: severity))
        }
        var seen: [String: JSONPointer] = [:]
        for operation in operations {
            if document[operation.pointer]?["operationId"]?.stringValue == nil {
                add(operation.pointer, "operation \(operation.method) \(operation.path) has no operationId")
            } else if let first = seen[operation.id] {
                add(
                    operation.pointer.appending("operationId"),
                    "operationId \"\(operation.id)\" is also used at \(first.uriFragment)")
            }
            seen[operation.id] = seen[operation.id] ?? operation.pointer
            if operation.responses.isEmpty {
                add(operation.pointer, "operation \(operation.id) documents no responses")
            }
            for name in Contract.templateNames(operation.path)
            where !operation.parameters.contains(where: { $0.name == name && $0.location == "path" }) {
                add(operation.pointer, "path parameter {\(name)} of \(operation.path) is not declared")
            }
            for response in operation.responses {
                let responsePointer = operation.pointer.appending("responses").appending(response.statusKey)
                guard response.schemaPointer != nil else {
                    // No body (201 with a Location, 204) and non-JSON bodies (a PDF, an image) are
                    // fine; a JSON media type that says nothing about its body is worth a look.
                    let content = document[response.pointer]?["content"]?.objectValue
                    if let json = content?.keys.first(where: { $0 == "application/json" || $0.hasSuffix("+json") }) {
                        add(
                            responsePointer.appending("content").appending(json),
                            "response \(response.statusKey) of \(operation.id) declares \(json) without a schema: its bodies cannot be checked",
                            .warning)
                    }
                    continue
                }
                let validator: Validator
                do {
                    validator = try response.validator()
                } catch {
                    add(error.pointer ?? responsePointer, error.message)
                    continue
                }
                for example in response.documentedExamples {
                    for violation in validator.validate(example.value) {
                        add(example.pointer, "example does not satisfy the schema: \(violation)")
                    }
                }
            }
        }
        // A dangling $ref is found by the reference walk and again by the schema compiler, a $ref cycle
        // from every schema that leads into it: say each once.
        var seenPlaces: Set<JSONPointer> = []
        var seenFindings: Set<String> = []
        return findings.filter { finding in
            let first = seenPlaces.insert(finding.pointer).inserted
            guard seenFindings.insert(finding.pointer.uriFragment + " " + finding.message).inserted else {
                return false
            }
            return first || !finding.message.hasPrefix("cannot resolve $ref")
        }
    }

    /// What makes the contract's schemas unusable: a `$ref` that does not resolve or leaves the
    /// document, a component schema that does not compile (a `$ref` cycle, a bad pattern). The first
    /// part of ``lint()``; `diff` refuses a contract with any of them, as `validate` and `lint` do.
    public func referenceProblems() -> [LintFinding] {
        var findings: [LintFinding] = []
        func add(_ pointer: JSONPointer, _ message: String) {
            findings.append(LintFinding(file: file, pointer: pointer, message: message))
        }
        // Every local $ref resolves (examples are data, not references).
        walk(document, .root) { value, pointer in
            guard case .string(let ref)? = value["$ref"] else { return }
            if !ref.hasPrefix("#") {
                add(
                    pointer.appending("$ref"),
                    "$ref \"\(ref.excerpt())\" points outside this document; contracts must be self-contained")
            } else if let target = try? JSONPointer(uriFragment: ref) {
                if document[target] == nil {
                    add(pointer.appending("$ref"), "$ref \"\(ref.excerpt())\" does not resolve")
                }
            } else {
                add(pointer.appending("$ref"), "$ref \"\(ref.excerpt())\" is not a valid JSON Pointer fragment")
            }
        }
        // Every component schema compiles (patterns included).
        // All in one pass: compiling them one by one copied the growing program each time, quadratic
        // in the number of schemas.
        let componentPointers = (document["components"]?["schemas"]?.objectValue?.keys ?? []).map {
            JSONPointer(tokens: ["components", "schemas", $0])
        }
        let compiled = schemas.validators(at: componentPointers)
        for pointer in componentPointers {
            if case .failure(let error)? = compiled[pointer] { add(error.pointer, error.message) }
        }
        return findings
    }

    /// `{name}` segments of a path template.
    public static func templateNames(_ path: String) -> [String] {
        var names: [String] = []
        var current: String? = nil
        for ch in path {
            if ch == "{" {
                current = ""
            } else if ch == "}", let name = current {
                names.append(name)
                current = nil
            } else if current != nil {
                current?.append(ch)
            }
        }
        return names
    }

    private func walk(_ value: JSONValue, _ pointer: JSONPointer, _ visit: (JSONValue, JSONPointer) -> Void) {
        switch value {
        case .object(let object):
            visit(value, pointer)
            for (key, member) in object
            where key != "example" && key != "examples" && key != "enum" && key != "const" && key != "default" {
                walk(member, pointer.appending(key), visit)
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() { walk(element, pointer.appending(index), visit) }
        default:
            break
        }
    }
}
