import JSON
import JSONSchema
import Testing

/// Compiles `schema` (JSON text) read by `dialect`, at `pointer` of the document.
func compile(_ schema: String, _ dialect: Dialect = .draft2020_12, at pointer: String = "", file: String? = "test.json")
    throws -> Validator
{
    let document = try JSONDocument.parse(schema).value()
    return try SchemaSet(document: document, dialect: dialect, file: file).validator(at: JSONPointer(parsing: pointer))
}

/// The schema error `schema` raises, or nil when it compiles.
func schemaError(_ schema: String, _ dialect: Dialect = .draft2020_12, at pointer: String = "") throws -> SchemaError? {
    let document = try JSONDocument.parse(schema).value()
    do {
        _ = try SchemaSet(document: document, dialect: dialect, file: "contract.json").validator(
            at: JSONPointer(parsing: pointer))
        return nil
    } catch let error as SchemaError {
        return error
    }
}

extension Validator {
    /// Violations of the instance given as JSON text; checks that the fast path agrees.
    func violations(_ instance: String) throws -> [Violation] {
        let document = try JSONDocument.parse(instance)
        let violations = validate(document)
        #expect(isValid(document) == violations.isEmpty, "isValid disagrees with validate for \(instance)")
        return violations
    }

    func accepts(_ instance: String) throws -> Bool { try violations(instance).isEmpty }
}
