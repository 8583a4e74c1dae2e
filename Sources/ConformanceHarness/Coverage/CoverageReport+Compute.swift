import Cassettes
import Contracts
import JSON
import JSONSchema

extension CoverageReport {
    /// Reads every `*.openapi.json` of `contractsDirectory` and every cassette below
    /// `recordingsDirectory` and computes the coverage. Malformed contracts and cassettes are
    /// ``Problem``s naming the file and place; only an unreadable folder throws.
    public static func compute(contractsDirectory: String, recordingsDirectory: String) throws(CoverageError)
        -> CoverageReport
    {
        let contractFiles = try CoverageFiles.contracts(in: contractsDirectory)
        let cassetteFiles = try CoverageFiles.cassettes(in: recordingsDirectory)
        return compute(
            contractFiles: contractFiles,
            cassetteFiles: cassetteFiles.map { (CoverageFiles.join(recordingsDirectory, $0), $0) })
    }

    /// Coverage over several folders read as one suite (a later folder's contract replaces an
    /// earlier one of the same provider; a later cassette one at the same relative path).
    public static func compute(contractsDirectories: [String], recordingsDirectories: [String]) throws(CoverageError)
        -> CoverageReport
    {
        var contracts: [String] = []
        for directory in contractsDirectories {
            for file in try CoverageFiles.contracts(in: directory) {
                contracts.removeAll { CoverageFiles.stem(of: $0) == CoverageFiles.stem(of: file) }
                contracts.append(file)
            }
        }
        var cassettes: [(path: String, relative: String)] = []
        for directory in recordingsDirectories {
            for relative in try CoverageFiles.cassettes(in: directory) {
                cassettes.removeAll { $0.relative == relative }
                cassettes.append((CoverageFiles.join(directory, relative), relative))
            }
        }
        return compute(contractFiles: contracts, cassetteFiles: cassettes)
    }

    /// Coverage over given files: contract paths, and cassette paths with their place below their
    /// recordings folder (`<provider>/<operationId>/<scenario>.json`) — a suite read from several folders.
    static func compute(contractFiles: [String], cassetteFiles: [(path: String, relative: String)]) -> CoverageReport {
        var builder = CoverageBuilder()
        for file in contractFiles { builder.load(contract: file) }
        for file in cassetteFiles { builder.add(cassette: file.path, relativePath: file.relative) }
        return builder.finish(contracts: contractFiles, cassettes: cassetteFiles.map(\.path))
    }
}

/// Accumulates coverage contract by contract, then cassette by cassette.
struct CoverageBuilder {
    /// A loaded contract operation and what its cassettes showed so far.
    struct Entry {
        let contract: Contract
        let operation: Contracts.Operation
        let provider: String
        /// Enum sites of each success response, by status key.
        let sites: [String: [CoverageEnumSite]]
        var statusCassettes: [String: [String]] = [:]
        var seenStatuses: [String: Set<Int>] = [:]
        var cassettes: [String] = []
    }

    /// A documented enum value's identity within a contract: shared `$ref`s share it.
    struct EnumKey: Hashable {
        let contract: String
        let location: JSONPointer
        let value: JSONValue
    }

    var entries: [Entry] = []
    var problems: [CoverageReport.Problem] = []
    var accepted: [CoverageReport.AcceptedViolation] = []
    var enumCassettes: [EnumKey: [String]] = [:]
    var failedContracts: [String] = []
    var reportedSchemaErrors: Set<String> = []

    mutating func load(contract file: String) {
        let contract: Contract
        do {
            contract = try Contract.load(path: file)
        } catch {
            failedContracts.append(file)
            problems.append(
                .init(
                    kind: .loadError, file: file, pointer: error.pointer, location: error.location,
                    message: error.message))
            return
        }
        for operation in contract.operations {
            var sites: [String: [CoverageEnumSite]] = [:]
            for response in operation.responses where CoverageBuilder.isSuccess(response.statusKey) {
                sites[response.statusKey] = CoverageEnumSite.sites(of: response, in: contract)
            }
            entries.append(
                Entry(contract: contract, operation: operation, provider: CoverageFiles.stem(of: file), sites: sites))
        }
    }

    static func isSuccess(_ key: String) -> Bool { key.hasPrefix("2") }

    mutating func add(cassette file: String, relativePath: String) {
        let parts = relativePath.split(separator: "/").map(String.init)
        if parts.count != 3 {
            problems.append(
                .init(
                    kind: .misplaced, file: file,
                    message:
                        "a cassette belongs at <provider>/<operationId>/<scenario>.json in the recordings folder, this is \(relativePath)"
                ))
        }
        let cassette: Cassette
        do {
            cassette = try Cassette.load(path: file)
        } catch {
            problems.append(
                .init(
                    kind: .loadError, file: file, pointer: error.pointer, location: error.location,
                    message: error.message))
            return
        }
        let candidates = entries.indices.filter { entries[$0].operation.id == cassette.operationId }
        guard
            let index = candidates.first(where: { parts.count == 3 && entries[$0].provider == parts[0] })
                ?? candidates.first
        else {
            let failed =
                failedContracts.isEmpty
                ? "" : " (contracts that failed to load: \(failedContracts.joined(separator: ", ")))"
            problems.append(
                .init(
                    kind: .unknownOperation, file: file, pointer: "/operationId",
                    message: "operationId \"\(cassette.operationId)\" is in no contract\(failed)"))
            return
        }
        if parts.count == 3 {
            let entry = entries[index]
            let scenario = parts[2]
            if parts[0] != entry.provider {
                problems.append(
                    .init(
                        kind: .misplaced, file: file,
                        message:
                            "filed under provider \"\(parts[0])\", but \(cassette.operationId) is documented by \(entry.contract.file): move it to \(file.dropLast(relativePath.count))\(entry.provider)/\(cassette.operationId)/\(scenario)"
                    ))
            }
            if parts[1] != cassette.operationId {
                problems.append(
                    .init(
                        kind: .misplaced, file: file, pointer: "/operationId",
                        message:
                            "filed under operation \"\(parts[1])\", but its operationId is \"\(cassette.operationId)\"")
                )
            }
        }
        entries[index].cassettes.append(file)
        let findings = check(cassette, file: file, entry: index)
        if let reason = cassette.violation {
            if findings.isEmpty {
                problems.append(
                    .init(
                        kind: .staleViolation, file: file, pointer: "/violation",
                        message:
                            "marked as a deliberate violation (\(reason)) but satisfies \(entries[index].contract.file): remove \"violation\""
                    ))
            } else {
                accepted.append(.init(file: file, reason: reason, violations: findings))
            }
        } else {
            problems += findings
        }
    }

    /// Records what each interaction covers and returns how the cassette departs from its contract.
    mutating func check(_ cassette: Cassette, file: String, entry index: Int) -> [CoverageReport.Problem] {
        let operation = entries[index].operation
        let contract = entries[index].contract
        var findings: [CoverageReport.Problem] = []
        for (number, interaction) in cassette.interactions.enumerated() {
            let base = JSONPointer(tokens: ["interactions", String(number)])
            findings += CoverageRequestCheck.problems(
                interaction.request, operation: operation, file: file, at: base.appending("request"))
            let status = interaction.response.status
            guard let spec = operation.response(forStatus: status) else {
                findings.append(
                    .init(
                        kind: .undocumentedStatus, file: file, pointer: base.appending("response").appending("status"),
                        message:
                            "status \(status) is not documented for \(operation.id) in \(contract.file) (documented: \(operation.responses.map(\.statusKey).joined(separator: ", ")))"
                    ))
                continue
            }
            if !(entries[index].statusCassettes[spec.statusKey]?.contains(file) ?? false) {
                entries[index].statusCassettes[spec.statusKey, default: []].append(file)
            }
            entries[index].seenStatuses[spec.statusKey, default: []].insert(status)
            guard spec.schemaPointer != nil else { continue }
            let validator: Validator
            do {
                validator = try spec.validator()
            } catch {
                if reportedSchemaErrors.insert(error.description).inserted {
                    problems.append(
                        .init(
                            kind: .loadError, file: error.file, pointer: error.pointer, location: error.location,
                            message: error.message))
                }
                continue
            }
            let outcome = CoverageBodyCheck.validate(
                interaction.response.body, status: status, key: spec.statusKey, validator: validator,
                contract: contract, file: file,
                at: base.appending("response"))
            findings += outcome.problems
            if let body = outcome.body, let sites = entries[index].sites[spec.statusKey] {
                for site in sites {
                    for value in site.documentedValues(in: body) {
                        let key = EnumKey(contract: contract.file, location: site.location, value: value)
                        if !(enumCassettes[key]?.contains(file) ?? false) {
                            enumCassettes[key, default: []].append(file)
                        }
                    }
                }
            }
        }
        return findings
    }
}
