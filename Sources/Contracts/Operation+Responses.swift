import JSON
import JSONSchema

extension Operation {
    /// How a response departs from what this operation documents: a status it does not document,
    /// a body that is not JSON where JSON is documented, and every schema violation. Empty when the
    /// response is one the contract documents.
    public func problems(status: Int, body: [UInt8]) -> [String] {
        guard let spec = response(forStatus: status) else {
            return [
                "status \(status) is not documented (documented: \(responses.map(\.statusKey).joined(separator: ", ")))"
            ]
        }
        guard spec.schemaPointer != nil else { return [] }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(body)
        } catch {
            return ["the body is not JSON: \(error.description)"]
        }
        do {
            return try spec.validator().validate(document).map(\.description)
        } catch {
            return ["the contract's schema for \(spec.statusKey) does not compile: \(error.description)"]
        }
    }
}
