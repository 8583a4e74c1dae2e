import Contracts
import JSON

/// An `enum` keyword reached from a response body's schema: the field it constrains and where the
/// keyword is in the contract. Operations that `$ref` the same schema share the site's location.
struct CoverageEnumSite: Sendable, Hashable {
    /// Member names from the body's root; `*` stands for every element of an array.
    let path: [String]
    /// The `enum` keyword's place in the contract document.
    let location: JSONPointer
    /// The documented values, in document order.
    let values: [JSONValue]

    /// `data.status`, `results[].reason` (`(root)` for the body itself).
    var field: String {
        var text = ""
        for token in path {
            if token == "*" {
                text += "[]"
            } else {
                text += (text.isEmpty ? "" : ".") + token
            }
        }
        return text.isEmpty ? "(root)" : text
    }

    /// Every enum site of a response body's schema, found through `$ref`, `allOf`/`anyOf`/`oneOf`,
    /// `properties` and `items`, in document order. Cycles and depth are bounded (a recursive schema
    /// is walked once per path, at most 64 members deep).
    static func sites(of response: ResponseSpec, in contract: Contract) -> [CoverageEnumSite] {
        guard let pointer = response.schemaPointer else { return [] }
        var found: [CoverageEnumSite] = []
        var visiting: Set<JSONPointer> = []
        collect(at: pointer, path: [], document: contract.document, into: &found, visiting: &visiting)
        var unique: [CoverageEnumSite] = []
        for site in found where !unique.contains(where: { $0.path == site.path && $0.location == site.location }) {
            unique.append(site)
        }
        return unique
    }

    private static func collect(
        at pointer: JSONPointer, path: [String], document: JSONValue, into found: inout [CoverageEnumSite],
        visiting: inout Set<JSONPointer>
    ) {
        guard path.count < 64, let schema = document[pointer], !visiting.contains(pointer) else { return }
        visiting.insert(pointer)
        defer { visiting.remove(pointer) }
        if case .array(let values)? = schema["enum"], !values.isEmpty {
            found.append(CoverageEnumSite(path: path, location: pointer.appending("enum"), values: values))
        }
        if case .string(let ref)? = schema["$ref"], ref.hasPrefix("#"), let target = try? JSONPointer(uriFragment: ref)
        {
            collect(at: target, path: path, document: document, into: &found, visiting: &visiting)
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for index in (schema[keyword]?.arrayValue ?? []).indices {
                collect(
                    at: pointer.appending(keyword).appending(index), path: path, document: document, into: &found,
                    visiting: &visiting)
            }
        }
        if case .object(let properties)? = schema["properties"] {
            for name in properties.keys {
                collect(
                    at: pointer.appending("properties").appending(name), path: path + [name], document: document,
                    into: &found,
                    visiting: &visiting)
            }
        }
        if schema["items"]?.objectValue != nil {
            collect(
                at: pointer.appending("items"), path: path + ["*"], document: document, into: &found,
                visiting: &visiting)
        }
    }

    /// The documented values this site holds in `body` (every array element where the path says `*`).
    func documentedValues(in body: JSONValue) -> [JSONValue] {
        var seen: [JSONValue] = []
        CoverageEnumSite.values(at: path[...], in: body, into: &seen)
        return values.filter { documented in seen.contains { $0.isEqualValue(documented) } }
    }

    /// Depth is bounded by the path (at most 64 tokens), not by the body.
    private static func values(at path: ArraySlice<String>, in value: JSONValue, into seen: inout [JSONValue]) {
        guard let token = path.first else {
            seen.append(value)
            return
        }
        if token == "*" {
            for element in value.arrayValue ?? [] { values(at: path.dropFirst(), in: element, into: &seen) }
        } else if let member = value.objectValue?[token] {
            values(at: path.dropFirst(), in: member, into: &seen)
        }
    }
}
