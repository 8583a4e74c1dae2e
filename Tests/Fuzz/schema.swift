// libFuzzer target for the schema compiler and validator (`SchemaSet` → `Validator`), built and run by
// `.ci/fuzz.sh schema`. Input: one byte choosing the dialect, then JSON: a schema (validated against
// itself and a few fixed instances), or an array `[schema, instance...]`. Arbitrary schemas reach
// cyclic `$ref`s, `$dynamicRef`, remote-looking URIs and pathological patterns; none may crash or hang,
// and the fast path (`isValid`) must agree with the collecting path (`validate`).
import JSON
import JSONSchema

let fixedInstances: [JSONValue] = [
    .null, true, 0, -1.5, "", "AC1", "2026-11-23T10:00:00Z", [], [1, "a", nil], [:], ["id": "AC1", "n": 1],
    .string(String(repeating: "a", count: 40) + "!"),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 1 else { return 0 }
    let dialect = Dialect.all[Int(data[0]) % Dialect.all.count]
    let options = SchemaOptions(assertFormats: data[0] & 0x10 != 0, regexStepLimit: 200_000)
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard let document = try? JSONDocument.parse(bytes, options: JSONParseOptions(maxDepth: 128)) else { return 0 }
    let root = document.value()
    var schema = root
    var instances = fixedInstances + [root]
    if case .array(let items) = root, let first = items.first {
        schema = first
        instances = Array(items.dropFirst()) + fixedInstances.prefix(3)
    }
    let set: SchemaSet
    do {
        set = try SchemaSet(document: schema, dialect: dialect, file: "fuzz.json", options: options)
    } catch {
        _ = error.description
        return 0
    }
    var entries: [JSONPointer] = [.root]
    for container in ["$defs", "definitions"] {
        if case .object(let defs)? = schema[container] {
            entries += defs.keys.prefix(3).map { JSONPointer(tokens: [container, $0]) }
        }
    }
    for pointer in entries {
        let validator: Validator
        do {
            validator = try set.validator(at: pointer)
        } catch {
            _ = error.description
            continue
        }
        for instance in instances {
            let violations = validator.validate(instance)
            for violation in violations { _ = violation.description }
            guard validator.isValid(instance) == violations.isEmpty else {
                fatalError("isValid and validate disagree on \(JSONWriter.string(instance)) at \(pointer)")
            }
        }
    }
    // Compiling the same places in one batch agrees with compiling them one by one (the batch
    // isolates bad places by halving, and remembers schemas known not to compile).
    let fresh: SchemaSet
    do {
        fresh = try SchemaSet(document: schema, dialect: dialect, file: "fuzz.json", options: options)
    } catch {
        return 0
    }
    let batch = fresh.validators(at: entries)
    for pointer in entries {
        let alone = (try? set.validator(at: pointer)) != nil
        let together = (try? batch[pointer]?.get()) != nil
        guard alone == together else { fatalError("batch and single compilation disagree at \(pointer)") }
    }
    return 0
}
