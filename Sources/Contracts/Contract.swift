import JSON
import JSONSchema

/// An OpenAPI document loaded for validation: its operations, and a compiled validator for every
/// documented response body.
public struct Contract: Sendable {
    public let file: String
    public let document: JSONValue
    /// `3.0.1`, `3.1.0`, …
    public let openAPIVersion: String
    /// `openapi-3.0` for 3.0.x documents, `openapi-3.1` for 3.1.x.
    public let dialect: Dialect
    public let title: String
    public let operations: [Operation]
    /// The document as a schema set, so `#/components/schemas/…` resolves.
    public let schemas: SchemaSet
    /// How the schemas are read (`nullable`, `format`, pattern grammar), as chosen.
    public let options: SchemaOptions

    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// Reads and loads the contract at `path`: JSON, or YAML when the name ends in `.yaml` or `.yml`.
    public static func load(path: String, readings: Readings = Readings()) throws(ContractError) -> Contract {
        if isYAMLFile(path) {
            return try Contract(document: yamlDocument(path: path), file: path, readings: readings)
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(contentsOf: path)
        } catch {
            throw ContractError(file: path, location: error.location, message: error.message)
        }
        return try Contract(document: document.value(), file: path, readings: readings)
    }

    /// Loads a contract from its JSON value; `file` names it in messages. `readings` override the
    /// document's `x-conformance-readings` and the defaults (see ``Readings``).
    public init(document: JSONValue, file: String, readings: Readings = Readings()) throws(ContractError) {
        self.file = file
        self.document = document
        guard case .object(let root) = document else {
            throw ContractError(file: file, pointer: .root, message: "an OpenAPI document must be a JSON object")
        }
        guard case .string(let version)? = root["openapi"] else {
            throw ContractError(file: file, pointer: "/openapi", message: "missing \"openapi\" version string (this reads OpenAPI 3.0 and 3.1)")
        }
        openAPIVersion = version
        if version.hasPrefix("3.0") {
            dialect = .openAPI30
        } else if version.hasPrefix("3.1") {
            dialect = .openAPI31
        } else {
            throw ContractError(file: file, pointer: "/openapi", message: "unsupported OpenAPI version \(version) (expected 3.0.x or 3.1.x)")
        }
        title = root["info"]?["title"]?.stringValue ?? file
        options = readings.over(try Readings.declared(in: document, file: file)).options(forOpenAPI: version)
        do {
            schemas = try SchemaSet(
                document: document, dialect: dialect, baseURI: "urn:conformance:contract", file: file, options: options)
        } catch {
            throw ContractError(error, file: file)
        }
        operations = Contract.compileResponses(try Contract.readOperations(root, file: file, schemas: schemas), schemas: schemas, file: file)
    }

    /// The operation with this `operationId`.
    public func operation(id: String) -> Operation? { operations.first { $0.id == id } }

    private static func readOperations(_ root: JSONObject, file: String, schemas: SchemaSet) throws(ContractError) -> [Operation] {
        guard let pathsValue = root["paths"] else { return [] }
        guard case .object(let paths) = pathsValue else {
            throw ContractError(file: file, pointer: "/paths", message: "paths must be an object")
        }
        var operations: [Operation] = []
        for (path, item) in paths {
            let itemPointer = JSONPointer(tokens: ["paths", path])
            guard case .object(let pathItem) = item else {
                throw ContractError(file: file, pointer: itemPointer, message: "a path item must be an object")
            }
            let shared = pathItem["parameters"]?.arrayValue ?? []
            for method in methods {
                guard let value = pathItem[method] else { continue }
                let pointer = itemPointer.appending(method)
                guard case .object(let object) = value else {
                    throw ContractError(file: file, pointer: pointer, message: "an operation must be an object")
                }
                let id = object["operationId"]?.stringValue ?? "\(method.uppercased()) \(path)"
                var parameters: [Parameter] = []
                let own = object["parameters"]?.arrayValue ?? []
                for (offset, parameter) in (shared.map { ($0, itemPointer.appending("parameters")) } + own.map { ($0, pointer.appending("parameters")) }).enumerated() {
                    let (value, base) = parameter
                    let index = offset < shared.count ? offset : offset - shared.count
                    let resolved = Contract.resolveRef(value, root: .object(root)) ?? value
                    guard case .string(let name)? = resolved["name"], case .string(let location)? = resolved["in"] else {
                        throw ContractError(file: file, pointer: base.appending(index), message: "a parameter needs \"name\" and \"in\"")
                    }
                    let schemaPointer: JSONPointer? = resolved["schema"] != nil ? base.appending(index).appending("schema") : nil
                    let isArray = resolved["schema"]?["type"]?.stringValue == "array"
                    let defaultStyle = location == "query" || location == "cookie" ? "form" : "simple"
                    let style = resolved["style"]?.stringValue ?? defaultStyle
                    let explode = resolved["explode"]?.boolValue ?? (style == "form")
                    // A provider that accepts more forms than it documents says so with its source.
                    let alternatives = (resolved["x-accepted-explode"]?.arrayValue ?? []).compactMap(\.boolValue)
                    parameters.removeAll { $0.name == name && $0.location == location }
                    parameters.append(
                        Parameter(name: name, location: location, required: resolved["required"]?.boolValue ?? (location == "path"),
                            schemaPointer: schemaPointer, isRepeatable: isArray && explode && location == "query",
                            isArray: isArray, style: style, explode: explode, acceptedExplode: Set([explode] + alternatives)))
                }
                let responses = try readResponses(object["responses"], at: pointer.appending("responses"), root: .object(root), file: file, schemas: schemas)
                operations.append(Operation(id: id, method: method.uppercased(), path: path, parameters: parameters, responses: responses, pointer: pointer))
            }
        }
        return operations
    }

    private static func readResponses(_ value: JSONValue?, at pointer: JSONPointer, root: JSONValue, file: String, schemas: SchemaSet) throws(ContractError) -> [ResponseSpec] {
        guard let value else { return [] }
        guard case .object(let map) = value else {
            throw ContractError(file: file, pointer: pointer, message: "responses must be an object")
        }
        var responses: [ResponseSpec] = []
        for (key, response) in map {
            var responsePointer = pointer.appending(key)
            var resolved = response
            if case .string(let ref)? = response["$ref"] {
                guard let target = try? JSONPointer(uriFragment: ref), let value = root[target] else {
                    throw ContractError(file: file, pointer: responsePointer.appending("$ref"), message: "cannot resolve $ref \"\(ref)\"")
                }
                resolved = value
                responsePointer = target
            }
            var schemaPointer: JSONPointer? = nil
            var examples: [DocumentedExample] = []
            if case .object(let content)? = resolved["content"] {
                let mediaType = content.keys.first { $0 == "application/json" } ?? content.keys.first { $0.hasSuffix("+json") || $0.hasSuffix("/json") }
                if let mediaType, let media = content[mediaType] {
                    let mediaPointer = responsePointer.appending("content").appending(mediaType)
                    if media["schema"] != nil { schemaPointer = mediaPointer.appending("schema") }
                    if let example = media["example"] {
                        examples.append(DocumentedExample(pointer: mediaPointer.appending("example"), value: example))
                    }
                    for (name, object) in media["examples"]?.objectValue ?? JSONObject([]) {
                        // An Example Object may itself be a $ref into components/examples.
                        let examplePointer = mediaPointer.appending("examples").appending(name)
                        if let value = (resolveRef(object, root: root) ?? object)["value"] {
                            examples.append(DocumentedExample(pointer: examplePointer.appending("value"), value: value))
                        }
                    }
                }
            }
            // Compiled for all responses at once afterwards (`compileResponses`).
            responses.append(
                ResponseSpec(statusKey: key, description: resolved["description"]?.stringValue ?? "", schemaPointer: schemaPointer,
                    documentedExamples: examples, file: file, pointer: responsePointer, compiled: nil))
        }
        return responses
    }

    /// Every response schema compiled in one pass, sharing one program: compiling them one by one
    /// gave each validator its own copy of everything compiled before it, quadratic in the contract.
    private static func compileResponses(_ operations: [Operation], schemas: SchemaSet, file: String) -> [Operation] {
        var pointers: [JSONPointer] = []
        var seen: Set<JSONPointer> = []
        for operation in operations {
            for response in operation.responses {
                if let pointer = response.schemaPointer, seen.insert(pointer).inserted { pointers.append(pointer) }
            }
        }
        let compiled = schemas.validators(at: pointers)
        return operations.map { operation in
            Operation(
                id: operation.id, method: operation.method, path: operation.path, parameters: operation.parameters,
                responses: operation.responses.map { response in
                    let result = response.schemaPointer.flatMap { compiled[$0] }?.mapError { ContractError($0, file: file) }
                    return ResponseSpec(
                        statusKey: response.statusKey, description: response.description, schemaPointer: response.schemaPointer,
                        documentedExamples: response.documentedExamples, file: response.file, pointer: response.pointer, compiled: result)
                }, pointer: operation.pointer)
        }
    }

    /// Follows a local `$ref` (one level) in a non-schema object.
    static func resolveRef(_ value: JSONValue, root: JSONValue) -> JSONValue? {
        guard case .string(let ref)? = value["$ref"], let pointer = try? JSONPointer(uriFragment: ref) else { return nil }
        return root[pointer]
    }
}
