import Contracts
import JSON

extension CoverageBuilder {
    /// The report: each operation's matrix, then the documented responses and enum values no
    /// cassette covers as problems (an enum shared by several operations is reported once).
    func finish(contracts: [String], cassettes: [String]) -> CoverageReport {
        var problems = self.problems
        var operations: [CoverageReport.Operation] = []
        var reportedEnums: Set<EnumKey> = []
        for entry in entries {
            let operation = entry.operation
            var statuses: [CoverageReport.StatusCell] = []
            for response in operation.responses {
                let covering = entry.statusCassettes[response.statusKey] ?? []
                statuses.append(
                    .init(
                        key: response.statusKey, cassettes: covering,
                        seenStatuses: (entry.seenStatuses[response.statusKey] ?? []).sorted()))
                if covering.isEmpty {
                    problems.append(
                        .init(
                            kind: .missingResponse, file: entry.contract.file,
                            pointer: operation.pointer.appending("responses").appending(response.statusKey),
                            message:
                                "\(operation.id) documents response \(response.statusKey) but no cassette covers it: add recordings/\(entry.provider)/\(operation.id)/<scenario>.json with a \(response.statusKey) response"
                        ))
                }
            }
            var enums: [CoverageReport.EnumField] = []
            for response in operation.responses {
                for site in entry.sites[response.statusKey] ?? []
                where !enums.contains(where: {
                    $0.field == site.field && $0.schemaLocation == site.location.uriFragment
                }) {
                    var values: [CoverageReport.EnumValue] = []
                    for (index, value) in site.values.enumerated() {
                        let key = EnumKey(contract: entry.contract.file, location: site.location, value: value)
                        let seen = enumCassettes[key] ?? []
                        values.append(.init(value: value, cassettes: seen))
                        if seen.isEmpty && reportedEnums.insert(key).inserted {
                            problems.append(
                                .init(
                                    kind: .unseenEnumValue, file: entry.contract.file,
                                    pointer: site.location.appending(index),
                                    message:
                                        "enum value \(JSONWriter.string(value)) of \(site.field) (\(operation.id) \(response.statusKey)) appears in no cassette of \(entry.provider)"
                                ))
                        }
                    }
                    enums.append(.init(field: site.field, schemaLocation: site.location.uriFragment, values: values))
                }
            }
            operations.append(
                .init(
                    provider: entry.provider, contractFile: entry.contract.file, operationId: operation.id,
                    method: operation.method,
                    path: operation.path, statuses: statuses, enums: enums, cassettes: entry.cassettes))
        }
        return CoverageReport(
            contracts: contracts, cassettes: cassettes, operations: operations, problems: problems, accepted: accepted)
    }
}
