import Contracts
import HTTPTransport
import JSON

/// How a live response departs from its contract: undocumented status, body that is not JSON,
/// schema violations (missing required fields, type and format changes) and undocumented fields.
enum Drift {
    static func report(_ response: HTTPResponse, operation: Contracts.Operation, contract: Contract) -> [String] {
        var lines = operation.problems(status: response.status, body: response.body)
        guard let spec = operation.response(forStatus: response.status), spec.schemaPointer != nil,
            let document = try? JSONDocument.parse(response.body)
        else { return lines }
        let documented = contract.documentedFields(of: spec)
        for path in undocumented(document.value(), at: [], documented: documented) {
            lines.append(
                "\(path.isEmpty ? "(root)" : "/" + path.map(JSONPointer.escape).joined(separator: "/")): undocumented field"
            )
        }
        return lines
    }

    /// Member paths present in the body but not in the schema, under objects whose members are listed.
    private static func undocumented(
        _ value: JSONValue, at path: [String], documented: (fields: Set<[String]>, objects: Set<[String]>)
    ) -> [[String]] {
        let pattern = path.map { JSONPointer.arrayIndex($0) != nil ? "*" : $0 }
        switch value {
        case .object(let object):
            var found: [[String]] = []
            for (key, member) in object {
                if documented.objects.contains(pattern) && !documented.fields.contains(pattern + [key]) {
                    found.append(path + [key])
                } else {
                    found += undocumented(member, at: path + [key], documented: documented)
                }
            }
            return found
        case .array(let elements):
            return elements.enumerated().flatMap { undocumented($1, at: path + [String($0)], documented: documented) }
        default:
            return []
        }
    }
}
