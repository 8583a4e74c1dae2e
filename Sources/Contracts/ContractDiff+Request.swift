import JSON

/// A parameter as the diff needs it: read from the document with `$ref`s followed, so its pointers
/// are real places (``Parameter/schemaPointer`` goes through a `$ref`'d parameter object).
struct RequestParameter {
    var name: String
    /// `path`, `query`, `header` or `cookie`.
    var location: String
    var required: Bool
    /// The parameter object (after its `$ref`).
    var pointer: JSONPointer
    var schema: JSONPointer?
    /// How parameters are matched: location and name, headers case-insensitively, path parameters by
    /// their position in the template (their names are invisible to clients).
    var key: String

    /// `query parameter status`.
    var displayName: String { "\(location) parameter \(name)" }
}

/// The request body an operation documents: JSON when it offers JSON, else a form
/// (`application/x-www-form-urlencoded`, then `multipart/form-data`), whose fields a schema
/// describes the same way.
struct RequestBody {
    var pointer: JSONPointer
    var required: Bool
    var schema: JSONPointer?
    /// The media type `schema` is for.
    var mediaType: String?

    /// `application/json`, `+json` types, then the two form encodings: the first one offered is compared.
    static func preferredMediaType(_ types: [String]) -> String? {
        types.first { $0 == "application/json" }
            ?? types.first { $0.hasSuffix("+json") || $0.hasSuffix("/json") }
            ?? types.first { $0 == "application/x-www-form-urlencoded" }
            ?? types.first { $0 == "multipart/form-data" }
    }

    /// `json`, `form` or `multipart`: a client sending one cannot send another unchanged.
    var encoding: String? {
        guard let mediaType else { return nil }
        if mediaType == "application/x-www-form-urlencoded" { return "form" }
        return mediaType == "multipart/form-data" ? "multipart" : "json"
    }
}

extension SchemaResolver {
    /// Follows a chain of `$ref`s to a non-schema object (parameter, request body), to where it ends.
    func resolveObject(at start: JSONPointer) -> JSONPointer? {
        var pointer = start
        for _ in 0..<SchemaResolver.maxDepth {
            guard let value = value(at: pointer) else { return nil }
            guard case .string(let ref)? = value["$ref"] else { return pointer }
            guard let target = try? JSONPointer(uriFragment: ref) else { return nil }
            pointer = target
        }
        return nil
    }

    /// Path-item parameters, overridden by the operation's own (same name and location).
    func parameters(of operation: Operation) -> [RequestParameter] {
        let templateNames = Contract.templateNames(operation.path)
        var result: [RequestParameter] = []
        for base in [operation.pointer.parent, operation.pointer] {
            let list = base.appending("parameters")
            for index in (value(at: list)?.arrayValue ?? []).indices {
                guard let pointer = resolveObject(at: list.appending(index)), let object = value(at: pointer),
                    case .string(let name)? = object["name"], case .string(let location)? = object["in"]
                else { continue }
                let key: String
                switch location {
                case "header": key = "header:" + name.lowercased()
                case "path": key = "path:" + (templateNames.firstIndex(of: name).map { "#\($0)" } ?? name)
                default: key = location + ":" + name
                }
                let parameter = RequestParameter(
                    name: name, location: location, required: object["required"]?.boolValue ?? (location == "path"),
                    pointer: pointer, schema: object["schema"] != nil ? pointer.appending("schema") : nil, key: key)
                result.removeAll { $0.key == key }
                result.append(parameter)
            }
        }
        return result
    }

    func requestBody(of operation: Operation) -> RequestBody? {
        guard value(at: operation.pointer.appending("requestBody")) != nil,
            let pointer = resolveObject(at: operation.pointer.appending("requestBody")), let body = value(at: pointer)
        else { return nil }
        var schema: JSONPointer? = nil
        var chosen: String? = nil
        if case .object(let content)? = body["content"],
            let mediaType = RequestBody.preferredMediaType(content.keys.filter { content[$0]?["schema"] != nil })
        {
            schema = pointer.appending("content").appending(mediaType).appending("schema")
            chosen = mediaType
        }
        return RequestBody(
            pointer: pointer, required: body["required"]?.boolValue ?? false, schema: schema, mediaType: chosen)
    }
}

extension OperationComparison {
    /// Parameters and the request body: what a client built against the old contract sends.
    mutating func compareRequest(graph: inout SchemaGraph) {
        let before = resolvers.old.parameters(of: old)
        let after = resolvers.new.parameters(of: new)
        for parameter in before {
            guard let match = after.first(where: { $0.key == parameter.key }) else {
                add(
                    .parameterRemoved, breaking: true, parameter.pointer, nil,
                    "\(parameter.displayName): parameter removed (was \(parameter.required ? "required" : "optional"))",
                    side: .request, field: parameter.displayName)
                continue
            }
            if !parameter.required && match.required {
                add(
                    .parameterNewlyRequired, breaking: true, parameter.pointer, match.pointer,
                    "\(match.displayName): parameter newly required", side: .request, field: match.displayName)
            } else if parameter.required && !match.required {
                add(
                    .parameterNoLongerRequired, breaking: false, parameter.pointer, match.pointer,
                    "\(match.displayName): parameter no longer required", side: .request, field: match.displayName)
            }
            if let a = parameter.schema, let b = match.schema {
                compareSchemas(
                    a, b, side: .request, status: nil,
                    naming: FieldNaming(rootName: match.displayName, prefixesPaths: true), graph: &graph)
            }
        }
        for parameter in after where !before.contains(where: { $0.key == parameter.key }) {
            add(
                parameter.required ? .parameterNewlyRequired : .parameterAdded, breaking: parameter.required, nil,
                parameter.pointer,
                "\(parameter.displayName): \(parameter.required ? "required parameter added" : "optional parameter added")",
                side: .request, field: parameter.displayName)
        }
        compareRequestBodies(graph: &graph)
    }

    private mutating func compareRequestBodies(graph: inout SchemaGraph) {
        let before = resolvers.old.requestBody(of: old)
        let after = resolvers.new.requestBody(of: new)
        switch (before, after) {
        case (let a?, let b?):
            if !a.required && b.required {
                add(
                    .requestBodyNewlyRequired, breaking: true, a.pointer, b.pointer, "request body: newly required",
                    side: .request, field: "request body")
            }
            if let oldSchema = a.schema, let newSchema = b.schema {
                if a.encoding != b.encoding, let was = a.mediaType, let now = b.mediaType {
                    add(
                        .requestBodyMediaTypeChanged, breaking: true, oldSchema.parent, newSchema.parent,
                        "request body: media type changed (was \(was), now \(now))", side: .request,
                        field: "request body")
                }
                compareSchemas(
                    oldSchema, newSchema, side: .request, status: nil, naming: FieldNaming(rootName: "request body"),
                    graph: &graph)
            } else if let schema = a.schema {
                let kind = a.encoding == "json" ? "JSON" : a.mediaType ?? "JSON"
                add(
                    .requestBodyRemoved, breaking: true, schema, b.pointer, "request body: \(kind) body removed",
                    side: .request, field: "request body")
            }
        case (let a?, nil):
            add(
                .requestBodyRemoved, breaking: true, a.pointer, nil, "request body: removed", side: .request,
                field: "request body")
        case (nil, let b?):
            add(
                .requestBodyAdded, breaking: b.required, nil, b.pointer,
                "request body: added (\(b.required ? "required" : "optional"))", side: .request, field: "request body")
        case (nil, nil):
            break
        }
    }
}
