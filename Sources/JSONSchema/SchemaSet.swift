import Foundation
import JSON

/// Schemas to validate against: a root document (a JSON Schema, or a whole OpenAPI document so that
/// `#/components/schemas/…` resolves) plus any documents it references by URI.
///
/// Compile once with ``validator(at:)``, then validate many instances; validators are immutable and
/// safe to share across threads.
public struct SchemaSet: Sendable {
    /// The root document (a schema, or a whole OpenAPI document).
    public let document: JSONValue
    /// The rules schemas are read by.
    public let dialect: Dialect
    /// The root document's URI, against which relative references resolve.
    public let baseURI: String
    /// The file name used in ``SchemaError``s.
    public let file: String?
    /// How schemas are compiled and applied.
    public let options: SchemaOptions
    /// Other documents by absolute URI, for remote `$ref`s.
    public let resources: [String: JSONValue]
    /// Compiled nodes shared by every validator of this set.
    let cache = CompilationCache()

    /// - Parameters:
    ///   - document: the root document.
    ///   - dialect: the rules to read schemas by.
    ///   - baseURI: the root document's URI, against which relative references resolve.
    ///   - file: the file name used in errors.
    ///   - resources: other documents by absolute URI, for remote `$ref`s (nothing is fetched).
    /// - Throws: ``SchemaError`` when the root document is not an object or boolean.
    public init(
        document: JSONValue, dialect: Dialect, baseURI: String = "urn:conformance:root", file: String? = nil,
        options: SchemaOptions = .default, resources: [String: JSONValue] = [:]
    ) throws(SchemaError) {
        switch document {
        case .object, .bool: break
        default:
            throw SchemaError(
                file: file, pointer: .root,
                message: "a schema document must be an object or a boolean, found \(document.typeName)")
        }
        self.document = document
        self.dialect = dialect
        self.baseURI = baseURI
        self.file = file
        self.options = options
        self.resources = resources
    }

    /// Compiles the schema at `pointer` (and everything it references).
    public func validator(at pointer: JSONPointer = .root) throws(SchemaError) -> Validator {
        guard document[pointer] != nil else {
            throw SchemaError(file: file, pointer: pointer, message: "no schema at \(pointer.uriFragment)")
        }
        return try cache.withCompiler(make: makeCompiler) {
            (compiler: inout Compiler) throws(SchemaError) -> Validator in
            let entry = try compiler.node(for: Location(document: 0, pointer: pointer))
            let program = try compiler.finish()
            return Validator(program: program, entry: entry, location: pointer)
        }
    }

    /// Compiles the schemas at several places in one pass: the validators share one program, so
    /// the cost is that of compiling their union once. A place that does not compile gets its own
    /// error; the others still compile (the places are split in halves until each bad one is alone, so
    /// one bad schema among n costs about log n passes, not n).
    public func validators(at pointers: [JSONPointer]) -> [JSONPointer: Result<Validator, SchemaError>] {
        var results: [JSONPointer: Result<Validator, SchemaError>] = [:]
        var unique: [JSONPointer] = []
        var seen: Set<JSONPointer> = []
        for pointer in pointers where seen.insert(pointer).inserted { unique.append(pointer) }
        compile(unique[...], into: &results)
        return results
    }

    private func compile(
        _ pointers: ArraySlice<JSONPointer>, into results: inout [JSONPointer: Result<Validator, SchemaError>]
    ) {
        guard !pointers.isEmpty else { return }
        do {
            try cache.withCompiler(make: makeCompiler) { (compiler: inout Compiler) throws(SchemaError) in
                var entries: [(pointer: JSONPointer, node: Int)] = []
                for pointer in pointers {
                    guard document[pointer] != nil else {
                        throw SchemaError(file: file, pointer: pointer, message: "no schema at \(pointer.uriFragment)")
                    }
                    entries.append((pointer, try compiler.node(for: Location(document: 0, pointer: pointer))))
                }
                let program = try compiler.finish()
                for entry in entries {
                    results[entry.pointer] = .success(
                        Validator(program: program, entry: entry.node, location: entry.pointer))
                }
            }
        } catch {
            guard pointers.count > 1 else {
                results[pointers[pointers.startIndex]] = .failure(error)
                return
            }
            let middle = pointers.startIndex + pointers.count / 2
            compile(pointers[..<middle], into: &results)
            compile(pointers[middle...], into: &results)
        }
    }

    private func makeCompiler() -> Compiler {
        var index = SchemaIndex(dialect: dialect, available: resources)
        _ = index.add(document, uri: baseURI)
        return Compiler(dialect: dialect, options: options, file: file, index: index)
    }
}

/// One compiler per schema set, so subschemas reached from several entry points compile once. Later
/// validators get a program that extends earlier ones; node indices never change.
///
/// `@unchecked Sendable`: the only mutable state, `compiler` and `knownFailures`, is read and written
/// under `lock`.
final class CompilationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var compiler: Compiler?
    private var knownFailures: [Location: SchemaError] = [:]

    func withCompiler<R>(make: () -> Compiler, _ body: (inout Compiler) throws(SchemaError) -> R) throws(SchemaError)
        -> R
    {
        lock.lock()
        defer { lock.unlock() }
        // A failed compilation leaves no half-compiled nodes behind: work on a copy, keep it on success.
        // What it learned about places that cannot compile is kept either way.
        // The first compiler is kept even when its first compilation fails: making one indexes the
        // whole document, which must not happen again for each of many failing entry points.
        if compiler == nil { compiler = make() }
        var working = compiler!
        working.knownFailures = knownFailures
        do {
            let result = try body(&working)
            compiler = working
            knownFailures = working.knownFailures
            return result
        } catch {
            knownFailures = working.knownFailures
            throw error
        }
    }
}

/// A compiled schema. Immutable, `Sendable`: validate any number of instances from any thread.
public struct Validator: Sendable {
    let program: Program
    let entry: Int
    /// Where the schema is in its document.
    public let location: JSONPointer

    /// True when the node `node` of `document` is valid. The fast path: stops at the first failure
    /// and builds no messages.
    public func isValid(_ document: JSONDocument, at node: Int = 0) -> Bool {
        run(document, node, collect: false).valid
    }

    /// Every violation of the node `node` of `document` (empty when valid).
    public func validate(_ document: JSONDocument, at node: Int = 0) -> [Violation] {
        run(document, node, collect: true).violations
    }

    /// Every violation of `value`.
    public func validate(_ value: JSONValue) -> [Violation] {
        let bytes = JSONWriter.write(value)
        guard let document = try? JSONDocument.parse(bytes, options: JSONParseOptions(duplicateKeys: .allow)) else {
            return []
        }
        return validate(document)
    }

    /// True when `value` is valid.
    public func isValid(_ value: JSONValue) -> Bool {
        let bytes = JSONWriter.write(value)
        guard let document = try? JSONDocument.parse(bytes, options: JSONParseOptions(duplicateKeys: .allow)) else {
            return false
        }
        return isValid(document)
    }

    private func run(_ document: JSONDocument, _ node: Int, collect: Bool) -> (valid: Bool, violations: [Violation]) {
        program.nodes.withUnsafeBufferPointer { nodes in
            document.nodes.withUnsafeBufferPointer { tape in
                document.bytes.withUnsafeBufferPointer { bytes in
                    var evaluator = Evaluator(
                        program: program, nodes: nodes, document: document, tape: tape, bytes: bytes, collect: collect)
                    if collect {
                        evaluator.path = prefixPath(document, node)
                    }
                    let size = document.next(after: node) - node
                    let perNode = size.multipliedReportingOverflow(by: 1_000)
                    let budget = program.options.maxEvaluationSteps.addingReportingOverflow(perNode.partialValue)
                    let limit = budget.overflow || perNode.overflow ? Int.max : budget.partialValue
                    evaluator.stepsLeft = limit
                    let valid = evaluator.eval(entry, node, nil)
                    guard evaluator.exhausted else { return (valid, evaluator.violations) }
                    // Whatever was decided before the budget ran out (a `not` of a failure) cannot stand.
                    var violations = evaluator.violations
                    if collect {
                        violations.append(
                            Violation(
                                instancePointer: document.pointer(to: node),
                                schemaLocation: program.nodes[entry].location,
                                keyword: "$ref", expected: "validation within \(limit) subschema evaluations",
                                actual: evaluator.render(node),
                                message:
                                    "validation gave up after \(limit) subschema evaluations (alternatives that multiply, such as anyOf over recursive $refs); the instance is reported invalid"
                            ))
                    }
                    return (false, violations)
                }
            }
        }
    }

    /// Path elements of `node` from the root, so violations of a sub-node carry full pointers.
    private func prefixPath(_ document: JSONDocument, _ target: Int) -> [Int] {
        guard target != 0 else { return [] }
        var path: [Int] = []
        var current = 0
        while current != target {
            let node = document.nodes[current]
            guard node.kind == .array || node.kind == .object, target < Int(node.end) else { break }
            var next: Int? = nil
            if node.kind == .array {
                for (position, element) in document.elements(current).enumerated()
                where target >= element && target < document.next(after: element) {
                    path.append(-1 - position)
                    next = element
                    break
                }
            } else {
                for (key, value) in document.members(current)
                where target >= value && target < document.next(after: value) {
                    path.append(key)
                    next = value
                    break
                }
            }
            guard let next else { break }
            current = next
        }
        return path
    }
}
