import JSON

/// A place in one of the compiler's documents.
struct Location: Hashable {
    var document: Int
    var pointer: JSONPointer
}

/// The documents a schema set can reach, and the identifiers (`$id`, `$anchor`, `$dynamicAnchor`,
/// draft 4 `id`) found in them by a keyword-aware walk (never inside `enum`, `const` or examples).
struct SchemaIndex {
    struct Document {
        var uri: String
        var value: JSONValue
    }

    let dialect: Dialect
    var documents: [Document] = []
    /// Remote documents offered by the caller, indexed when first referenced.
    var available: [String: JSONValue]
    var resourceRoots: [String: Location] = [:]
    var anchors: [String: Location] = [:]
    var dynamicAnchors: [String: [String: Location]] = [:]
    var baseAt: [Location: String] = [:]

    init(dialect: Dialect, available: [String: JSONValue]) {
        self.dialect = dialect
        var normalized: [String: JSONValue] = [:]
        for (uri, value) in available { normalized[URIReference(uri).withoutFragment] = value }
        self.available = normalized
    }

    /// Adds a document; its root is a schema unless it is an OpenAPI document.
    mutating func add(_ value: JSONValue, uri: String) -> Int {
        let index = documents.count
        let base = URIReference(uri).withoutFragment
        documents.append(Document(uri: base, value: value))
        resourceRoots[base] = resourceRoots[base] ?? Location(document: index, pointer: .root)
        if case .object(let root) = value, root["openapi"] != nil {
            walkOpenAPI(value, document: index, pointer: .root, base: base)
        } else {
            walkSchema(value, document: index, pointer: .root, base: base)
        }
        return index
    }

    /// Loads an offered remote document for `uri` if there is one.
    mutating func loadRemote(_ uri: String) -> Bool {
        if let value = available.removeValue(forKey: uri) {
            _ = add(value, uri: uri)
            return true
        }
        guard let text = MetaSchemas.documents[uri], let document = try? JSONDocument.parse(text) else { return false }
        _ = add(document.value(), uri: uri)
        return true
    }

    func value(at location: Location) -> JSONValue? {
        documents[location.document].value[location.pointer]
    }

    /// The base URI in effect at a schema location (the nearest walked ancestor's).
    func base(at location: Location) -> String {
        var pointer = location.pointer
        while true {
            if let base = baseAt[Location(document: location.document, pointer: pointer)] { return base }
            if pointer.isRoot { return documents[location.document].uri }
            pointer = pointer.parent
        }
    }

    /// `#/…` for the root document, `uri#/…` for others.
    func describe(_ location: Location) -> String {
        location.document == 0
            ? location.pointer.uriFragment : documents[location.document].uri + location.pointer.uriFragment
    }

    private mutating func walkOpenAPI(_ value: JSONValue, document: Int, pointer: JSONPointer, base: String) {
        guard case .object(let object) = value else {
            if case .array(let elements) = value {
                for (i, element) in elements.enumerated() {
                    walkOpenAPI(element, document: document, pointer: pointer.appending(i), base: base)
                }
            }
            return
        }
        for (key, member) in object {
            let child = pointer.appending(key)
            if key == "example" || key == "examples" || key.hasPrefix("x-") { continue }
            if key == "schema" || (pointer.tokens == ["components", "schemas"]) {
                walkSchema(member, document: document, pointer: child, base: base)
            } else {
                walkOpenAPI(member, document: document, pointer: child, base: base)
            }
        }
    }

    private mutating func walkSchema(_ value: JSONValue, document: Int, pointer: JSONPointer, base: String) {
        guard case .object(let object) = value else { return }
        var base = base
        let location = Location(document: document, pointer: pointer)
        if dialect.isDraft4Family {
            if object["$ref"] != nil {
                baseAt[location] = base
                return
            }
            if case .string(let id)? = object["id"] {
                if id.hasPrefix("#") {
                    anchors[base + id] = location
                } else {
                    let resolved = URIReference(URIReference.resolve(id, against: base))
                    base = resolved.withoutFragment
                    resourceRoots[base] = location
                    if let fragment = resolved.fragment, !fragment.isEmpty { anchors[base + "#" + fragment] = location }
                }
            }
        } else {
            if case .string(let id)? = object["$id"] {
                base = URIReference(URIReference.resolve(id, against: base)).withoutFragment
                resourceRoots[base] = location
            }
            if case .string(let anchor)? = object["$anchor"] { anchors[base + "#" + anchor] = location }
            if case .string(let anchor)? = object["$dynamicAnchor"] {
                anchors[base + "#" + anchor] = anchors[base + "#" + anchor] ?? location
                dynamicAnchors[base, default: [:]][anchor] = location
            }
        }
        baseAt[location] = base
        for (key, member) in object {
            let child = pointer.appending(key)
            switch key {
            case "additionalProperties", "additionalItems", "not", "propertyNames", "contains", "if", "then", "else",
                "unevaluatedProperties", "unevaluatedItems", "items":
                if case .array(let elements) = member {
                    for (i, element) in elements.enumerated() {
                        walkSchema(element, document: document, pointer: child.appending(i), base: base)
                    }
                } else {
                    walkSchema(member, document: document, pointer: child, base: base)
                }
            case "allOf", "anyOf", "oneOf", "prefixItems":
                if case .array(let elements) = member {
                    for (i, element) in elements.enumerated() {
                        walkSchema(element, document: document, pointer: child.appending(i), base: base)
                    }
                }
            case "properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies":
                if case .object(let map) = member {
                    for (name, schema) in map {
                        walkSchema(schema, document: document, pointer: child.appending(name), base: base)
                    }
                }
            default:
                break
            }
        }
    }
}
