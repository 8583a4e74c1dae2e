import ConformanceCLI
import Contracts
import Foundation
import JSON
import JSONSchema

/// `swift run -c release conformance-bench [--count N] [--jobs N] [--write-jsonl PATH] [--write-schema PATH]`
///
/// Generates realistic OpenPhone get-message bodies (deterministically), then measures the JSON
/// parser alone, the validator alone, and bytes-to-verdict through the `validate --jsonl` path.

let spec = CommandSpec(
    name: "bench", summary: "Measure parsing, validation and `validate --jsonl` on generated OpenPhone bodies.",
    usage: ["[--count N] [--jobs N] [--write-jsonl PATH] [--write-schema PATH]"],
    options: [
        OptionSpec("count", value: "N", help: "Bodies to generate (default 100000)."),
        OptionSpec("jobs", value: "N", help: "Threads for the parallel end-to-end run (default: one per processor)."),
        OptionSpec("replay-only", help: "Only measure cassette replay (in-process and through URLSession)."),
        OptionSpec("verify-only", help: "Only measure `conformance verify` (run from the package root)."),
        OptionSpec("yaml-only", help: "Only measure the YAML reader on a large document."),
        OptionSpec("write-jsonl", value: "PATH", help: "Also write the corpus, one body per line."),
        OptionSpec(
            "write-schema", value: "PATH", help: "Also write the 200 body schema as a standalone 2020-12 document."),
    ],
    positionals: nil)

let arguments: ParsedArguments
do {
    arguments = try spec.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    FileHandle.standardError.write(
        Data((error.description.replacingOccurrences(of: "conformance bench", with: "conformance-bench") + "\n").utf8))
    exit(2)
}
if arguments.flag("help") {
    print(spec.help.replacingOccurrences(of: "conformance bench", with: "conformance-bench"), terminator: "")
    exit(0)
}
if arguments.flag("verify-only") {
    try VerifyBenchmark.run(root: FileManager.default.currentDirectoryPath, runs: 5)
    exit(0)
}
if arguments.flag("yaml-only") {
    try YAMLBenchmark.run()
    exit(0)
}
if arguments.flag("replay-only") {
    try ReplayBenchmark.run(requests: 100_000)
    try ServeBenchmark.run(connections: 8, requestsPerConnection: 250)
    try ServeBenchmark.run(connections: 1, requestsPerConnection: 1_000)
    exit(0)
}
guard let count = Int(arguments.value("count") ?? "100000"), count > 0,
    let jobs = Int(arguments.value("jobs") ?? String(JSONLValidation.processorCount)), jobs > 0
else {
    FileHandle.standardError.write(Data("conformance-bench: --count and --jobs take a positive integer\n".utf8))
    exit(2)
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Best wall time of `runs` runs of `body`.
func best(of runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var result = Double.infinity
    for _ in 0..<runs {
        let t0 = now()
        try body()
        result = min(result, now() - t0)
    }
    return result
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let contractPath = root.appendingPathComponent("contracts/openphone.openapi.json").path

// MARK: Corpus
let (file, ranges) = OpenPhoneCorpus.generate(count: count)
if let path = arguments.value("write-jsonl") {
    guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { fatalError("cannot write \(path)") }
}

let contract = try Contract.load(path: contractPath)
guard let response = contract.operation(id: "getMessageById_v1")?.response(forStatus: 200) else {
    fatalError("\(contractPath) lost getMessageById_v1 200")
}
let validator = try response.validator()
if let path = arguments.value("write-schema") {
    let text = OpenPhoneCorpus.standaloneSchema(contract: contract, root: "GetMessageResponse")
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        fatalError("cannot write \(path)")
    }
}

print(
    "corpus:      \(count) OpenPhone get-message bodies, \(file.count) bytes (\(String(format: "%.1f", Double(file.count) / 1e6)) MB, \(file.count / count) bytes/body on average)"
)

// MARK: Parse
var nodes = 0
let parseTime = try best(of: 5) {
    nodes = 0
    for range in ranges { nodes &+= try JSONDocument.parse(file, range: range).nodes.count }
}
print(
    String(
        format: "parse:       %7.1f MB/s   (%.3f s for the corpus, JSON module alone, best of 5)",
        Double(file.count) / parseTime / 1e6, parseTime))
let sample = min(20_000, ranges.count)
let foundationTime = try best(of: 1) {
    for range in ranges.prefix(sample) { _ = try JSONSerialization.jsonObject(with: Data(file[range])) }
}
let sampleBytes = ranges.prefix(sample).reduce(0) { $0 + $1.count }
print(
    String(
        format: "             (Foundation JSONSerialization on the same bodies: %.1f MB/s)",
        Double(sampleBytes) / foundationTime / 1e6))

// MARK: Validate
let documents = try ranges.map { try JSONDocument.parse(file, range: $0) }
var validCount = 0
let validateTime = best(of: 5) {
    validCount = 0
    for document in documents where validator.isValid(document) { validCount += 1 }
}
print(
    String(
        format: "validate:    %7.0f validations/s (%.3f µs each, validator alone on parsed documents; %d of %d valid)",
        Double(count) / validateTime, validateTime / Double(count) * 1e6, validCount, count))
var violations = 0
let invalidDocuments = documents.filter { !validator.isValid($0) }
let reportTime = best(of: 3) {
    violations = 0
    for document in invalidDocuments { violations += validator.validate(document).count }
}
print(
    String(
        format: "             full reports for the %d invalid bodies: %.3f µs each (%d violations)",
        invalidDocuments.count, reportTime / Double(max(invalidDocuments.count, 1)) * 1e6, violations))

// MARK: End to end
for threads in Set([1, jobs]).sorted() {
    var tally = JSONLValidation.Tally()
    var outputBytes = 0
    let time = best(of: 5) {
        let output = Output()
        tally = JSONLValidation.Tally()
        JSONLValidation.validate(file, validator: validator, json: false, jobs: threads, into: output, tally: &tally)
        output.flush()
        outputBytes = output.captured.count
    }
    print(
        String(
            format:
                "end to end:  %.3f s bytes-to-verdict, %d thread%@ (%.2f µs/line, %.1f MB/s; %d valid, %d invalid, %d output bytes)",
            time, threads, threads == 1 ? "" : "s", time / Double(count) * 1e6, Double(file.count) / time / 1e6,
            tally.valid, tally.invalid, outputBytes))
}
// The command itself, in-process: file read, schema load and compile, validation, output.
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("conformance-bench-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
let corpusPath = scratch.appendingPathComponent("openphone.jsonl").path
let schemaPath = scratch.appendingPathComponent("openphone.schema.json").path
guard FileManager.default.createFile(atPath: corpusPath, contents: Data(file)),
    FileManager.default.createFile(
        atPath: schemaPath,
        contents: Data(OpenPhoneCorpus.standaloneSchema(contract: contract, root: "GetMessageResponse").utf8))
else { fatalError("cannot write to \(scratch.path)") }
for threads in Set([1, jobs]).sorted() {
    var code: Int32 = 0
    let time = best(of: 5) {
        code = CLI.run(
            ["validate", "--schema", schemaPath, "--jsonl", "--jobs", String(threads), corpusPath],
            stdout: Output(), stderr: Output())
    }
    print(
        String(
            format:
                "command:     %.3f s for `conformance validate --schema S --jsonl -j %d F` in-process (read, compile, validate, output; exit %d)",
            time, threads, code))
}
print(
    "             (`end to end`: the lines-to-verdicts core on bytes in memory; `command`: all of `validate --jsonl`, streaming the file in 1 MiB chunks of whole lines)"
)

try ReplayBenchmark.run(requests: 100_000)
try ServeBenchmark.run(connections: 8, requestsPerConnection: 250)
try ServeBenchmark.run(connections: 1, requestsPerConnection: 1_000)
