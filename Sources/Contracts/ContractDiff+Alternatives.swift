import JSON

extension SchemaComparison {
    /// One branch of an `anyOf`/`oneOf` (or a whole schema that has none), with the component it is
    /// when it is one.
    struct Branch {
        var pointer: JSONPointer
        var name: JSONPointer?
        var shape: SchemaShape
    }

    /// `anyOf`/`oneOf` with several non-null branches. When keyword and count agree, branches are
    /// paired in order and the comparison goes on. Otherwise it is one change at this place, and
    /// nothing below it is compared field by field: `$ref A` → `oneOf [A, B]` says a client may now
    /// get a B, not that every field of A is gone. Returns false when the alternatives changed.
    ///
    /// Severity: a response breaks when a new branch is not covered by an old one (the client may
    /// receive it), a request when an old branch is not covered by a new one (the client may send
    /// it). Branches that name a component cover only the same component; inline ones cover each
    /// other when one allows at least the other's type, null, enum, format, pattern and limits. Each
    /// covering pair is compared further, so a changed field inside still shows.
    mutating func compareAlternatives(_ o: SchemaShape, _ n: SchemaShape) -> Bool {
        guard !o.alternatives.isEmpty || !n.alternatives.isEmpty else { return true }
        let sameShape =
            o.alternatives.count == n.alternatives.count
            && zip(o.alternatives, n.alternatives).allSatisfy {
                $0.keyword == $1.keyword && $0.branches.count == $1.branches.count
            }
        if sameShape {
            for (before, after) in zip(o.alternatives, n.alternatives) {
                for (a, b) in zip(before.branches, after.branches) { pairs.append(([a], [b], [])) }
            }
            return true
        }
        let before = Self.branches(o, whole: oldPointers, in: old)
        let after = Self.branches(n, whole: newPointers, in: new)
        var breaking = true
        if o.alternatives.count <= 1 && n.alternatives.count <= 1 {
            // What the client may get (response) must be covered by what it knew; what it may send
            // (request) by what is accepted now.
            let (sent, accepted) = isResponse ? (after, before) : (before, after)
            breaking = false
            for branch in sent {
                guard let cover = accepted.first(where: { Self.covers($0, branch) }) else {
                    breaking = true
                    continue
                }
                let (a, b) = isResponse ? (cover, branch) : (branch, cover)
                pairs.append(([a.pointer], [b.pointer], []))
            }
        }
        emit(
            .alternativesChanged, breaking: breaking, [], o.alternatives.first?.at ?? o.resolvedAt,
            n.alternatives.first?.at ?? n.resolvedAt,
            "was \(Self.describe(o, before)), now \(Self.describe(n, after))")
        return false
    }

    /// True when every value `inner` allows, `outer` allows too, as far as this level shows.
    static func covers(_ outer: Branch, _ inner: Branch) -> Bool {
        if outer.name != nil || inner.name != nil { return outer.name == inner.name }
        let (a, b) = (inner.shape, outer.shape)
        guard SchemaShape.isSubset(a.types, of: b.types), !a.nullable || b.nullable,
            a.alternatives.isEmpty && b.alternatives.isEmpty
        else { return false }
        if let allowed = b.enumValues {
            guard let values = a.enumValues, values.allSatisfy({ v in allowed.contains { $0.isEqualValue(v) } })
            else { return false }
        }
        if let format = b.format, a.format != format { return false }
        if let pattern = b.pattern, a.pattern != pattern { return false }
        for (keyword, limit) in b.limits {
            guard let mine = a.limits[keyword] else { return false }
            let isLower = keyword.hasPrefix("min") || keyword == "exclusiveMinimum"
            let (x, y) = (mine.value.doubleValue, limit.value.doubleValue)
            if isLower ? x < y : x > y { return false }
        }
        return true
    }

    /// The branches of a shape's single `anyOf`/`oneOf`, or the whole schema as one branch.
    private static func branches(_ shape: SchemaShape, whole: [JSONPointer], in resolver: SchemaResolver) -> [Branch] {
        func named(_ pointer: JSONPointer) -> JSONPointer? {
            let end = resolver.canonical(pointer)
            return end.tokens.first == "components" ? end : nil
        }
        guard let group = shape.alternatives.first else {
            return [
                Branch(pointer: whole.first ?? shape.at, name: whole.count == 1 ? named(whole[0]) : nil, shape: shape)
            ]
        }
        return group.branches.map { Branch(pointer: $0, name: named($0), shape: resolver.shape(of: [$0])) }
    }

    /// `MessageV1`, `oneOf [MessageV1, MessageV2]`, `oneOf of 3`, `string`.
    private static func describe(_ shape: SchemaShape, _ branches: [Branch]) -> String {
        let names = branches.map { $0.name?.tokens.last }
        guard let group = shape.alternatives.first else {
            return names.count == 1 ? names[0] ?? shape.typeDescription : shape.typeDescription
        }
        let all = shape.alternatives.map { "\($0.keyword) of \($0.branches.count)" }.joined(separator: ", ")
        guard shape.alternatives.count == 1, names.allSatisfy({ $0 != nil }) else { return all }
        return "\(group.keyword) [\(names.compactMap { $0 }.joined(separator: ", "))]"
    }
}
