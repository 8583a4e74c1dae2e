import Foundation
import JSON
import JSONSchema
import Testing

@testable import ConformanceCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `--jsonl` speed path: one verdict line per instance, in order, whatever the chunking and threads.
@Suite struct JSONLTests {
    static let schema: Validator = {
        let document = try! JSONDocument.parse(contentsOf: Files.fixture("id-schema.json")).value()
        return try! SchemaSet(document: document, dialect: .draft2020_12).validator()
    }()

    /// Lines of varied validity, including malformed and empty ones.
    static let corpus: [UInt8] = {
        var text = ""
        for i in 0..<500 {
            switch i % 7 {
            case 0: text += "{\"id\":\"XY\(i)\"}\n"
            case 3: text += "{\"id\":\n"
            case 5: text += "\n"
            default: text += "{\"id\":\"AC\(i)\",\"count\":\(i)}\n"
            }
        }
        return Array(text.utf8)
    }()

    func verdicts(_ bytes: [UInt8], json: Bool = false, jobs: Int, chunkSize: Int) -> (
        text: String, tally: JSONLValidation.Tally
    ) {
        let output = Output()
        var tally = JSONLValidation.Tally()
        JSONLValidation.validate(
            bytes, validator: Self.schema, json: json, jobs: jobs, chunkSize: chunkSize, into: output, tally: &tally)
        output.flush()
        return (output.text, tally)
    }

    @Test(
        "output does not depend on threads or chunk size",
        arguments: [(1, 1 << 20), (1, 64), (2, 64), (3, 1), (8, 997)])
    func sameOutputForAnyChunking(jobs: Int, chunkSize: Int) {
        let reference = verdicts(Self.corpus, jobs: 1, chunkSize: 1 << 20)
        let run = verdicts(Self.corpus, jobs: jobs, chunkSize: chunkSize)
        #expect(run.text == reference.text)
        #expect(run.tally == reference.tally)
        #expect(run.tally.valid + run.tally.invalid == 500)
        #expect(run.text.split(separator: "\n", omittingEmptySubsequences: false).count == 501)
    }

    /// Streams `bytes` from a temporary file through `LineChunkReader`, as `validate --jsonl FILE` does.
    func streamed(_ bytes: [UInt8], jobs: Int, chunkSize: Int, maxLine: Int = 1 << 20) throws -> (
        text: String, tally: JSONLValidation.Tally
    ) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(at: file) }
        let descriptor = open(file.path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = LineChunkReader(descriptor: descriptor, chunkSize: chunkSize, maxLine: maxLine)
        let output = Output()
        var tally = JSONLValidation.Tally()
        try JSONLValidation.stream(
            &reader, validator: Self.schema, json: false, jobs: jobs, into: output, tally: &tally)
        output.flush()
        return (output.text, tally)
    }

    @Test(
        "streaming gives the same output for any chunk size",
        arguments: [(1, 1), (1, 7), (3, 1), (2, 64), (4, 1 << 20)])
    func streamingMatchesInMemory(jobs: Int, chunkSize: Int) throws {
        let reference = verdicts(Self.corpus, jobs: 1, chunkSize: 1 << 20)
        let run = try streamed(Self.corpus, jobs: jobs, chunkSize: chunkSize)
        #expect(run.text == reference.text)
        #expect(run.tally == reference.tally)
        let unterminated = Array(Self.corpus.dropLast())  // the last line without its newline still counts
        #expect(try streamed(unterminated, jobs: jobs, chunkSize: chunkSize).text == reference.text)
    }

    @Test func overlongLineIsAnInputError() {
        let error = #expect(throws: LineChunkReader.Failure.self) {
            _ = try streamed(Array(repeating: UInt8(ascii: " "), count: 100) + [10], jobs: 1, chunkSize: 8, maxLine: 50)
        }
        #expect(error?.message == "a line is longer than 50 bytes")
    }

    @Test func verdictsFollowTheInputLines() {
        let lines = verdicts(Self.corpus, jobs: 2, chunkSize: 100).text.split(separator: "\n").prefix(7).map(
            String.init)
        #expect(
            lines == [
                #"invalid /id: "XY0" does not match pattern ^AC [pattern at #/properties/id/pattern]"#,
                "valid", "valid",
                "invalid 1:7: unexpected end of input: expected a value",
                "valid",
                "invalid 1:1: empty document: expected a JSON value",
                "valid",
            ])
    }

    @Test("chunks cover the input and end after a newline", arguments: [0, 1, 5, 64, 10_000])
    func chunkBoundaries(size: Int) {
        let chunks = JSONLValidation.chunkBoundaries(Self.corpus, size: size)
        #expect(chunks.first?.lowerBound == 0)
        #expect(chunks.last?.upperBound == Self.corpus.count)
        for (a, b) in zip(chunks, chunks.dropFirst()) {
            #expect(a.upperBound == b.lowerBound)
            #expect(Self.corpus[a.upperBound - 1] == 0x0A)
        }
    }

    @Test func emptyInputHasNoInstances() {
        let run = verdicts([], jobs: 4, chunkSize: 8)
        #expect(run.text == "")
        #expect(run.tally == JSONLValidation.Tally())
    }

    @Test func crlfAndAMissingFinalNewline() {
        let run = Run([
            "validate", "--schema", Files.fixture("id-schema.json"), "--jsonl",
            Files.fixture("crlf-no-final-newline.jsonl"),
        ])
        #expect(run.code == 1)
        #expect(
            run.stdout == """
                valid
                invalid /id: "XY" does not match pattern ^AC [pattern at #/properties/id/pattern]
                valid

                """)
    }

    @Test func lineBreaksInMessagesStayOnTheInstancesLine() {
        // The schema's pattern and const contain line breaks; the verdict must still be one line.
        let run = Run([
            "validate", "--schema", Files.fixture("line-break-schema.json"), "--jsonl",
            Files.fixture("line-breaks.jsonl"),
        ])
        #expect(run.code == 1)
        #expect(
            run.stdout == #"""
                invalid /a: "zz\nq" does not match pattern ^x\ny$ [pattern at #/properties/a/pattern]; /b: "other\nthing" is not the required value "line1\nline2" [const at #/properties/b/const]
                valid

                """#)
    }

    @Test func jsonFormatWritesOneObjectPerLine() throws {
        let run = Run([
            "validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", "--format", "json", "-j", "2",
            Files.fixture("instances.jsonl"),
        ])
        #expect(run.code == 1)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 6)
        let objects = try lines.map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["valid"] as? Bool } == [true, false, false, false, false, true])
        #expect(objects[2]["error"] as? String == "1:1: invalid literal: expected 'null'")
        let violations = try #require(objects[1]["violations"] as? [[String: Any]])
        #expect(violations.first?["instancePointer"] as? String == "/id")
        #expect(violations.first?["keyword"] as? String == "pattern")
    }

    @Test func allValidExitsZero() {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("valid-\(UUID().uuidString).jsonl")
        #expect(
            FileManager.default.createFile(
                atPath: file.path, contents: Data("{\"id\":\"AC1\"}\n{\"id\":\"AC2\"}\n".utf8)))
        defer { try? FileManager.default.removeItem(at: file) }
        let run = Run(["validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", file.path])
        #expect(run.code == 0)
        #expect(run.stdout == "valid\nvalid\n")
        #expect(run.stderr == "")
    }

    @Test func inputFileReadsWholeFilesAndNamesFailures() throws {
        let path = Files.fixture("instances.jsonl")
        let bytes = try InputFile.read(path, limit: 1 << 20)
        #expect(bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        let missing = #expect(throws: InputFile.Failure.self) {
            try InputFile.read("/nonexistent/x.jsonl", limit: 1 << 20)
        }
        #expect(missing?.message == "cannot open: No such file or directory")
        let directory = #expect(throws: InputFile.Failure.self) {
            try InputFile.read(Files.fixture("lint"), limit: 1 << 20)
        }
        #expect(directory?.message == "is a directory")
        let tooLarge = #expect(throws: InputFile.Failure.self) { try InputFile.read(path, limit: 8) }
        #expect(tooLarge?.message == "larger than the limit of 8 bytes")
    }

    @Test func emptyFileIsNoInstancesAndValid() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).jsonl")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data()))
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(try InputFile.read(file.path, limit: 10) == [])
        let run = Run(["validate", "--schema", Files.fixture("id-schema.json"), "--jsonl", file.path])
        #expect(run.code == 0)
        #expect(run.stdout == "")
    }
}
