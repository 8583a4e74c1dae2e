// libFuzzer target for the YAML reader (`YAMLReader.parse`), built and run by `.ci/fuzz.sh yaml`.
// Beyond "no crash": a refusal is one line with a place inside the input; whatever reads must be
// JSON (the writer's output parses back to the same value with the JSON reader), and that JSON text,
// read as YAML again, must give the same value (JSON is YAML); reading twice gives the same result.
import JSON
import YAML

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = YAMLReadOptions(maxDepth: 64 + (size & 0xFF), maxExpandedNodes: 100_000)
    let values: [JSONValue]
    do {
        values = try YAMLReader.parse(bytes, file: "fuzz.yaml", options: options)
    } catch {
        let line = error.description
        guard !line.contains("\n"), line.hasPrefix("fuzz.yaml:"), error.line >= 1, error.column >= 1,
            error.location.offset <= bytes.count
        else {
            fatalError("malformed refusal: \(line)")
        }
        if (try? YAMLReader.parse(bytes, file: "fuzz.yaml", options: options)) != nil {
            fatalError("a second read accepted what the first refused")
        }
        return 0
    }
    guard (try? YAMLReader.parse(bytes, file: "fuzz.yaml", options: options)) == values else {
        fatalError("a second read gave other values")
    }
    for value in values {
        let written = JSONWriter.write(value)
        guard let again = try? JSONDocument.parse(written, options: JSONParseOptions(maxDepth: 1_024)) else {
            fatalError("the value is not JSON: \(String(decoding: written, as: UTF8.self))")
        }
        guard again.value() == value else { fatalError("the JSON round trip changed the value") }
        let relaxed = YAMLReadOptions(maxDepth: 1_024, maxExpandedNodes: Int.max)
        guard let reread = try? YAMLReader.parseSingle(written, options: relaxed), reread == value else {
            fatalError("JSON text read as YAML gives another value: \(String(decoding: written, as: UTF8.self))")
        }
    }
    return 0
}
