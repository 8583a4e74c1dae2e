import JSON

/// Compares the schemas of one place (a response body, the request body or a parameter) of two
/// contracts, structurally, and collects the changes with their severity for that side.
struct SchemaComparison {
    let old: SchemaResolver
    let new: SchemaResolver
    let side: ContractDiff.Side
    let operationId: String
    let status: String?
    /// What the root is called in messages: `body`, `request body`, `query parameter status`.
    let rootName: String
    /// True for parameters: field paths are written after the root name (`query parameter status[]`).
    let prefixesPaths: Bool
    private(set) var changes: [ContractDiff.Change] = []
    private var compared: Set<[[JSONPointer]]> = []
    private var reported: Set<JSONPointer> = []
    private var steps = 0
    private var limitReported = false

    /// Pairs of schemas compared per place at most; past it one `comparison-limit-reached` is reported.
    static let stepLimit = 10_000

    init(
        old: SchemaResolver, new: SchemaResolver, side: ContractDiff.Side, operationId: String, status: String?,
        rootName: String, prefixesPaths: Bool = false
    ) {
        self.old = old
        self.new = new
        self.side = side
        self.operationId = operationId
        self.status = status
        self.rootName = rootName
        self.prefixesPaths = prefixesPaths
    }

    private var isResponse: Bool { side == .response }

    /// Compares the schemas at `oldPointers` (all applying at once) with those at `newPointers`.
    /// Each pair is compared once per place, which also ends `$ref` cycles.
    mutating func compare(old oldPointers: [JSONPointer], new newPointers: [JSONPointer], path: [String] = []) {
        guard compared.insert([oldPointers, newPointers]).inserted else { return }
        steps += 1
        guard steps <= SchemaComparison.stepLimit, path.count <= SchemaResolver.maxDepth else {
            reportLimit(path, oldPointers.first, newPointers.first)
            return
        }
        let o = old.shape(of: oldPointers)
        let n = new.shape(of: newPointers)
        if o.truncated || n.truncated { reportLimit(path, o.at, n.at) }
        reportUnresolved(o, n, path)
        guard compareTypes(o, n, path) else { return }
        compareValues(o, n, path)
        if o.allows("object") && n.allows("object") { compareProperties(o, n, path) }
        if o.allows("array") && n.allows("array") { compareItems(o, n, path) }
        compareAlternatives(o, n, path)
    }

    /// Type and nullability; false when the types no longer overlap (nothing below is comparable).
    private mutating func compareTypes(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) -> Bool {
        let typeChanged = !(SchemaShape.isSubset(o.types, of: n.types) && SchemaShape.isSubset(n.types, of: o.types))
        if typeChanged {
            let widened = !SchemaShape.isSubset(n.types, of: o.types)
            let narrowed = !SchemaShape.isSubset(o.types, of: n.types)
            emit(
                .typeChanged, breaking: isResponse ? widened : narrowed, path, o.typeAt ?? o.resolvedAt,
                n.typeAt ?? n.resolvedAt, "was \(o.typeDescription), now \(n.typeDescription)")
            if SchemaShape.intersect(o.types, n.types) == [] { return false }
        }
        // From or to "any type", the type change already says whether null is allowed.
        let nullImplied = typeChanged && (o.types == nil || n.types == nil)
        if o.nullable != n.nullable && !nullImplied {
            emit(
                n.nullable ? .nullableAdded : .nullableRemoved, breaking: isResponse == n.nullable, path,
                o.nullableAt ?? o.resolvedAt, n.nullableAt ?? n.resolvedAt,
                "was \(o.typeDescription), now \(n.typeDescription)")
        }
        return true
    }

    /// Format, pattern, enum values and numeric limits.
    private mutating func compareValues(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) {
        // A response that drops or changes a constraint sends values old clients never saw; a request
        // that adds or changes one refuses values old clients send.
        if o.format != n.format {
            emit(
                .formatChanged, breaking: isResponse ? o.format != nil : n.format != nil, path,
                o.formatAt ?? o.resolvedAt, n.formatAt ?? n.resolvedAt,
                "was \(o.format ?? "none"), now \(n.format ?? "none")")
        }
        if o.pattern != n.pattern {
            emit(
                .patternChanged, breaking: isResponse ? o.pattern != nil : n.pattern != nil, path,
                o.patternAt ?? o.resolvedAt, n.patternAt ?? n.resolvedAt,
                "was \(o.pattern ?? "none"), now \(n.pattern ?? "none")")
        }
        let oldEnumAt = o.enumAt ?? o.resolvedAt
        let newEnumAt = n.enumAt ?? n.resolvedAt
        switch (o.enumValues, n.enumValues) {
        case (let before?, let after?):
            for value in after where !before.contains(where: { $0.isEqualValue(value) }) {
                emit(.enumValueAdded, breaking: isResponse, path, oldEnumAt, newEnumAt, Self.text(value))
            }
            for value in before where !after.contains(where: { $0.isEqualValue(value) }) {
                emit(.enumValueRemoved, breaking: !isResponse, path, oldEnumAt, newEnumAt, Self.text(value))
            }
        case (nil, let after?):
            emit(.enumAdded, breaking: !isResponse, path, oldEnumAt, newEnumAt, "now one of \(Self.list(after))")
        case (let before?, nil):
            emit(.enumRemoved, breaking: isResponse, path, oldEnumAt, newEnumAt, "was one of \(Self.list(before))")
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
                .limitChanged, breaking: isResponse == widened, path, before?.at ?? o.resolvedAt,
                after?.at ?? n.resolvedAt,
                "\(keyword) was \(before?.value.literal ?? "none"), now \(after?.value.literal ?? "none")")
        }
    }

    private mutating func compareProperties(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) {
        for name in o.propertyOrder {
            let before = o.properties[name] ?? []
            let wasRequired = o.required.contains(name)
            guard let after = n.properties[name] else {
                // Gone from a response: the data is gone, even for clients that treated it as optional.
                emit(
                    .fieldRemoved, breaking: true, path + [name], before.first, nil,
                    wasRequired ? "was required" : "was optional")
                continue
            }
            let isRequired = n.required.contains(name)
            if !wasRequired && isRequired {
                emit(.fieldNewlyRequired, breaking: !isResponse, path + [name], before.first, after.first, "")
            } else if wasRequired && !isRequired {
                emit(
                    .fieldNoLongerRequired, breaking: isResponse, path + [name], before.first, after.first,
                    isResponse ? "clients that require it fail when it is absent" : "")
            }
            compare(old: before, new: after, path: path + [name])
        }
        for name in n.propertyOrder where o.properties[name] == nil {
            let isRequired = n.required.contains(name)
            emit(
                .fieldAdded, breaking: !isResponse && isRequired, path + [name], nil, n.properties[name]?.first,
                isRequired ? "required" : "optional")
        }
    }

    private mutating func compareItems(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) {
        switch (o.items, n.items) {
        case (let before?, let after?):
            compare(old: before, new: after, path: path + ["[]"])
        case (nil, let after?):
            let shape = new.shape(of: after)
            emit(
                .typeChanged, breaking: !isResponse, path + ["[]"], o.resolvedAt, shape.at,
                "was any, now \(shape.typeDescription)")
        case (let before?, nil):
            let shape = old.shape(of: before)
            emit(
                .typeChanged, breaking: isResponse, path + ["[]"], shape.at, n.resolvedAt,
                "was \(shape.typeDescription), now any")
        case (nil, nil):
            break
        }
    }

    /// `anyOf`/`oneOf` with several non-null branches: matched in order when keyword and count agree,
    /// otherwise reported as changed (breaking either way: which branch applies is not worked out).
    private mutating func compareAlternatives(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) {
        guard !o.alternatives.isEmpty || !n.alternatives.isEmpty else { return }
        let sameShape =
            o.alternatives.count == n.alternatives.count
            && zip(o.alternatives, n.alternatives).allSatisfy {
                $0.keyword == $1.keyword && $0.branches.count == $1.branches.count
            }
        guard sameShape else {
            func summary(_ list: [SchemaShape.Alternatives]) -> String {
                list.isEmpty ? "none" : list.map { "\($0.keyword) of \($0.branches.count)" }.joined(separator: ", ")
            }
            emit(
                .alternativesChanged, breaking: true, path, o.alternatives.first?.at ?? o.resolvedAt,
                n.alternatives.first?.at ?? n.resolvedAt,
                "was \(summary(o.alternatives)), now \(summary(n.alternatives))")
            return
        }
        for (before, after) in zip(o.alternatives, n.alternatives) {
            for (a, b) in zip(before.branches, after.branches) { compare(old: [a], new: [b], path: path) }
        }
    }

    /// Reported once per place: the comparison is incomplete, so it cannot vouch for what it skipped.
    private mutating func reportLimit(_ path: [String], _ oldPointer: JSONPointer?, _ newPointer: JSONPointer?) {
        guard !limitReported else { return }
        limitReported = true
        emit(
            .comparisonLimitReached, breaking: true, path, oldPointer, newPointer,
            "schemas nest too deep or too wide; not compared beyond this point, review by hand")
    }

    private mutating func reportUnresolved(_ o: SchemaShape, _ n: SchemaShape, _ path: [String]) {
        for pointer in o.unresolved where reported.insert(pointer).inserted {
            emit(.unresolvedReference, breaking: false, path, pointer, nil, "in the old contract; not compared")
        }
        for pointer in n.unresolved where reported.insert(pointer).inserted {
            emit(.unresolvedReference, breaking: true, path, nil, pointer, "in the new contract; not compared")
        }
    }

    /// `data.userId`, `results[].status`, `body[].id`, `query parameter status[]`; the root name for the root.
    func fieldName(_ path: [String]) -> String {
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

    private mutating func emit(
        _ kind: ContractDiff.Kind, breaking: Bool, _ path: [String], _ oldPointer: JSONPointer?,
        _ newPointer: JSONPointer?, _ detail: String
    ) {
        let field = fieldName(path)
        changes.append(
            ContractDiff.Change(
                kind: kind, severity: breaking ? .breaking : .nonBreaking, operationId: operationId, side: side,
                status: status, field: field, oldPointer: oldPointer, newPointer: newPointer,
                message: "\(field): \(kind)" + (detail.isEmpty ? "" : " (\(detail))")))
    }

    static func text(_ value: JSONValue) -> String { JSONWriter.string(value, options: .compact).excerpt() }

    static func list(_ values: [JSONValue]) -> String {
        let shown = values.prefix(8).map(text).joined(separator: ", ")
        return values.count > 8 ? shown + ", … (\(values.count) values)" : shown
    }
}
