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
        let first = allocate(location)
        while let (node, location) = pending.popLast() {
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
            throw error(location, keyword, "cannot resolve \(keyword) \"\(ref)\": no schema is known at \(uri)")
        }
        guard let root = index.resourceRoots[uri] else {
            throw error(location, keyword, "cannot resolve \(keyword) \"\(ref)\"")
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
                throw self.error(location, keyword, "\(keyword) \"\(ref)\" has an invalid JSON Pointer fragment")
            }
            target = Location(document: root.document, pointer: root.pointer.appending(contentsOf: pointer))
        } else if let anchor = index.anchors[uri + "#" + fragment] {
            target = anchor
        } else {
            throw error(location, keyword, "cannot resolve \(keyword) \"\(ref)\": no anchor \"\(fragment)\" in \(uri)")
        }
        guard index.value(at: target) != nil else {
            throw error(location, keyword, "cannot resolve \(keyword) \"\(ref)\": nothing at \(index.describe(target))")
        }
        return (target, fragment.isEmpty || fragment.hasPrefix("/") ? nil : fragment)
    }

    /// Rejects `$ref` chains that return to where they started without any other keyword.
    private mutating func checkRefCycles() throws(SchemaError) {
        defer { refCyclesCheckedBelow = nodes.count }
        for start in refCyclesCheckedBelow..<nodes.count {
            var seen: Set<Int> = [start]
            var current = start
            var path = [nodes[start].location]
            while nodes[current].checks.count == 1, case .ref(let next, _) = nodes[current].checks[0] {
                path.append(nodes[next].location)
                if next == start {
                    throw SchemaError(
                        file: file, pointer: (try? JSONPointer(uriFragment: nodes[start].location)) ?? .root,
                        message: "$ref cycle that never reaches a schema: \(path.joined(separator: " → "))")
                }
                if !seen.insert(next).inserted { break }
                current = next
            }
        }
    }
}
