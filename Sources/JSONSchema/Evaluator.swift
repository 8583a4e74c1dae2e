import JSON

/// What evaluated subschemas saw of an instance, for `unevaluatedProperties`/`unevaluatedItems`.
struct Annotations {
    /// Tape indices of the keys of evaluated members.
    var properties: Set<Int> = []
    var allProperties = false
    var items: Set<Int> = []
    var prefix = 0
    var allItems = false

    mutating func merge(_ other: Annotations) {
        if other.allProperties {
            allProperties = true
        } else if !other.properties.isEmpty {
            properties.formUnion(other.properties)
        }
        if other.allItems { allItems = true } else if !other.items.isEmpty { items.formUnion(other.items) }
        prefix = max(prefix, other.prefix)
    }
}

/// One evaluation of a program over one document. `collect` decides between the fast yes/no path
/// (stop at the first failure, no messages) and the full report.
struct Evaluator: ~Copyable {
    let program: Program
    let document: JSONDocument
    let tape: UnsafeBufferPointer<JSONNode>
    let bytes: UnsafeBufferPointer<UInt8>
    /// `program.nodes`, borrowed for the evaluation so reading a node retains nothing.
    let nodes: UnsafeBufferPointer<SchemaNode>
    var collect: Bool
    var violations: [Violation] = []
    /// The instance path: key tape indices (>= 0) and array positions (-1 - index).
    var path: [Int] = []
    /// Resources entered, outermost first, for `$dynamicRef`.
    var scope: [Int] = []
    var depth = 0
    /// Subschema evaluations left before the validation gives up (see ``SchemaOptions/maxEvaluationSteps``).
    var stepsLeft = Int.max
    /// The step budget ran out: every further evaluation fails and the instance is invalid.
    var exhausted = false

    init(
        program: Program, nodes: UnsafeBufferPointer<SchemaNode>, document: JSONDocument,
        tape: UnsafeBufferPointer<JSONNode>,
        bytes: UnsafeBufferPointer<UInt8>, collect: Bool
    ) {
        self.program = program
        self.nodes = nodes
        self.document = document
        self.tape = tape
        self.bytes = bytes
        self.collect = collect
    }

    /// Evaluates schema node `n` against instance node `i`; annotations go to `out` when given.
    mutating func eval(_ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?) -> Bool {
        if nodes[n].alwaysFails {
            report(
                n, "", i, expected: "nothing (the schema is false)",
                message: "no value is allowed here (the schema is false)", absolute: true)
            return false
        }
        let count = nodes[n].checks.count
        if count == 0 { return true }
        stepsLeft &-= 1
        if stepsLeft < 0 {
            exhausted = true
            return false
        }
        depth += 1
        defer { depth -= 1 }
        if depth > program.options.maxEvaluationDepth {
            report(
                n, "$ref", i, expected: "evaluation depth ≤ \(program.options.maxEvaluationDepth)",
                message:
                    "schema evaluation nested deeper than \(program.options.maxEvaluationDepth) levels (a $ref cycle?)")
            return false
        }
        let resource = nodes[n].resource
        let pushed = program.usesDynamicScope && scope.last != resource
        if pushed { scope.append(resource) }
        defer { if pushed { scope.removeLast() } }

        if out == nil && !nodes[n].needsAnnotations {
            var valid = true
            for k in 0..<count {
                let ok: Bool
                switch nodes[n].fast[k] {
                case .type(let mask): ok = checkType(mask, n, i)
                case .ref(let target): ok = eval(target, i, nil)
                case .general: ok = evalCheck(k, n, i, nil)
                }
                if !ok {
                    valid = false
                    if !collect { return false }
                }
            }
            return valid
        }
        var local = Annotations()
        var valid = true
        withUnsafeMutablePointer(to: &local) { annotations in
            for k in 0..<count where !evalCheck(k, n, i, annotations) {
                valid = false
                if !collect { return }
            }
        }
        if valid, let out { out.pointee.merge(local) }
        return valid
    }

    /// Evaluates without recording violations (for anyOf, oneOf, not, if, contains).
    mutating func silently(_ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?) -> Bool {
        let saved = collect
        collect = false
        defer { collect = saved }
        return eval(n, i, out)
    }

    /// Evaluates check `k` of node `n`; switching on the stored check in place copies only the payload bound.
    mutating func evalCheck(_ k: Int, _ n: Int, _ i: Int, _ out: UnsafeMutablePointer<Annotations>?) -> Bool {
        switch nodes[n].checks[k] {
        case .type(let mask): return checkType(mask, n, i)
        case .object(let shape): return tape[i].kind == .object ? checkObject(shape, n, i, out) : true
        case .array(let shape): return tape[i].kind == .array ? checkArray(shape, n, i, out) : true
        case .ref(let target, _): return eval(target, i, out)
        case .dynamicRef(let target, let anchor): return eval(dynamicTarget(target, anchor), i, out)
        case .allOf(let children):
            var valid = true
            for child in children where !eval(child, i, out) {
                valid = false
                if !collect { return false }
            }
            return valid
        case .anyOf(let children):
            var any = false
            for child in children where silently(child, i, out) {
                any = true
                if out == nil { break }
            }
            if !any {
                report(
                    n, "anyOf", i, expected: "a match for at least one of \(children.count) schemas",
                    message: "\(render(i)) matches none of the \(children.count) alternatives of anyOf")
                explainClosest(children, i)
            }
            return any
        case .oneOf(let children):
            var matches: [Int] = []
            var matched = Annotations()
            for (k, child) in children.enumerated() {
                var local = Annotations()
                let passed = withUnsafeMutablePointer(to: &local) { silently(child, i, out == nil ? nil : $0) }
                if passed {
                    matches.append(k)
                    matched = local
                    if matches.count > 1 && out == nil && !collect { return false }
                }
            }
            if matches.count == 1 {
                out?.pointee.merge(matched)
                return true
            }
            let detail =
                matches.isEmpty
                ? "matches none"
                : "matches \(matches.count) (alternatives \(matches.map(String.init).joined(separator: ", ")))"
            report(
                n, "oneOf", i, expected: "a match for exactly one of \(children.count) schemas",
                message: "\(render(i)) \(detail) of the \(children.count) alternatives of oneOf; exactly one must match"
            )
            if matches.isEmpty { explainClosest(children, i) }
            return false
        case .unlessNull(let child):
            return tape[i].kind == .null || eval(child, i, out)
        case .not(let child):
            if silently(child, i, nil) {
                report(
                    n, "not", i, expected: "a value that does not match the schema under not",
                    message: "\(render(i)) must not match the schema under not")
                return false
            }
            return true
        case .ifThenElse(let condition, let then, let otherwise):
            var local = Annotations()
            let passed = withUnsafeMutablePointer(to: &local) { silently(condition, i, out == nil ? nil : $0) }
            if passed {
                out?.pointee.merge(local)
                return then.map { eval($0, i, out) } ?? true
            }
            return otherwise.map { eval($0, i, out) } ?? true
        case .dependentSchemas(let rules):
            guard tape[i].kind == .object else { return true }
            var valid = true
            for rule in rules where document.member(i, rule.triggerName) != nil && !eval(rule.node, i, out) {
                valid = false
                if !collect { return false }
            }
            return valid
        case .unevaluatedProperties(let child): return checkUnevaluatedProperties(child, n, i, out)
        case .unevaluatedItems(let child): return checkUnevaluatedItems(child, n, i, out)
        default:
            return checkScalarKeyword(k, n, i, out)
        }
    }

    private func dynamicTarget(_ target: Int, _ anchor: String?) -> Int {
        guard let anchor else { return target }
        for resource in scope {
            if resource < program.dynamicAnchors.count, let node = program.dynamicAnchors[resource][anchor] {
                return node
            }
        }
        return target
    }

    // MARK: - Reporting

    /// Steps into a member (key tape index) or item (-1 - position); paths are kept only for reports.
    @inline(__always)
    mutating func enter(_ token: Int) {
        if collect { path.append(token) }
    }

    @inline(__always)
    mutating func leave() {
        if collect { path.removeLast() }
    }

    /// Records a violation of `keyword` of node `n` at instance `i` (the current path).
    /// Records a violation (nothing when not collecting; costly texts are built by callers only when `collect`).
    /// After an `anyOf`/`oneOf` that nothing matched: the violations of the alternative that came
    /// closest, so the real cause shows — three members that were null, say — instead of only
    /// "matches none". Closest: an alternative of the instance's own kind (its `type` fits) before
    /// one it is not even the kind of, then the fewest violations; at most 10 are added.
    mutating func explainClosest(_ children: [Int], _ i: Int) {
        guard collect, !children.isEmpty else { return }
        let before = violations.count
        var best: (rank: (Int, Int), found: [Violation])? = nil
        for child in children.prefix(16) {
            _ = eval(child, i, nil)
            let found = Array(violations[before...])
            violations.removeSubrange(before...)
            guard !found.isEmpty else { continue }
            let rank = (kindFits(child, i, hops: 8) ? 0 : 1, found.count)
            if best == nil || rank < best!.rank { best = (rank, found) }
        }
        violations += (best?.found ?? []).prefix(10)
    }

    /// Whether the instance is of a kind node `n` allows (its `type`, through `$ref`s); true when
    /// the node says nothing about type.
    func kindFits(_ n: Int, _ i: Int, hops: Int) -> Bool {
        for check in nodes[n].checks {
            switch check {
            case .type(let mask):
                if !fits(mask, i) { return false }
            case .ref(let target, _) where hops > 0:
                if !kindFits(target, i, hops: hops - 1) { return false }
            case .unlessNull(let inner) where hops > 0:
                if tape[i].kind != .null && !kindFits(inner, i, hops: hops - 1) { return false }
            default: continue
            }
        }
        return true
    }

    mutating func report(
        _ n: Int, _ keyword: String, _ i: Int, expected: String, message: String, absolute: Bool = false
    ) {
        guard collect else { return }
        let location = nodes[n].location
        let schemaLocation = keyword.isEmpty ? location : location + "/" + JSONPointer.escape(keyword)
        violations.append(
            Violation(
                instancePointer: currentPointer(), schemaLocation: schemaLocation,
                keyword: keyword.isEmpty ? "false" : keyword,
                expected: expected, actual: render(i), message: message))
    }

    func currentPointer() -> JSONPointer {
        JSONPointer(tokens: path.map { $0 >= 0 ? document.string($0) : String(-1 - $0) })
    }

    /// A short rendering of the instance node for messages.
    func render(_ i: Int) -> String {
        let raw = document.rawBytes(i)
        if raw.count <= 64 { return String(decoding: raw, as: UTF8.self) }
        var text = String(decoding: raw.prefix(60), as: UTF8.self)
        while text.utf8.count > 60 { text.removeLast() }
        return text + "…"
    }
}
