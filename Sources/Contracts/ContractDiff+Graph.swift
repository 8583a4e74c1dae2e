import JSON

/// Every pair of schemas the diff compares, compared once for the whole diff whatever the number of
/// operations, fields and `$ref` cycles that reach it.
///
/// A node is a pair (old schemas, new schemas, side): its own changes, with the field tokens below
/// it (`[]` for itself, `["name"]` for a property), and edges to the pairs below it. A place (a
/// response body, a parameter) is the node of its schemas; its changes are those of every node it
/// reaches, each named by the shortest field path from the place. Pairs that mean the same in both
/// documents (``UnchangedIndex``) get no node, so identical inputs build none.
struct SchemaGraph {
    let old: SchemaResolver
    let new: SchemaResolver
    private let unchanged: UnchangedIndex?
    private var nodes: [Node] = []
    private var index: [Key: Int] = [:]
    private var skipped: Set<Key> = []
    private var pending: [Int] = []
    private var limitNode: Int? = nil
    /// Which nodes the current ``findings(from:)`` has visited: the walk's number, per node (cheaper
    /// than a set per walk when every response reaches most of the graph).
    private var visitedIn: [Int] = []
    private var walks = 0

    /// Pairs compared per diff at most; past it one `comparison-limit-reached` stands for the rest.
    static let nodeLimit = 250_000

    struct Key: Hashable {
        var isResponse: Bool
        var old: [JSONPointer]
        var new: [JSONPointer]
    }

    /// One change found at a node, before it is named from a place.
    struct Finding {
        var kind: ContractDiff.Kind
        var breaking: Bool
        /// Field tokens below the node: empty for the node itself.
        var suffix: [String]
        var oldPointer: JSONPointer?
        var newPointer: JSONPointer?
        /// `(was integer, now string)`, or empty.
        var detail: String
    }

    struct Edge {
        var node: Int
        var suffix: [String]
    }

    struct Node {
        var key: Key
        var findings: [Finding] = []
        var edges: [Edge] = []
    }

    init(old: SchemaResolver, new: SchemaResolver) {
        self.old = old
        self.new = new
        unchanged = UnchangedIndex(old: old, new: new)
    }

    /// The node comparing the schemas at `oldPointers` (all applying at once) with those at
    /// `newPointers`; nil when they mean the same. It is compared by ``findings(from:)``.
    mutating func node(isResponse: Bool, old oldPointers: [JSONPointer], new newPointers: [JSONPointer]) -> Int? {
        let key = Key(
            isResponse: isResponse, old: Self.canonical(oldPointers, in: old), new: Self.canonical(newPointers, in: new)
        )
        if let existing = index[key] { return existing }
        if skipped.contains(key) { return nil }
        if let unchanged, key.old == key.new, key.old.allSatisfy({ unchanged.isUnchanged($0) }) {
            skipped.insert(key)
            return nil
        }
        guard nodes.count < Self.nodeLimit else { return limit(key) }
        nodes.append(Node(key: key))
        index[key] = nodes.count - 1
        pending.append(nodes.count - 1)
        return nodes.count - 1
    }

    /// Every change reachable from `root`, each with its shortest field path from there, nearest first.
    mutating func findings(from root: Int) -> [(finding: Finding, path: [String])] {
        while let next = pending.popLast() { build(next) }
        var result: [(finding: Finding, path: [String])] = []
        // Breadth first, each entry remembering the one it was reached from: paths are spelled out only
        // for nodes with findings (a contract like Stripe's reaches most of its schemas from every response).
        walks += 1
        visitedIn += repeatElement(0, count: nodes.count - visitedIn.count)
        visitedIn[root] = walks
        var queue: [(node: Int, from: Int, suffix: [String])] = [(root, -1, [])]
        var head = 0
        while head < queue.count {
            let node = queue[head].node
            if !nodes[node].findings.isEmpty {
                var path: [String] = []
                var entry = head
                while entry >= 0 {
                    path.insert(contentsOf: queue[entry].suffix, at: 0)
                    entry = queue[entry].from
                }
                for finding in nodes[node].findings { result.append((finding, path + finding.suffix)) }
            }
            for edge in nodes[node].edges where visitedIn[edge.node] != walks {
                visitedIn[edge.node] = walks
                queue.append((edge.node, head, edge.suffix))
            }
            head += 1
        }
        return result
    }

    private mutating func build(_ position: Int) {
        let key = nodes[position].key
        var comparison = SchemaComparison(old: old, new: new, isResponse: key.isResponse)
        comparison.compare(old: key.old, new: key.new)
        nodes[position].findings = comparison.findings
        for pair in comparison.pairs {
            if let child = node(isResponse: key.isResponse, old: pair.old, new: pair.new) {
                nodes[position].edges.append(Edge(node: child, suffix: pair.suffix))
            }
        }
    }

    /// One node stands for every pair past ``nodeLimit``: the comparison is incomplete, so it cannot
    /// vouch for what it skipped.
    private mutating func limit(_ key: Key) -> Int {
        if let limitNode { return limitNode }
        let finding = Finding(
            kind: .comparisonLimitReached, breaking: true, suffix: [], oldPointer: key.old.first,
            newPointer: key.new.first,
            detail: " (more than \(Self.nodeLimit) schema pairs differ; not compared beyond this point, review by hand)"
        )
        nodes.append(Node(key: key, findings: [finding]))
        limitNode = nodes.count - 1
        return nodes.count - 1
    }

    /// Each pointer taken through the `$ref`s that add nothing, duplicates dropped: the schemas
    /// `{"$ref": X}` and X are one node.
    static func canonical(_ pointers: [JSONPointer], in resolver: SchemaResolver) -> [JSONPointer] {
        var seen: Set<JSONPointer> = []
        return pointers.map(resolver.canonical).filter { seen.insert($0).inserted }
    }
}
