import JSON

/// What changed between two versions of a contract, and whether each change breaks a client built
/// against the old one.
///
/// Operations are matched by `operationId`, then by method and path (path parameter names do not
/// matter: `/messages/{id}` is `/messages/{message_id}`); responses by status key; schemas
/// structurally: `$ref`s are followed in each document (cycles end), `allOf` parts are merged,
/// `nullable: true` (OpenAPI 3.0), `type: [T, "null"]` and `anyOf`/`oneOf` with a `{"type": "null"}`
/// branch (3.1) are the same nullability, and `const` is a one-value `enum`. So a 3.0 → 3.1 rewrite
/// that keeps the meaning shows no change. `anyOf`/`oneOf` with several non-null branches are
/// compared branch by branch when keyword and count agree, and reported as changed otherwise.
///
/// Severity follows what a client built against the old contract sees.
///
/// Responses (what the client decodes) — breaking when the new contract allows values the old one
/// did not, or takes away data:
/// - breaking: field removed; field no longer required (clients that require it fail when it is
///   absent); type widened or changed (`integer` → `string`; `integer` → `number`); null newly
///   allowed; enum value added; enum dropped; format removed or changed (`date-time` → none); pattern
///   removed or changed; a limit loosened; status removed (unless a range or `default` in the new
///   contract still covers it) or added (unless the old contract covered it with a range or
///   `default`); JSON body removed; `anyOf`/`oneOf` with a branch no old one covers.
/// - not breaking: field added; field newly required; type narrowed; null no longer allowed; enum
///   value removed; format or pattern added; a limit tightened; JSON body added.
///
/// Requests (parameters and the request body: what the client sends) — breaking when the new
/// contract refuses something the old one accepted:
/// - breaking: parameter removed; parameter newly required (added as required, or optional →
///   required); request body newly required or removed; required field added; field removed; field
///   newly required; type narrowed or changed; null no longer allowed; enum value removed (the enum
///   narrowed); enum added; format or pattern added or changed; a limit tightened; `anyOf`/`oneOf`
///   with an old branch no new one covers; body moved to another encoding (JSON, form, multipart).
/// - not breaking: optional parameter or field added; parameter or field no longer required; type
///   widened; null newly allowed; enum value added; enum dropped; format or pattern removed; a limit
///   loosened.
///
/// Operations: removed or moved to another method or path is breaking; added, or the same method and
/// path under a new `operationId`, is not. A `$ref` in the new contract that does not resolve is
/// breaking (that part could not be compared).
///
/// Request bodies are compared in the first of `application/json` (or a `+json` type),
/// `application/x-www-form-urlencoded` and `multipart/form-data` each contract offers; a body that
/// moves from one encoding to another is breaking. Security: a way of authenticating (one entry of
/// `security`, the operation's or the document's) that the new contract no longer accepts is
/// breaking, as is a change to a scheme's `type`, `scheme`, `in`, `name` or flows; a new way, or
/// none needed any more, is not.
///
/// `anyOf`/`oneOf` that change in keyword or number of branches are one change where they are. A
/// response breaks when a new branch is not covered by an old one, a request when an old branch is
/// not covered by a new one; a branch that names a component covers only that component, an inline
/// one covers what its type, null, enum, format, pattern and limits allow. So `$ref A` → `oneOf [A, B]`
/// breaks a response (a client may now receive a B) and not a request, and the fields of A are not
/// reported removed; covering pairs are compared further.
///
/// Each pair of schemas is compared once per diff, and places whose schemas mean the same in both
/// documents (`$ref`s and all) are not compared at all: identical contracts give no changes however
/// their schemas recurse, and a change in a shared component is one ``Change`` listing every
/// operation that reaches it, named from the one with the shortest field path.
///
/// Not compared: headers of responses, parameter serialization (`style`, `explode`),
/// `additionalProperties`, servers, descriptions and examples.
public struct ContractDiff: Sendable {
    /// The old contract's file.
    public let oldFile: String
    /// The new contract's file.
    public let newFile: String
    /// Every change, in the order the operations first reach them (old contract order, then
    /// operations only the new one has; within one, the operation itself, its security, its request,
    /// then its responses). A change in a shared component is listed once, with every operation that
    /// reaches it in ``Change/operations``.
    public let changes: [Change]

    /// The changes that can break a client built against the old contract.
    public var breakingChanges: [Change] { changes.filter(\.isBreaking) }
    /// True when at least one change is breaking.
    public var isBreaking: Bool { changes.contains(where: \.isBreaking) }

    /// Compares `old` with `new`.
    public static func compare(old: Contract, new: Contract) -> ContractDiff {
        let resolvers = (old: SchemaResolver(contract: old), new: SchemaResolver(contract: new))
        var graph = SchemaGraph(old: resolvers.old, new: resolvers.new)
        var collector = ChangeCollector()
        var matchedNew: Set<Int> = []
        let oldIds = Set(old.operations.map(\.id))
        var newById: [String: [Int]] = [:]
        var newByPlace: [String: [Int]] = [:]
        for (index, operation) in new.operations.enumerated() {
            newById[operation.id, default: []].append(index)
            newByPlace[operation.method + " " + normalizedPath(operation.path), default: []].append(index)
        }
        for before in old.operations {
            let sameId = newById[before.id]?.first { !matchedNew.contains($0) }
            // Renamed: same method and path, and an id the old contract does not have.
            let samePlace = newByPlace[before.method + " " + normalizedPath(before.path)]?.first {
                !matchedNew.contains($0) && !oldIds.contains(new.operations[$0].id)
            }
            guard let index = sameId ?? samePlace else {
                collector.add(
                    Change(
                        kind: .operationRemoved, severity: .breaking, operationId: before.id, side: .operation,
                        oldPointer: before.pointer,
                        message: "\(before.id): operation removed (\(before.method) \(before.path))"))
                continue
            }
            matchedNew.insert(index)
            var operation = OperationComparison(old: before, new: new.operations[index], resolvers: resolvers)
            operation.run(graph: &graph)
            for (change, detail) in operation.changes { collector.add(change, detail: detail) }
        }
        for (index, after) in new.operations.enumerated() where !matchedNew.contains(index) {
            collector.add(
                Change(
                    kind: .operationAdded, severity: .nonBreaking, operationId: after.id, side: .operation,
                    newPointer: after.pointer, message: "\(after.id): operation added (\(after.method) \(after.path))"))
        }
        return ContractDiff(oldFile: old.file, newFile: new.file, changes: collector.changes)
    }

    /// The path template with every `{name}` written `{}`.
    static func normalizedPath(_ path: String) -> String {
        var result = ""
        var inName = false
        for character in path {
            if character == "{" {
                inName = true
                result += "{}"
            } else if character == "}" {
                inName = false
            } else if !inName {
                result.append(character)
            }
        }
        return result
    }
}

extension ContractDiff.Change {
    init(
        kind: ContractDiff.Kind, severity: ContractDiff.Severity, operationId: String, side: ContractDiff.Side,
        status: String? = nil, oldPointer: JSONPointer? = nil, newPointer: JSONPointer? = nil, message: String
    ) {
        self.init(
            kind: kind, severity: severity, operationId: operationId, side: side, status: status, field: nil,
            oldPointer: oldPointer, newPointer: newPointer, message: message)
    }
}

/// One matched pair of operations: the operation itself, its request and its responses.
struct OperationComparison {
    let old: Operation
    let new: Operation
    let resolvers: (old: SchemaResolver, new: SchemaResolver)
    /// Each change with what its message says besides the field (how repeats are recognised).
    private(set) var changes: [(change: ContractDiff.Change, detail: String)] = []

    init(old: Operation, new: Operation, resolvers: (old: SchemaResolver, new: SchemaResolver)) {
        self.old = old
        self.new = new
        self.resolvers = resolvers
    }

    mutating func run(graph: inout SchemaGraph) {
        if old.id != new.id {
            add(
                .operationIdChanged, breaking: false, old.pointer, new.pointer,
                "\(new.id): operationId changed (was \(old.id))")
        }
        if old.method != new.method || ContractDiff.normalizedPath(old.path) != ContractDiff.normalizedPath(new.path) {
            add(
                .operationMoved, breaking: true, old.pointer, new.pointer,
                "\(new.id): operation moved (was \(old.method) \(old.path), now \(new.method) \(new.path))")
        }
        compareSecurity()
        compareRequest(graph: &graph)
        compareResponses(graph: &graph)
    }

    private mutating func compareResponses(graph: inout SchemaGraph) {
        for before in old.responses {
            let oldPointer = old.pointer.appending("responses").appending(before.statusKey)
            if let after = new.response(forKey: before.statusKey) {
                compareBodies(before, after, status: before.statusKey, graph: &graph)
            } else if let cover = Self.covering(before.statusKey, in: new) {
                add(
                    .responseStatusRemoved, breaking: false, oldPointer,
                    new.pointer.appending("responses").appending(cover.statusKey),
                    "response \(before.statusKey) removed (now covered by \(cover.statusKey))", status: before.statusKey
                )
                compareBodies(before, cover, status: before.statusKey, graph: &graph)
            } else {
                add(
                    .responseStatusRemoved, breaking: true, oldPointer, nil,
                    "response \(before.statusKey) removed (now documented: \(Self.keys(new)))", status: before.statusKey
                )
            }
        }
        for after in new.responses where old.response(forKey: after.statusKey) == nil {
            let newPointer = new.pointer.appending("responses").appending(after.statusKey)
            if let cover = Self.covering(after.statusKey, in: old) {
                add(
                    .responseStatusAdded, breaking: false,
                    old.pointer.appending("responses").appending(cover.statusKey), newPointer,
                    "response \(after.statusKey) added (was covered by \(cover.statusKey))", status: after.statusKey)
                compareBodies(cover, after, status: after.statusKey, graph: &graph)
            } else {
                add(
                    .responseStatusAdded, breaking: true, nil, newPointer,
                    "response \(after.statusKey) added (was documented: \(Self.keys(old)))", status: after.statusKey)
            }
        }
    }

    private mutating func compareBodies(
        _ before: ResponseSpec, _ after: ResponseSpec, status: String, graph: inout SchemaGraph
    ) {
        switch (before.schemaPointer, after.schemaPointer) {
        case (let a?, let b?):
            compareSchemas(a, b, side: .response, status: status, naming: FieldNaming(rootName: "body"), graph: &graph)
        case (let a?, nil):
            add(
                .responseBodyRemoved, breaking: true, a, after.pointer, "response \(status): JSON body removed",
                status: status)
        case (nil, let b?):
            add(
                .responseBodyAdded, breaking: false, before.pointer, b, "response \(status): JSON body added",
                status: status)
        case (nil, nil):
            break
        }
    }

    /// The response that documents `key` when it has no entry of its own: its range (`4XX`), then `default`.
    static func covering(_ key: String, in operation: Operation) -> ResponseSpec? {
        if key.count == 3, key.allSatisfy(\.isNumber), let range = operation.response(forKey: "\(key.prefix(1))XX") {
            return range
        }
        return key == "default" ? nil : operation.response(forKey: "default")
    }

    private static func keys(_ operation: Operation) -> String {
        operation.responses.isEmpty ? "none" : operation.responses.map(\.statusKey).joined(separator: ", ")
    }

    mutating func add(
        _ kind: ContractDiff.Kind, breaking: Bool, _ oldPointer: JSONPointer?, _ newPointer: JSONPointer?,
        _ message: String, status: String? = nil, side: ContractDiff.Side? = nil, field: String? = nil
    ) {
        let change = ContractDiff.Change(
            kind: kind, severity: breaking ? .breaking : .nonBreaking, operationId: new.id,
            side: side ?? (status == nil ? .operation : .response), status: status, field: field,
            oldPointer: oldPointer, newPointer: newPointer, message: message)
        changes.append((change, message))
    }

    /// The changes between the schemas at `a` (old) and `b` (new) of one place, named from it.
    mutating func compareSchemas(
        _ a: JSONPointer, _ b: JSONPointer, side: ContractDiff.Side, status: String?, naming: FieldNaming,
        graph: inout SchemaGraph
    ) {
        guard let root = graph.node(isResponse: side == .response, old: [a], new: [b]) else { return }
        for (finding, path) in graph.findings(from: root) {
            let field = naming.name(path)
            let detail = "\(finding.kind)\(finding.detail)"
            let change = ContractDiff.Change(
                kind: finding.kind, severity: finding.breaking ? .breaking : .nonBreaking, operationId: new.id,
                side: side, status: status, field: field, oldPointer: finding.oldPointer,
                newPointer: finding.newPointer, message: "\(field): \(detail)")
            changes.append((change, detail))
        }
    }
}
