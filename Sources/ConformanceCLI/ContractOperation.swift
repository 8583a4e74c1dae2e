import Contracts
import JSON

/// Loads a contract and one of its operations, with the one-line messages commands print.
enum ContractOperation {
    struct Failure: Error {
        var message: String
    }

    static func load(_ path: String, _ operationId: String, readings: Contract.Readings = Contract.Readings())
        throws(Failure) -> (Contract, Contracts.Operation)
    {
        let contract: Contract
        do {
            contract = try Contract.load(path: path, readings: readings)
        } catch {
            throw Failure(message: error.description)
        }
        guard let operation = contract.operation(id: operationId) else {
            throw Failure(
                message:
                    "\(path.excerpt()) has no operation '\(operationId.excerpt())' (operations: \(contract.operations.map(\.id).joined(separator: ", ")))"
            )
        }
        return (contract, operation)
    }
}
