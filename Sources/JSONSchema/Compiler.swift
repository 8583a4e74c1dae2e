import ECMARegex
import JSON

/// Turns schema documents into a ``Program``. Nodes are allocated when first referenced and filled
/// from a work list, so recursive schemas compile to cycles of indices without deep recursion.
struct Compiler {
    let dialect: Dialect
    let options: SchemaOptions
    let file: String?
    var index: SchemaIndex
    var nodes: [SchemaNode] = []
    private var compiled: [Location: Int] = [:]
    private var pending: [(Int, Location)] = []
    /// Nodes before this index were checked for `$ref` cycles; a node's checks never change once
    /// filled, so a new cycle must pass through a newer node.
    private var refCyclesCheckedBelow = 0
    private var resources: [String: Int] = [:]
    /// Where each node was compiled from, by node index.
    var locations: [Location] = []
    /// Places known not to compile (every node of a `$ref` cycle, and every pure-`$ref` chain into
    /// one), kept across failed compilations so that compiling each link of a long bad chain does
    /// not walk the whole chain again.
    var knownFailures: [Location: SchemaError] = [:]

    init(dialect: Dialect, options: SchemaOptions, file: String?, index: SchemaIndex) {
        self.dialect = dialect
        self.options = options
        self.file = file
        self.index = index
    }

    func error(_ location: Location, _ keyword: String? = nil, _ message: String) -> SchemaError {
        let pointer = keyword.map { location.pointer.appending($0) } ?? location.pointer
        let name = location.document == 0 ? file : index.documents[location.document].uri
        return SchemaError(file: name, pointer: pointer, message: message)
    }

    /// The node for `location`, compiling it (and everything it reaches) when new.
    mutating func node(for location: Location) throws(SchemaError) -> Int {
        if let failure = knownFailures[location] { throw failure }
        let first = allocate(location)
        while let (node, location) = pending.popLast() {
            if let failure = knownFailures[location] { throw failure }
            try fill(node, at: location)
        }
        try checkRefCycles()
        return first
    }

    /// Builds the program once every wanted entry point is compiled.
    mutating func finish() throws(SchemaError) -> Program {
        // Every `$dynamicAnchor` of every known resource is compiled, so dynamic scopes can find it.
        var table: [[String: Int]] = []
        var done = 0
        while true {
            let anchors = index.dynamicAnchors
            var added = false
            for (uri, names) in anchors {
                let resource = resourceIndex(uri)
                while table.count <= resource { table.append([:]) }
                for (name, location) in names where table[resource][name] == nil {
                    table[resource][name] = try node(for: location)
                    added = true
                }
            }
            done += 1
            if !added || done > 100 { break }
        }
        while table.count < resources.count { table.append([:]) }
        return Program(nodes: nodes, dynamicAnchors: table, options: options)
    }

    /// The node index for `location`, allocated (and queued for filling) when new.
    mutating func allocate(_ location: Location) -> Int {
        if let existing = compiled[location] { return existing }
        let id = nodes.count
        nodes.append(SchemaNode(location: index.describe(location), resource: 0))
        locations.append(location)
        compiled[location] = id
        pending.append((id, location))
        return id
    }

    mutating func resourceIndex(_ uri: String) -> Int {
        if let existing = resources[uri] { return existing }
        resources[uri] = resources.count
        return resources.count - 1
    }

    /// Resolves a `$ref`/`$dynamicRef` value found at `location`.
    mutating func resolve(_ ref: String, from location: Location, keyword: String) throws(SchemaError) -> (
        Location, fragment: String?
    ) {
        let absolute = URIReference(URIReference.resolve(ref, against: index.base(at: location)))
        let uri = absolute.withoutFragment
        if index.resourceRoots[uri] == nil && !index.loadRemote(uri) {
            throw error(
                location, keyword,
                "cannot resolve \(keyword) \"\(ref.excerpt())\": no schema is known at \(uri.excerpt())")
        }
        guard let root = index.resourceRoots[uri] else {
            throw error(location, keyword, "cannot resolve \(keyword) \"\(ref.excerpt())\"")
        }
        let fragment = absolute.fragment ?? ""
        var target: Location
        if fragment.isEmpty {
            target = root
        } else if fragment.hasPrefix("/") || fragment.hasPrefix("%2F") {
            let pointer: JSONPointer
            do {
                pointer = try JSONPointer(uriFragment: fragment)
            } catch {
                throw self.error(
                    location, keyword, "\(keyword) \"\(ref.excerpt())\" has an invalid JSON Pointer fragment")
            }
            target = Location(document: root.document, pointer: root.pointer.appending(contentsOf: pointer))
        } else if let anchor = index.anchors[uri + "#" + fragment] {
            target = anchor
        } else {
            throw error(
                location, keyword,
                "cannot resolve \(keyword) \"\(ref.excerpt())\": no anchor \"\(fragment.excerpt())\" in \(uri.excerpt())"
            )
        }
        guard index.value(at: target) != nil else {
            throw error(
                location, keyword,
                "cannot resolve \(keyword) \"\(ref.excerpt())\": nothing at \(index.describe(target).excerpt())")
        }
        return (target, fragment.isEmpty || fragment.hasPrefix("/") ? nil : fragment)
    }

    /// Rejects `$ref` chains that return to where they started without any other keyword.
    ///
    /// Nodes that are nothing but a `$ref` form a graph where each has one successor, so one walk
    /// per node that stops at any node already walked finds every cycle in linear time (walking each
    /// chain from each of its nodes was quadratic: a chain of 100,000 schemas never finished). The
    /// cycle reported is the one through the lowest new node, starting there, as before; every node
    /// of a cycle or of a chain into one is remembered in ``knownFailures``.
    private mutating func checkRefCycles() throws(SchemaError) {
        let low = refCyclesCheckedBelow
        defer { refCyclesCheckedBelow = nodes.count }
        guard low < nodes.count else { return }
        func successor(_ node: Int) -> Int? {
            guard nodes[node].checks.count == 1, case .ref(let next, _) = nodes[node].checks[0] else { return nil }
            return next
        }
        // Nodes below `low` were filled before the others were allocated, so they only lead to each
        // other: a cycle through a new node is made of new nodes. 0: not walked; 1: on the current
        // walk; 2: walked.
        var state = [UInt8](repeating: 0, count: nodes.count - low)
        // The cycle each new node is on or leads into (an index into `cycles`), -1 for none.
        var leadsTo = [Int](repeating: -1, count: nodes.count - low)
        var cycles: [[Int]] = []
        for start in low..<nodes.count where state[start - low] == 0 {
            var walk: [Int] = []
            var current = start
            var cycle = -1
            while true {
                state[current - low] = 1
                walk.append(current)
                guard let next = successor(current), next >= low else { break }
                if state[next - low] == 2 {
                    cycle = leadsTo[next - low]
                    break
                }
                if state[next - low] == 1 {
                    let members = Array(walk[walk.lastIndex(of: next)!...])
                    let first = members.firstIndex(of: members.min()!)!
                    cycles.append(Array(members[first...] + members[..<first]))
                    cycle = cycles.count - 1
                    break
                }
                current = next
            }
            for node in walk {
                state[node - low] = 2
                leadsTo[node - low] = cycle
            }
        }
        guard !cycles.isEmpty else { return }
        let errors = cycles.map { cycle in
            let names = (cycle + [cycle[0]]).map { nodes[$0].location }
            let shown =
                names.count <= 12
                ? names.joined(separator: " → ")
                : (names.prefix(6) + ["… (\(names.count - 9) more)"] + names.suffix(3)).joined(separator: " → ")
            return SchemaError(
                file: file, pointer: (try? JSONPointer(uriFragment: nodes[cycle[0]].location)) ?? .root,
                message: "$ref cycle that never reaches a schema: \(shown)")
        }
        for (offset, cycle) in leadsTo.enumerated() where cycle >= 0 {
            knownFailures[locations[low + offset]] = errors[cycle]
        }
        throw errors[cycles.indices.min { cycles[$0][0] < cycles[$1][0] }!]
    }
}
