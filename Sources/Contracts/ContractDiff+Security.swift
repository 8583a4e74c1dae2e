import JSON

/// An operation's security: the ways of authenticating it accepts (any one will do), each a set of
/// schemes used together with the scopes each needs. No requirement is one empty way.
struct SecurityRequirements {
    /// Where the requirement list is written (the operation's, else the document's), nil when neither.
    var pointer: JSONPointer?
    var alternatives: [[String: Set<String>]]

    init(of operation: Operation, in resolver: SchemaResolver) {
        let own = operation.pointer.appending("security")
        let list: JSONValue?
        if let value = resolver.value(at: own) {
            (pointer, list) = (own, value)
        } else if let value = resolver.document["security"] {
            (pointer, list) = ("/security", value)
        } else {
            (pointer, list) = (nil, nil)
        }
        var alternatives: [[String: Set<String>]] = []
        for entry in list?.arrayValue ?? [] {
            guard case .object(let object) = entry else { continue }
            var way: [String: Set<String>] = [:]
            for member in object { way[member.key] = Set((member.value.arrayValue ?? []).compactMap(\.stringValue)) }
            alternatives.append(way)
        }
        self.alternatives = alternatives.isEmpty ? [[:]] : alternatives
    }

    /// True when `way` (what a client sends) satisfies one of these alternatives: every scheme it
    /// asks for is sent, with at least the scopes it asks for.
    func accepts(_ way: [String: Set<String>]) -> Bool {
        alternatives.contains { needed in
            needed.allSatisfy { scheme, scopes in way[scheme].map { scopes.isSubset(of: $0) } ?? false }
        }
    }

    /// `apiKey`, `oauth2 (read, write) + apiKey`, `none`.
    static func describe(_ way: [String: Set<String>]) -> String {
        guard !way.isEmpty else { return "none" }
        return way.keys.sorted().map { name in
            let scopes = way[name]!.sorted()
            return scopes.isEmpty ? name : "\(name) (\(scopes.joined(separator: ", ")))"
        }.joined(separator: " + ")
    }
}

extension OperationComparison {
    /// A way of authenticating the old contract accepted and the new one refuses breaks the clients
    /// that use it; a new way, or no longer requiring one, does not. A scheme both use whose
    /// definition changed (`type`, `scheme`, `in`, `name`, flows) breaks its clients, and is
    /// reported once at `/components/securitySchemes/NAME` with every operation using it.
    mutating func compareSecurity() {
        let before = SecurityRequirements(of: old, in: resolvers.old)
        let after = SecurityRequirements(of: new, in: resolvers.new)
        let now = after.alternatives.map(SecurityRequirements.describe).joined(separator: " or ")
        for way in before.alternatives where !after.accepts(way) {
            let text = SecurityRequirements.describe(way)
            add(
                .securityRequirementRemoved, breaking: true, before.pointer, after.pointer,
                "security: \(text) no longer accepted (now \(now))", side: .request, field: "security")
        }
        for way in after.alternatives where !before.alternatives.contains(way) && before.accepts(way) == false {
            add(
                .securityRequirementAdded, breaking: false, before.pointer, after.pointer,
                "security: \(SecurityRequirements.describe(way)) now accepted", side: .request, field: "security")
        }
        var schemes: [String] = []
        for way in before.alternatives where after.accepts(way) {
            for name in way.keys.sorted() where !schemes.contains(name) { schemes.append(name) }
        }
        for name in schemes { compareScheme(name) }
    }

    private mutating func compareScheme(_ name: String) {
        let pointer = JSONPointer(tokens: ["components", "securitySchemes", name])
        guard let a = resolvers.old.resolveObject(at: pointer).flatMap(resolvers.old.value(at:)),
            let b = resolvers.new.resolveObject(at: pointer).flatMap(resolvers.new.value(at:))
        else { return }
        guard !UnchangedIndex.sameMeaning(a, b) else { return }
        var details: [String] = []
        for key in ["type", "scheme", "in", "name", "bearerFormat", "openIdConnectUrl"] where a[key] != b[key] {
            let was = a[key].map(SchemaComparison.text) ?? "none"
            details.append("\(key) was \(was), now \(b[key].map(SchemaComparison.text) ?? "none")")
        }
        if let flows = a["flows"], !UnchangedIndex.sameMeaning(flows, b["flows"] ?? .null) {
            details.append("flows changed")
        }
        guard !details.isEmpty else { return }
        add(
            .securitySchemeChanged, breaking: true, pointer, pointer,
            "security scheme \(name): \(details.joined(separator: "; "))", side: .request, field: "security")
    }
}
