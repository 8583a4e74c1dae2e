import JSON

extension Contract {
    /// Every field path a response body's schema documents (through `$ref`, `allOf`/`anyOf`/`oneOf`,
    /// `properties` and `items`; `*` stands for array elements), and the paths of objects whose
    /// members are listed (where an extra member is undocumented).
    public func documentedFields(of response: ResponseSpec) -> (fields: Set<[String]>, objects: Set<[String]>) {
        var fields: Set<[String]> = [[]]
        var objects: Set<[String]> = []
        guard let pointer = response.schemaPointer else { return (fields, objects) }
        var visiting: Set<JSONPointer> = []
        collectFields(at: pointer, path: [], fields: &fields, objects: &objects, visiting: &visiting)
        return (fields, objects)
    }

    private func collectFields(
        at pointer: JSONPointer, path: [String], fields: inout Set<[String]>, objects: inout Set<[String]>, visiting: inout Set<JSONPointer>
    ) {
        guard path.count < 64, let schema = document[pointer], !visiting.contains(pointer) else { return }
        visiting.insert(pointer)
        defer { visiting.remove(pointer) }
        if case .string(let ref)? = schema["$ref"], let target = try? JSONPointer(uriFragment: ref) {
            collectFields(at: target, path: path, fields: &fields, objects: &objects, visiting: &visiting)
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            for index in (schema[keyword]?.arrayValue ?? []).indices {
                collectFields(at: pointer.appending(keyword).appending(index), path: path, fields: &fields, objects: &objects, visiting: &visiting)
            }
        }
        if case .object(let properties)? = schema["properties"] {
            objects.insert(path)
            for name in properties.keys {
                fields.insert(path + [name])
                collectFields(at: pointer.appending("properties").appending(name), path: path + [name], fields: &fields, objects: &objects, visiting: &visiting)
            }
        }
        if schema["items"]?.objectValue != nil {
            fields.insert(path + ["*"])
            collectFields(at: pointer.appending("items"), path: path + ["*"], fields: &fields, objects: &objects, visiting: &visiting)
        }
    }
}
