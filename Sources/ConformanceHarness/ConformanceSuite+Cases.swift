import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON
import JSONSchema

extension ConformanceSuite {
    /// The cases for every operation `adapter` implements: what a parameterized test runs
    /// (`@Test(arguments: try ConformanceSuite.bundled().cases(for: MyAdapter()))`).
    ///
    /// Set `CONFORMANCE_CASE` to one case id, or several separated by commas (`*` wildcards), to run
    /// only those: the reproduce line of a failure says exactly that.
    /// - Throws: ``SuiteError`` when the suite has problems, a case cannot be derived, one of the
    ///   adapter's operations has no case at all, or `CONFORMANCE_CASE` matches nothing — never an
    ///   empty list that would make a test pass having checked nothing.
    public func cases(for adapter: any ConformanceAdapter, policy: MutationPolicy = .default) throws(SuiteError)
        -> [ConformanceCase]
    {
        try cases(operations: adapter.operations, policy: policy)
    }

    /// The cases of the given operations (see ``cases(for:policy:)``).
    public func cases(operations: Set<String>, policy: MutationPolicy = .default) throws(SuiteError)
        -> [ConformanceCase]
    {
        try cases(
            operations: operations, policy: policy, filter: ProcessInfo.processInfo.environment["CONFORMANCE_CASE"])
    }

    /// The cases of the given operations, narrowed by `filter` (comma-separated ids, `*` wildcards).
    package func cases(operations: Set<String>, policy: MutationPolicy = .default, filter: String?) throws(SuiteError)
        -> [ConformanceCase]
    {
        try requireUsable()
        let derived = cases(policy: policy)
        var causes = derived.problems
        let wanted = derived.cases.filter { operations.contains($0.operationId) }
        for operation in operations.sorted() where !wanted.contains(where: { $0.operationId == operation }) {
            let known = contracts.values.contains { $0.operation(id: operation) != nil }
            causes.append(
                known
                    ? "operation '\(operation)' has no cases: no cassette under recordings/<provider>/\(operation)/"
                    : "operation '\(operation)' is in no contract (contracts hold: \(operationIds.joined(separator: ", ")))"
            )
        }
        if operations.isEmpty { causes.append("no operation asked for (the adapter's `operations` is empty)") }
        guard causes.isEmpty else {
            throw SuiteError(lookedAt: contractsDirectories + recordingsDirectories, causes: causes)
        }
        guard let filter, !filter.isEmpty else {
            return wanted
        }
        let patterns = filter.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let chosen = wanted.filter { item in patterns.contains { Verification.matches(item.id, pattern: $0) } }
        guard !chosen.isEmpty else {
            throw SuiteError(
                lookedAt: contractsDirectories + recordingsDirectories,
                causes: [
                    "CONFORMANCE_CASE=\(filter) matches none of the \(wanted.count) cases of \(operations.sorted().joined(separator: ", "))"
                ])
        }
        return chosen
    }

    /// Every operationId of every contract, sorted.
    var operationIds: [String] {
        contracts.values.flatMap { $0.operations.map(\.id) }.sorted()
    }

    /// Every case derived from the cassettes and their contracts under `policy`: each scenario as
    /// recorded (success or documented error), and each success body's mutations whose expectation
    /// is not `skip`. Cassettes that cannot be turned into cases are reported in `problems`.
    package func cases(policy: MutationPolicy = .default) -> (cases: [ConformanceCase], problems: [String]) {
        var cases: [ConformanceCase] = []
        var problems: [String] = []
        // One checker per operation: its parameter and body schemas are compiled once.
        var checkers: [String: RequestChecker] = [:]
        // Request cases come from the first single-exchange success scenario of each operation.
        var requested: Set<String> = []
        for entry in cassettes {
            do {
                var derived = try Self.cases(for: entry, contract: contracts[entry.provider], policy: policy)
                if let contract = contracts[entry.provider],
                    let operation = contract.operation(id: entry.cassette.operationId)
                {
                    let key = entry.provider + "/" + operation.id
                    let checker = checkers[key] ?? RequestChecker(contract: contract, operation: operation)
                    checkers[key] = checker
                    for index in derived.indices { derived[index].checker = checker }
                    if let success = derived.first, success.kind == .success, success.interactions.count == 1,
                        !requested.contains(key)
                    {
                        requested.insert(key)
                        derived += Self.requestCases(
                            from: success, operation: operation, checker: checker, contract: contract)
                    }
                }
                cases += derived
            } catch {
                problems.append("\(entry.path): \(error.message)")
            }
        }
        return (cases, problems)
    }

    struct DerivationError: Error {
        var message: String
    }

    static func cases(for entry: Entry, contract: Contract?, policy: MutationPolicy) throws(DerivationError)
        -> [ConformanceCase]
    {
        let cassette = entry.cassette
        guard let contract else {
            throw DerivationError(
                message:
                    "no contract for provider '\(entry.provider)' (expected contracts/\(entry.provider).openapi.json)")
        }
        guard let operation = contract.operation(id: cassette.operationId) else {
            throw DerivationError(message: "operation '\(cassette.operationId)' is not in \(contract.file)")
        }
        // A deliberate violation has no defined client behaviour: it documents a provider quirk.
        if cassette.violation != nil { return [] }
        guard let first = cassette.interactions.first else {
            throw DerivationError(message: "the cassette has no interactions")
        }
        let paginated = contract.document[operation.pointer.appending("x-pagination")] != nil
        let call = ConformanceCall(
            operationId: operation.id, parameters: Self.parameters(of: first.request, template: operation.path),
            pageLimit: paginated ? cassette.interactions.count : nil, body: Self.requestBody(of: first.request))
        let base = "\(entry.provider)/\(cassette.operationId)/\(entry.scenario)"
        var template = ConformanceCase(
            id: base, provider: entry.provider, operationId: operation.id, scenario: entry.scenario,
            cassettePath: entry.path, kind: .success, call: call,
            interactions: paginated ? cassette.interactions : [first], mutation: nil,
            expectation: .rejection(reason: ""), shape: nil, paginated: paginated, matcher: .contract(operation))

        if let failing = template.interactions.first(where: { !(200...299).contains($0.response.status) }) {
            template.kind = .documentedError
            let status = failing.response.status
            guard let response = operation.response(forStatus: status), !(200...299).contains(status) else {
                template.expectation = .rejection(
                    reason: "status \(status) is not documented for \(operation.id): a generic error")
                return [template]
            }
            let shape = ResponseShape(contract: contract, response: response)
            let body = try Self.json(failing.response.body, what: "the \(status) body")
            template.shape = shape
            template.expectation = .apiError(status: status, fields: NormalizedView.expected(from: body, shape: shape))
            return [template]
        }

        guard let response = operation.response(forStatus: first.response.status) else {
            throw DerivationError(message: "status \(first.response.status) is not documented for \(operation.id)")
        }
        let shape = ResponseShape(contract: contract, response: response)
        var bodies: [JSONValue] = []
        for (index, interaction) in template.interactions.enumerated() {
            // A response documented without a body (201 with a Location, 204) has the view null.
            if interaction.response.body.isEmpty && response.schemaPointer == nil {
                bodies.append(.null)
                continue
            }
            bodies.append(try Self.json(interaction.response.body, what: "interaction \(index)'s body"))
        }
        template.shape = shape
        let views = bodies.map { NormalizedView.expected(from: $0, shape: shape) }
        template.expectation = .view(paginated ? .array(views) : views[0])
        var cases = [template]

        guard let shape, let mutableBody = bodies.first else { return cases }
        let validator = try? response.validator()
        let pagination = contract.document[operation.pointer.appending("x-pagination")]
        for mutated in MutationGenerator.mutations(
            of: mutableBody, bytes: first.response.body, shape: shape, validator: validator)
        {
            var expectation = policy.expectation(for: mutated.mutation)
            if Self.breaksPagination(mutated, original: mutableBody, pagination: pagination), expectation == .tolerate {
                // A page that says more follow but gives no cursor cannot be followed: the contract
                // allows each field alone, x-pagination forbids the pair. Surfacing it is correct.
                expectation = .reject
            }
            if expectation == .skip { continue }
            var variant = template
            variant.kind = .mutation
            variant.mutation = mutated.mutation
            variant.id = base + "#" + mutated.mutation.identifier
            variant.interactions[0].response.body = mutated.bytes
            if expectation == .reject {
                variant.expectation = .rejection(reason: mutated.mutation.description)
            } else if let value = mutated.value {
                var pages = views
                pages[0] = NormalizedView.expected(from: value, shape: shape)
                variant.expectation = .view(paginated ? .array(pages) : pages[0])
            } else {
                continue
            }
            cases.append(variant)
        }
        return cases
    }

    /// True when the mutation leaves a page that says more pages follow without the cursor to reach them.
    static func breaksPagination(_ mutated: MutatedBody, original: JSONValue, pagination: JSONValue?) -> Bool {
        guard let pagination, case .string(let cursorText)? = pagination["nextCursor"],
            case .string(let moreText)? = pagination["hasMore"],
            let cursor = try? JSONPointer(parsing: cursorText), let more = try? JSONPointer(parsing: moreText),
            mutated.mutation.pointer == cursor, original[more] == .bool(true)
        else { return false }
        let value = mutated.value?[cursor]
        return value == nil || value == .null
    }

    static func json(_ bytes: [UInt8], what: String) throws(DerivationError) -> JSONValue {
        do {
            return try JSONDocument.parse(bytes).value()
        } catch {
            throw DerivationError(message: "\(what) is not JSON: \(error.location): \(error.message)")
        }
    }

    /// The recorded request body as JSON (a form body as an object of strings); nil without one.
    static func requestBody(of request: HTTPRequest) -> JSONValue? {
        guard !request.body.isEmpty else { return nil }
        if let value = try? JSONDocument.parse(request.body).value() { return value }
        guard request.headers["Content-Type"]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true,
            let text = String(validating: request.body, as: UTF8.self)
        else { return nil }
        var object = JSONObject([])
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            object[parts[0]] = .string(parts.count > 1 ? parts[1] : "")
        }
        return .object(object)
    }

    /// Path parameters read against the operation's template, then query parameters in order.
    static func parameters(of request: HTTPRequest, template: String) -> [String: [String]] {
        var parameters: [String: [String]] = [:]
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        let pathSegments = (components?.percentEncodedPath ?? request.url.path).split(
            separator: "/", omittingEmptySubsequences: true)
        let templateSegments = template.split(separator: "/", omittingEmptySubsequences: true)
        // Servers may add a base path: align the template with the end of the request path.
        let offset = pathSegments.count - templateSegments.count
        if offset >= 0 {
            for (index, segment) in templateSegments.enumerated() where segment.hasPrefix("{") && segment.hasSuffix("}")
            {
                let name = String(segment.dropFirst().dropLast())
                let raw = String(pathSegments[offset + index])
                parameters[name] = [raw.removingPercentEncoding ?? raw]
            }
        }
        for item in components?.queryItems ?? [] {
            parameters[item.name, default: []].append(item.value ?? "")
        }
        return parameters
    }
}
