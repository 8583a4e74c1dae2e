import Foundation
import JSON
import JSONSchema

/// Checks what a client sends against its operation: method and path template, path parameters
/// (their schemas, and that they arrive percent-encoded), query parameters (names, required,
/// types, enums, and the `style`/`explode` forms the contract accepts), the `Content-Type` of a
/// body, the credential's form as the security scheme documents it, and the body against the
/// `requestBody` schema (JSON and form bodies). Compiled once per operation; the one meaning of a
/// request that the harness and `conformance serve` both check by.
///
/// Credentials are looked at, never kept: a violation shows only a credential's shape
/// (`Bearer <redacted>`), never its value.
public struct RequestChecker: Sendable {
    public let operation: Operation
    let file: String
    let parameters: [Checked]
    let security: [[SecurityScheme]]
    let securityPointer: JSONPointer
    let body: BodySpec?
    /// The string enum of each array parameter's items, by the items' pointer.
    let itemEnums: [JSONPointer: [String]]

    struct Checked: Sendable {
        let parameter: Parameter
        let pointer: JSONPointer
        /// Validates one value (an array's items for an array parameter).
        let validator: Validator?
        /// The JSON type a text value is read as (`integer`, `number`, `boolean`, `string`).
        let valueType: String
    }

    struct BodySpec: Sendable {
        let pointer: JSONPointer
        let mediaTypes: [String]
        let required: Bool
        let json: Validator?
        let form: Validator?
        let formTypes: [String: String]
    }

    /// The checker for `operation` of `contract`; parameter and body schemas are compiled here.
    public init(contract: Contract, operation: Operation) {
        self.operation = operation
        file = contract.file
        let document = contract.document
        var checked: [Checked] = []
        for (index, parameter) in operation.parameters.enumerated() {
            var schemaPointer = parameter.schemaPointer
            var schema = schemaPointer.flatMap { document[$0] }
            if parameter.isArray, let items = schemaPointer?.appending("items"), document[items] != nil {
                schemaPointer = items
                schema = document[items]
            }
            let resolved = schema.flatMap { Self.resolve($0, in: document) } ?? schema
            checked.append(
                Checked(
                    parameter: parameter,
                    pointer: parameter.schemaPointer?.parent
                        ?? operation.pointer.appending("parameters").appending(index),
                    validator: schemaPointer.flatMap { try? contract.schemas.validator(at: $0) },
                    valueType: Self.type(of: resolved)))
        }
        parameters = checked
        var enums: [JSONPointer: [String]] = [:]
        for parameter in operation.parameters where parameter.isArray {
            guard let items = parameter.schemaPointer?.appending("items"), let schema = document[items] else {
                continue
            }
            let resolved = Self.resolve(schema, in: document) ?? schema
            enums[items] = (resolved["enum"]?.arrayValue ?? []).compactMap(\.stringValue)
        }
        itemEnums = enums
        let operationObject = document[operation.pointer]
        if let own = operationObject?["security"] {
            securityPointer = operation.pointer.appending("security")
            security = Self.requirements(own, document: document)
        } else {
            securityPointer = JSONPointer(tokens: ["security"])
            security = Self.requirements(document["security"] ?? .array([]), document: document)
        }
        body = Self.bodySpec(contract: contract, operation: operation)
    }

    /// Every way the request departs from the operation, in the order a reader checks them.
    /// `headers` as sent (name, value); `body` as sent.
    public func violations(method: String, url: URL, headers: [(name: String, value: String)], body: [UInt8])
        -> [RequestViolation]
    {
        var found: [RequestViolation] = []
        if method.uppercased() != operation.method {
            found.append(violation("method", expected: operation.method, actual: method, at: operation.pointer))
        }
        checkPath(url, into: &found)
        checkQuery(url, into: &found)
        checkHeaders(headers, into: &found)
        checkSecurity(url: url, headers: headers, into: &found)
        checkBody(body, headers: headers, into: &found)
        return found
    }

    /// The JSON request body's schema and its validator, when the operation documents one.
    public var jsonBody: (pointer: JSONPointer, validator: Validator)? {
        guard let body, let validator = body.json,
            let type = body.mediaTypes.first(where: {
                $0 == "application/json" || $0.hasSuffix("+json")
            })
        else { return nil }
        return (body.pointer.appending("content").appending(type).appending("schema"), validator)
    }

    /// The enumerated values of an array query parameter's items (empty when not enumerated).
    public func enumValues(ofQuery name: String) -> [String] {
        guard let spec = parameters.first(where: { $0.parameter.location == "query" && $0.parameter.name == name }),
            let items = spec.parameter.schemaPointer?.appending("items")
        else { return [] }
        return itemEnums[items] ?? []
    }

    /// Whether `value` (decoded) is one the path parameter's schema allows.
    public func accepts(pathValue value: String, for name: String) -> Bool {
        guard let spec = parameters.first(where: { $0.parameter.location == "path" && $0.parameter.name == name })
        else {
            return false
        }
        var found: [RequestViolation] = []
        check(value, spec, part: "", into: &found)
        return found.isEmpty
    }

    func violation(_ part: String, expected: String, actual: String, at pointer: JSONPointer) -> RequestViolation {
        RequestViolation(part: part, expected: expected, actual: actual, file: file, pointer: pointer)
    }

    static func resolve(_ schema: JSONValue, in document: JSONValue) -> JSONValue? {
        guard case .string(let ref)? = schema["$ref"], let pointer = try? JSONPointer(uriFragment: ref) else {
            return nil
        }
        return document[pointer]
    }

    /// The JSON type a parameter's text is read as.
    static func type(of schema: JSONValue?) -> String {
        switch schema?["type"] {
        case .string(let type)?: return type
        case .array(let types)?: return types.compactMap(\.stringValue).first { $0 != "null" } ?? "string"
        default: return "string"
        }
    }

    /// `text` read as the JSON value a schema of `type` expects; nil when it cannot be.
    static func value(_ text: String, as type: String) -> JSONValue? {
        switch type {
        case "integer":
            guard let number = Int64(text) else { return nil }
            return .number(JSONNumber(number))
        case "number":
            guard Double(text) != nil, let parsed = try? JSONDocument.parse(text).value(), case .number = parsed else {
                return nil
            }
            return parsed
        case "boolean":
            return text == "true" ? .bool(true) : text == "false" ? .bool(false) : nil
        default:
            return .string(text)
        }
    }
}

/// One way a request departs from its contract.
public struct RequestViolation: Sendable, Hashable, CustomStringConvertible {
    /// `path parameter "id"`, `query parameter "status"`, `header "Authorization"`, `body at /to`, `method`.
    public var part: String
    /// What the contract says.
    public var expected: String
    /// What was sent (credentials shown by shape only).
    public var actual: String
    /// The contract file and the place in it that says so.
    public var file: String
    public var pointer: JSONPointer

    /// `query parameter "status": expected …; sent … (contracts/courier.openapi.json#/paths/…)`, one line.
    public var description: String {
        "\(part): expected \(expected); sent \(actual) (\(file)#\(pointer))"
    }
}
