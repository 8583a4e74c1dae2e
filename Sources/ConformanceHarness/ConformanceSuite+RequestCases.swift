import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

extension ConformanceSuite {
    /// Calls derived from the contract that exercise encoding, each answered by the recorded
    /// exchange, so a client that puts the call on the wire as the contract says gets the recorded
    /// view and one that does not sends a request the check names:
    /// - each string path parameter given a value its schema allows that must be percent-encoded
    ///   (`/`, a space, `?`, `#`, `%`, a non-ASCII letter);
    /// - each array query parameter with enumerated items given several values, sent in the form
    ///   the contract documents (repeated, or joined by its delimiter).
    /// - each way the recorded request body can break its schema (a required member removed, a
    ///   wrong type, a broken pattern, null where null is not allowed): the client must refuse to
    ///   send it (throw before sending), or the case says what it sent.
    static func requestCases(
        from success: ConformanceCase, operation: Contracts.Operation, checker: RequestChecker, contract: Contract
    ) -> [ConformanceCase] {
        guard let interaction = success.interactions.first, success.interactions.count == 1 else { return [] }
        var cases = escapedPathCases(from: success, interaction: interaction, operation: operation, checker: checker)
        cases += severalValuesCases(from: success, interaction: interaction, operation: operation, checker: checker)
        cases += refusalCases(from: success, checker: checker, contract: contract)
        return cases
    }

    static func refusalCases(from success: ConformanceCase, checker: RequestChecker, contract: Contract)
        -> [ConformanceCase]
    {
        guard let body = success.call.body, let schema = checker.jsonBody else { return [] }
        let shape = ResponseShape(contract: contract, schemaAt: schema.pointer)
        let refused: Set<Mutation.Kind> = [.removeRequired, .nullNonNullable, .wrongType, .breakPattern]
        return MutationGenerator.mutations(
            of: body, bytes: JSONWriter.write(body), shape: shape, validator: schema.validator
        ).compactMap { mutated in
            guard refused.contains(mutated.mutation.kind), let value = mutated.value else { return nil }
            var variant = success
            variant.kind = .request
            variant.mutation = mutated.mutation
            variant.id = success.id + "#request-body:" + mutated.mutation.identifier
            variant.call.body = value
            variant.expectation = .refuseToSend(reason: "request body: " + mutated.mutation.description)
            return variant
        }
    }

    static func severalValuesCases(
        from success: ConformanceCase, interaction: Cassette.Interaction, operation: Contracts.Operation,
        checker: RequestChecker
    ) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for parameter in operation.parameters where parameter.location == "query" && parameter.isArray {
            let values = checker.enumValues(ofQuery: parameter.name).prefix(3)
            guard values.count >= 2,
                var components = URLComponents(url: interaction.request.url, resolvingAgainstBaseURL: false)
            else { continue }
            var items = (components.percentEncodedQueryItems ?? []).filter { $0.name != parameter.name }
            if parameter.explode {
                items += values.map { URLQueryItem(name: parameter.name, value: percentEncoded($0)) }
            } else {
                let joined = values.map(percentEncoded).joined(separator: String(parameter.delimiter))
                items.append(URLQueryItem(name: parameter.name, value: joined))
            }
            components.percentEncodedQueryItems = items
            guard let url = components.url else { continue }
            var variant = success
            variant.kind = .request
            variant.id = success.id + "#several-values:" + parameter.name
            variant.call.parameters[parameter.name] = Array(values)
            variant.interactions[0].request.url = url
            cases.append(variant)
        }
        return cases
    }

    static func escapedPathCases(
        from success: ConformanceCase, interaction: Cassette.Interaction, operation: Contracts.Operation,
        checker: RequestChecker
    ) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        for parameter in operation.parameters where parameter.location == "path" {
            guard let recorded = success.call.parameter(parameter.name) else { continue }
            let candidate = recorded + "/needs escaping?#%ä"
            guard checker.accepts(pathValue: candidate, for: parameter.name) else { continue }
            let encodedRecorded = percentEncoded(recorded)
            let encoded = percentEncoded(candidate)
            guard var components = URLComponents(url: interaction.request.url, resolvingAgainstBaseURL: false) else {
                continue
            }
            let path = components.percentEncodedPath
            guard let range = path.range(of: "/" + encodedRecorded, options: .backwards) else { continue }
            components.percentEncodedPath = path.replacingCharacters(in: range, with: "/" + encoded)
            guard let url = components.url else { continue }
            var variant = success
            variant.kind = .request
            variant.id = success.id + "#escaped-path-parameter:" + parameter.name
            variant.call.parameters[parameter.name] = [candidate]
            variant.interactions[0].request.url = url
            cases.append(variant)
        }
        return cases
    }

    /// A path segment as RFC 3986 allows it: unreserved characters kept, everything else escaped.
    static func percentEncoded(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
