import JSON

/// Compares one pair of schemas: what differs at that level, and the pairs below it (properties,
/// items, matching `anyOf`/`oneOf` branches) for ``SchemaGraph`` to compare in turn.
struct SchemaComparison {
    let old: SchemaResolver
    let new: SchemaResolver
    /// Responses (what the client decodes) and requests (what it sends) break the opposite ways.
    let isResponse: Bool
    var findings: [SchemaGraph.Finding] = []
    /// The pairs below this one, with the field tokens that lead to them.
    var pairs: [(old: [JSONPointer], new: [JSONPointer], suffix: [String])] = []
    private(set) var oldPointers: [JSONPointer] = []
    private(set) var newPointers: [JSONPointer] = []

    init(old: SchemaResolver, new: SchemaResolver, isResponse: Bool) {
        self.old = old
        self.new = new
        self.isResponse = isResponse
    }

    mutating func compare(old oldPointers: [JSONPointer], new newPointers: [JSONPointer]) {
        self.oldPointers = oldPointers
        self.newPointers = newPointers
        let o = old.shape(of: oldPointers)
        let n = new.shape(of: newPointers)
        if o.truncated || n.truncated {
            emit(
                .comparisonLimitReached, breaking: true, [], o.at, n.at,
                "schemas nest too deep or too wide; not compared beyond this point, review by hand")
        }
        reportUnresolved(o, n)
        guard compareTypes(o, n), compareAlternatives(o, n) else { return }
        compareValues(o, n)
        if o.allows("object") && n.allows("object") { compareProperties(o, n) }
        if o.allows("array") && n.allows("array") { compareItems(o, n) }
    }

    /// Type and nullability; false when the types no longer overlap (nothing below is comparable).
    private mutating func compareTypes(_ o: SchemaShape, _ n: SchemaShape) -> Bool {
        let typeChanged = !(SchemaShape.isSubset(o.types, of: n.types) && SchemaShape.isSubset(n.types, of: o.types))
        if typeChanged {
            let widened = !SchemaShape.isSubset(n.types, of: o.types)
            let narrowed = !SchemaShape.isSubset(o.types, of: n.types)
            emit(
                .typeChanged, breaking: isResponse ? widened : narrowed, [], o.typeAt ?? o.resolvedAt,
                n.typeAt ?? n.resolvedAt, "was \(o.typeDescription), now \(n.typeDescription)")
            if SchemaShape.intersect(o.types, n.types) == [] { return false }
        }
        // From or to "any type", the type change already says whether null is allowed.
        let nullImplied = typeChanged && (o.types == nil || n.types == nil)
        if o.nullable != n.nullable && !nullImplied {
            emit(
                n.nullable ? .nullableAdded : .nullableRemoved, breaking: isResponse == n.nullable, [],
                o.nullableAt ?? o.resolvedAt, n.nullableAt ?? n.resolvedAt,
                "was \(o.typeDescription), now \(n.typeDescription)")
        }
        return true
    }

    /// Format, pattern, enum values and numeric limits.
    private mutating func compareValues(_ o: SchemaShape, _ n: SchemaShape) {
        // A response that drops or changes a constraint sends values old clients never saw; a request
        // that adds or changes one refuses values old clients send.
        if o.format != n.format {
            emit(
                .formatChanged, breaking: isResponse ? o.format != nil : n.format != nil, [],
                o.formatAt ?? o.resolvedAt, n.formatAt ?? n.resolvedAt,
                "was \(o.format ?? "none"), now \(n.format ?? "none")")
        }
        if o.pattern != n.pattern {
            emit(
                .patternChanged, breaking: isResponse ? o.pattern != nil : n.pattern != nil, [],
                o.patternAt ?? o.resolvedAt, n.patternAt ?? n.resolvedAt,
                "was \(o.pattern ?? "none"), now \(n.pattern ?? "none")")
        }
        let oldEnumAt = o.enumAt ?? o.resolvedAt
        let newEnumAt = n.enumAt ?? n.resolvedAt
        switch (o.enumValues, n.enumValues) {
        case (let before?, let after?):
            for value in after where !before.contains(where: { $0.isEqualValue(value) }) {
                emit(.enumValueAdded, breaking: isResponse, [], oldEnumAt, newEnumAt, Self.text(value))
            }
            for value in before where !after.contains(where: { $0.isEqualValue(value) }) {
                emit(.enumValueRemoved, breaking: !isResponse, [], oldEnumAt, newEnumAt, Self.text(value))
            }
        case (nil, let after?):
            emit(.enumAdded, breaking: !isResponse, [], oldEnumAt, newEnumAt, "now one of \(Self.list(after))")
        case (let before?, nil):
            emit(.enumRemoved, breaking: isResponse, [], oldEnumAt, newEnumAt, "was one of \(Self.list(before))")
        case (nil, nil):
            break
        }
        for keyword in SchemaShape.limitKeywords {
            let before = o.limits[keyword]
            let after = n.limits[keyword]
            guard before.map(\.value.literal) != after.map(\.value.literal) else { continue }
            if let before, let after, before.value.isEqualValue(after.value) { continue }
            let isLower = keyword.hasPrefix("min") || keyword == "exclusiveMinimum"
            let widened: Bool
            if let before, let after {
                let (a, b) = (before.value.doubleValue, after.value.doubleValue)
                widened = isLower ? b < a : b > a
            } else {
                widened = after == nil
            }
            emit(
                .limitChanged, breaking: isResponse == widened, [], before?.at ?? o.resolvedAt,
                after?.at ?? n.resolvedAt,
                "\(keyword) was \(before?.value.literal ?? "none"), now \(after?.value.literal ?? "none")")
        }
    }

    private mutating func compareProperties(_ o: SchemaShape, _ n: SchemaShape) {
        for name in o.propertyOrder {
            let before = o.properties[name] ?? []
            let wasRequired = o.required.contains(name)
            guard let after = n.properties[name] else {
                // Gone from a response: the data is gone, even for clients that treated it as optional.
                emit(
                    .fieldRemoved, breaking: true, [name], before.first, nil,
                    wasRequired ? "was required" : "was optional")
                continue
            }
            let isRequired = n.required.contains(name)
            if !wasRequired && isRequired {
                emit(.fieldNewlyRequired, breaking: !isResponse, [name], before.first, after.first, "")
            } else if wasRequired && !isRequired {
                emit(
                    .fieldNoLongerRequired, breaking: isResponse, [name], before.first, after.first,
                    isResponse ? "clients that require it fail when it is absent" : "")
            }
            pairs.append((before, after, [name]))
        }
        for name in n.propertyOrder where o.properties[name] == nil {
            let isRequired = n.required.contains(name)
            emit(
                .fieldAdded, breaking: !isResponse && isRequired, [name], nil, n.properties[name]?.first,
                isRequired ? "required" : "optional")
        }
    }

    private mutating func compareItems(_ o: SchemaShape, _ n: SchemaShape) {
        switch (o.items, n.items) {
        case (let before?, let after?):
            pairs.append((before, after, ["[]"]))
        case (nil, let after?):
            let shape = new.shape(of: after)
            emit(
                .typeChanged, breaking: !isResponse, ["[]"], o.resolvedAt, shape.at,
                "was any, now \(shape.typeDescription)")
        case (let before?, nil):
            let shape = old.shape(of: before)
            emit(
                .typeChanged, breaking: isResponse, ["[]"], shape.at, n.resolvedAt,
                "was \(shape.typeDescription), now any")
        case (nil, nil):
            break
        }
    }

    private mutating func reportUnresolved(_ o: SchemaShape, _ n: SchemaShape) {
        for pointer in o.unresolved {
            emit(.unresolvedReference, breaking: false, [], pointer, nil, "in the old contract; not compared")
        }
        for pointer in n.unresolved {
            emit(.unresolvedReference, breaking: true, [], nil, pointer, "in the new contract; not compared")
        }
    }

    mutating func emit(
        _ kind: ContractDiff.Kind, breaking: Bool, _ suffix: [String], _ oldPointer: JSONPointer?,
        _ newPointer: JSONPointer?, _ detail: String
    ) {
        findings.append(
            .init(
                kind: kind, breaking: breaking, suffix: suffix, oldPointer: oldPointer, newPointer: newPointer,
                detail: detail.isEmpty ? "" : " (\(detail))"))
    }

    static func text(_ value: JSONValue) -> String { JSONWriter.string(value, options: .compact).excerpt() }

    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(8).map(text).joined(separator: ", ")
        return values.count > 8 ? shown + ", … (\(values.count) values)" : shown
    }
}

/// How a place names the fields below it.
struct FieldNaming {
    /// What the root is called in messages: `body`, `request body`, `query parameter status`.
    var rootName: String
    /// True for parameters: field paths are written after the root name (`query parameter status[]`).
    var prefixesPaths = false

    /// `data.userId`, `results[].status`, `body[].id`, `query parameter status[]`; the root name for the root.
    func name(_ path: [String]) -> String {
        // Parameters always lead with their name; bodies only for their own elements (`body[]`).
        var name = prefixesPaths || path.first == "[]" ? rootName : ""
        for token in path {
            if token == "[]" {
                name += "[]"
            } else {
                name += (name.isEmpty ? "" : ".") + token
            }
        }
        return name.isEmpty ? rootName : name
    }
}
