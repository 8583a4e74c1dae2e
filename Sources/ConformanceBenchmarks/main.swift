import ConformanceCLI
import Contracts
import Foundation
import JSON
import JSONSchema

/// `swift run -c release conformance-bench [--count N] [--write-jsonl PATH] [--write-schema PATH]`
///
/// Generates realistic OpenPhone get-message bodies (deterministically), then measures the JSON
/// parser alone, the validator alone, and bytes-to-verdict through the `validate --jsonl` path.

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let count = Int(option("--count", in: arguments) ?? "") ?? 100_000
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let contractPath = root.appendingPathComponent("contracts/openphone.openapi.json").path

// MARK: Corpus
var rng = SplitMix(state: 42)
let hex = Array("0123456789abcdef")
func id(_ prefix: String, _ rng: inout SplitMix) -> String { prefix + String((0..<26).map { _ in hex.randomElement(using: &rng)! }) }
func phone(_ rng: inout SplitMix) -> String { "+1" + String((0..<10).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }) }
let texts = [
    "Hello, your appointment is confirmed for tomorrow at 10am.", "Your order has shipped and will arrive on Friday.",
    "Reminder: your table for four is booked at 7:30 pm tonight.", "Thanks! We received your payment of $42.00 today.",
]
let statuses = ["queued", "sent", "delivered", "undelivered"]
var file: [UInt8] = []
var ranges: [Range<Int>] = []
file.reserveCapacity(count * 400)
for i in 0..<count {
    let incoming = Bool.random(using: &rng)
    var message = JSONObject()
    message["id"] = .string(i % 50 == 7 ? "XY" + id("", &rng)  : id("AC", &rng))
    message["to"] = .array([.string(phone(&rng))])
    message["from"] = .string(i % 50 == 13 ? "5551234" : phone(&rng))
    message["text"] = .string(texts.randomElement(using: &rng)!)
    message["phoneNumberId"] = incoming && Bool.random(using: &rng) ? .null : .string(id("PN", &rng))
    message["direction"] = .string(incoming ? "incoming" : "outgoing")
    message["userId"] = incoming ? .null : .string(id("US", &rng))
    message["status"] = .string(i % 50 == 21 ? "received" : statuses.randomElement(using: &rng)!)
    let second = Int.random(in: 10...59, using: &rng)
    message["createdAt"] = .string("2026-03-04T15:22:\(second).\(Int.random(in: 100...999, using: &rng))Z")
    message["updatedAt"] = .string(i % 50 == 33 ? "2026-03-04 15:22:59" : "2026-03-04T15:23:\(second).\(Int.random(in: 100...999, using: &rng))Z")
    let start = file.count
    file += JSONWriter.write(.object(JSONObject([(key: "data", value: .object(message))])))
    ranges.append(start..<file.count)
    file.append(10)
}
if let path = option("--write-jsonl", in: arguments) { FileManager.default.createFile(atPath: path, contents: Data(file)) }

let contract = try Contract.load(path: contractPath)
let validator = try contract.operation(id: "getMessageById_v1")!.response(forStatus: 200)!.validator()
if let path = option("--write-schema", in: arguments) {
    // A standalone 2020-12 schema: the 200 body with the components it references as $defs.
    var defs = JSONObject()
    for (name, schema) in contract.document["components"]?["schemas"]?.objectValue ?? JSONObject() { defs[name] = schema }
    let standalone: JSONValue = [
        "$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": "#/$defs/GetMessageResponse", "$defs": .object(defs),
    ]
    let text = JSONWriter.string(standalone, options: .init(pretty: true)).replacingOccurrences(of: "#/components/schemas/", with: "#/$defs/")
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

print("corpus: \(count) OpenPhone bodies, \(file.count) bytes, \(file.count / max(count, 1)) bytes/body on average")

// MARK: Parse
var best = Double.infinity
for _ in 0..<5 {
    let t0 = now()
    var nodes = 0
    for range in ranges { nodes &+= try JSONDocument.parse(file, range: range).nodes.count }
    best = min(best, now() - t0)
    precondition(nodes > 0)
}
print(String(format: "parse:        %7.1f MB/s   (%.3f s for the corpus, best of 5)", Double(file.count) / best / 1e6, best))
let foundationStart = now()
for range in ranges.prefix(20_000) { _ = try JSONSerialization.jsonObject(with: Data(file[range])) }
let foundation = (now() - foundationStart) * Double(ranges.count) / Double(min(20_000, ranges.count))
print(String(format: "  (Foundation JSONSerialization on the same bodies: %.1f MB/s)", Double(file.count) / foundation / 1e6))

// MARK: Validate
let documents = try ranges.map { try JSONDocument.parse(file, range: $0) }
best = .infinity
var validCount = 0
for _ in 0..<5 {
    let t0 = now()
    validCount = 0
    for document in documents where validator.isValid(document) { validCount += 1 }
    best = min(best, now() - t0)
}
print(String(format: "validate:     %7.0f validations/s (%.3f µs each, %d of %d valid)", Double(count) / best, best / Double(count) * 1e6, validCount, count))
let t1 = now()
var violations = 0
for document in documents.prefix(10_000) { violations += validator.validate(document).count }
print(String(format: "  full reports: %.3f µs each (%d violations in the first 10,000)", (now() - t1) / Double(min(10_000, count)) * 1e6, violations))

// MARK: End to end
best = .infinity
var tally = JSONLValidation.Tally()
for _ in 0..<5 {
    let output = Output()
    tally = JSONLValidation.Tally()
    let t0 = now()
    JSONLValidation.validate(file, validator: validator, json: false, into: output, tally: &tally)
    output.flush()
    best = min(best, now() - t0)
}
print(String(format: "end to end:   %.3f s bytes-to-verdict for %d lines (%.2f µs/line, %.1f MB/s); %d valid, %d invalid",
    best, count, best / Double(count) * 1e6, Double(file.count) / best / 1e6, tally.valid, tally.invalid))
