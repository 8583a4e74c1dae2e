import JSON
import JSONSchema
import Testing

/// Malformed schemas never crash: every keyword of every suite schema, replaced by values of the
/// wrong kind, either compiles or gives a ``SchemaError``; what compiles validates odd instances.
@Suite("Robustness against malformed schemas")
struct RobustnessTests {
    static let replacements: [JSONValue] = [
        .null, .number(JSONNumber(-1)), .number(JSONNumber(1.5)), .string("(["), .array([]),
    ]
    static let instances: [JSONValue] = [
        .null, .bool(false), .number(JSONNumber(0)), .string("a"), .array([.number(JSONNumber(1)), .string("b")]),
        .object(JSONObject([(key: "a", value: .number(JSONNumber(1)))])),
    ]

    @Test("keywords replaced by wrong kinds", arguments: ["draft4", "draft2020-12"])
    func mutated(_ draft: String) throws {
        guard TestSuite.root != nil else { return }
        var compiled = 0
        var rejected = 0
        for file in TestSuite.files(draft, optional: false) {
            for schema in try TestSuite.schemas(file) {
                guard case .object(let object) = schema else { continue }
                for key in object.keys {
                    for replacement in Self.replacements {
                        var mutated = object
                        mutated[key] = replacement
                        do {
                            let validator = try SchemaSet(
                                document: .object(mutated), dialect: TestSuite.dialect(for: file)
                            ).validator()
                            compiled += 1
                            for instance in Self.instances { _ = validator.validate(instance) }
                        } catch {
                            rejected += 1
                            #expect(!error.message.isEmpty)
                        }
                    }
                }
            }
        }
        #expect(compiled + rejected > 0)
    }
}
