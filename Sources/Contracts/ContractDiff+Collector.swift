import JSON

/// Gathers changes in the order they are found and folds repeats into one: the same kind, severity,
/// pointers and detail, reached from another operation (or another field of the same one), adds an
/// ``ContractDiff/Occurrence`` instead of a line.
struct ChangeCollector {
    private var collected: [ContractDiff.Change] = []
    private var details: [String] = []
    private var index: [Key: Int] = [:]
    private var seen: [Set<Place>] = []

    /// The changes in the order first found, each named from the operation that sees it through the
    /// shortest field path (`data[].status` rather than `card.customer.subscriptions.data[].status`):
    /// that one leads ``ContractDiff/Change/operations``.
    var changes: [ContractDiff.Change] {
        zip(collected, details).map { change, detail in
            guard
                let best = change.operations.indices.min(by: {
                    (change.operations[$0].field?.count ?? 0) < (change.operations[$1].field?.count ?? 0)
                }), best > 0, let field = change.operations[best].field
            else { return change }
            var named = change
            let occurrence = named.operations.remove(at: best)
            named.operations.insert(occurrence, at: 0)
            (named.operationId, named.side, named.status) = (occurrence.operationId, occurrence.side, occurrence.status)
            if let old = change.field, change.message == "\(old): \(detail)" {
                named.field = field
                named.message = "\(field): \(detail)"
            }
            return named
        }
    }

    private struct Key: Hashable {
        var kind: String
        var severity: ContractDiff.Severity
        var oldPointer: JSONPointer?
        var newPointer: JSONPointer?
        var detail: String
    }

    /// An operation, side and status: a change reached twice from the same one is listed once.
    private struct Place: Hashable {
        var operationId: String
        var side: ContractDiff.Side
        var status: String?
    }

    /// Adds `change`; `detail` is what the message says besides the field, so the same change seen
    /// through `results[].status` and `status` is one.
    mutating func add(_ change: ContractDiff.Change, detail: String) {
        let key = Key(
            kind: change.kind.name, severity: change.severity, oldPointer: change.oldPointer,
            newPointer: change.newPointer, detail: detail)
        let place = Place(operationId: change.operationId, side: change.side, status: change.status)
        let occurrence = ContractDiff.Occurrence(
            operationId: change.operationId, side: change.side, status: change.status, field: change.field)
        if let position = index[key] {
            if seen[position].insert(place).inserted { collected[position].operations.append(occurrence) }
            return
        }
        var first = change
        first.operations = [occurrence]
        index[key] = collected.count
        seen.append([place])
        collected.append(first)
        details.append(detail)
    }

    /// Adds a change whose message names nothing that varies between the operations reaching it.
    mutating func add(_ change: ContractDiff.Change) { add(change, detail: change.message) }
}
