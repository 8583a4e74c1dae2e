import Dispatch
import JSON
import JSONSchema

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The speed path of `validate --jsonl`: input read in chunks of whole lines (`LineChunkReader`, so
/// memory stays small and standard input streams), lines found with `memchr`, each line parsed in place
/// and checked with the early-exit validator; messages are built only for invalid lines, and output goes
/// through one buffer. With `jobs` > 1, a wave of chunks is validated at once and the chunk outputs are
/// written in input order, so the output is the same byte for byte whatever the number of jobs.
public enum JSONLValidation {
    /// Counts of one run.
    public struct Tally: Sendable, Equatable {
        public var valid = 0
        public var invalid = 0
        public init() {}
    }

    /// The most threads `--jobs` asks for that are used.
    static let maxJobs = 256

    /// The number of processors online: the default for `--jobs`.
    public static var processorCount: Int {
        #if canImport(Glibc) || canImport(Darwin)
            return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
            return 1
        #endif
    }

    /// Bytes per chunk a thread takes at a time (cut at the next newline).
    static let chunkSize = 1 << 20

    static func run(files: [String], validator: Validator, json: Bool, jobs: Int, context: CommandContext) -> Int32 {
        let jobs = min(max(jobs, 1), maxJobs)
        var tally = Tally()
        for file in files {
            let descriptor: Int32
            do {
                descriptor = file == "-" ? 0 : try InputFile.openRegular(file)
            } catch {
                context.stdout.flush()
                context.stderr.line("conformance validate: \(file.excerpt()): \(error.message)")
                return CLI.ExitCode.usage
            }
            defer { if descriptor != 0 { close(descriptor) } }
            var reader = LineChunkReader(descriptor: descriptor, chunkSize: chunkSize)
            do {
                try stream(&reader, validator: validator, json: json, jobs: jobs, into: context.stdout, tally: &tally)
            } catch {
                context.stdout.flush()
                context.stderr.line("conformance validate: \(file.excerpt()): \(error.message)")
                return CLI.ExitCode.usage
            }
        }
        return tally.invalid == 0 ? CLI.ExitCode.success : CLI.ExitCode.failure
    }

    /// Validates the lines `reader` yields, a chunk at a time (a wave of chunks at once with `jobs` > 1).
    static func stream(
        _ reader: inout LineChunkReader, validator: Validator, json: Bool, jobs: Int, into output: Output,
        tally: inout Tally
    ) throws(LineChunkReader.Failure) {
        var buffer: [UInt8] = []
        if jobs <= 1 {
            while let chunk = try reader.next() {
                validateLines(chunk, 0..<chunk.count, validator: validator, json: json, into: &buffer, tally: &tally)
                output.append(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            return
        }
        var wave: [[UInt8]] = []
        var finished = false
        while !finished {
            wave.removeAll(keepingCapacity: true)
            while wave.count < jobs * 2, let chunk = try reader.next() { wave.append(chunk) }
            finished = wave.count < jobs * 2
            let chunks = wave
            let results = UnsafeMutableBufferPointer<ChunkResult>.allocate(capacity: chunks.count)
            results.initialize(repeating: ChunkResult())
            // Safe: iteration `k` writes only `results[k]`, and `concurrentPerform` returns only after
            // every iteration has finished, so the reads below happen after all the writes.
            nonisolated(unsafe) let slots = results
            DispatchQueue.concurrentPerform(iterations: chunks.count) { k in
                var result = ChunkResult()
                let chunk = chunks[k]
                validateLines(
                    chunk, 0..<chunk.count, validator: validator, json: json, into: &result.output, tally: &result.tally
                )
                slots[k] = result
            }
            for result in results {
                output.append(contentsOf: result.output)
                tally.valid += result.tally.valid
                tally.invalid += result.tally.invalid
            }
            results.deinitialize()
            results.deallocate()
        }
    }

    /// Validates every line of `bytes`, writing one verdict line per instance to `output`, in order.
    /// A final line without a newline counts; an empty input has no instances.
    public static func validate(
        _ bytes: [UInt8], validator: Validator, json: Bool, jobs: Int = 1, into output: Output, tally: inout Tally
    ) {
        validate(bytes, validator: validator, json: json, jobs: jobs, chunkSize: chunkSize, into: output, tally: &tally)
    }

    static func validate(
        _ bytes: [UInt8], validator: Validator, json: Bool, jobs: Int, chunkSize: Int, into output: Output,
        tally: inout Tally
    ) {
        let chunks = chunkBoundaries(bytes, size: chunkSize)
        if jobs <= 1 || chunks.count <= 1 {
            var buffer: [UInt8] = []
            buffer.reserveCapacity(1 << 17)
            for chunk in chunks {
                validateLines(bytes, chunk, validator: validator, json: json, into: &buffer, tally: &tally)
                output.append(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            return
        }
        // Waves of a few chunks per job bound the memory held for output while keeping threads busy.
        let wave = jobs * 4
        var first = 0
        while first < chunks.count {
            let batch = Array(chunks[first..<min(first + wave, chunks.count)])
            let results = UnsafeMutableBufferPointer<ChunkResult>.allocate(capacity: batch.count)
            results.initialize(repeating: ChunkResult())
            // Safe: iteration `k` writes only `results[k]`, and `concurrentPerform` returns only after
            // every iteration has finished, so the reads below happen after all the writes.
            nonisolated(unsafe) let slots = results
            DispatchQueue.concurrentPerform(iterations: batch.count) { k in
                var result = ChunkResult()
                result.output.reserveCapacity(batch[k].count / 16)
                validateLines(
                    bytes, batch[k], validator: validator, json: json, into: &result.output, tally: &result.tally)
                slots[k] = result
            }
            for result in results {
                output.append(contentsOf: result.output)
                tally.valid += result.tally.valid
                tally.invalid += result.tally.invalid
            }
            results.deinitialize()
            results.deallocate()
            first += wave
        }
    }

    struct ChunkResult {
        var output: [UInt8] = []
        var tally = Tally()
    }

    /// Ranges of about `size` bytes that each end just after a newline (the last one at the end).
    static func chunkBoundaries(_ bytes: [UInt8], size: Int) -> [Range<Int>] {
        var chunks: [Range<Int>] = []
        var start = 0
        let count = bytes.count
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            while start < count {
                var end = count
                let probe = start + size
                if probe < count, let found = memchr(base + probe, 0x0A, count - probe) {
                    end = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                }
                chunks.append(start..<end)
                start = end
            }
        }
        return chunks
    }

    private static let validText: [UInt8] = Array("valid\n".utf8)
    private static let validJSON: [UInt8] = Array(#"{"valid":true}"#.utf8) + [10]

    /// Validates the lines of `bytes[range]`, appending one verdict line per instance to `buffer`.
    static func validateLines(
        _ bytes: [UInt8], _ range: Range<Int>, validator: Validator, json: Bool, into buffer: inout [UInt8],
        tally: inout Tally
    ) {
        let valid = json ? validJSON : validText
        var start = range.lowerBound
        let end = range.upperBound
        while start < end {
            let newline: Int = bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress, let found = memchr(base + start, 0x0A, end - start) else {
                    return end
                }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var lineEnd = newline
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            do {
                let document = try JSONDocument.parse(bytes, range: start..<lineEnd)
                if validator.isValid(document) {
                    tally.valid += 1
                    buffer.append(contentsOf: valid)
                } else {
                    tally.invalid += 1
                    writeInvalid(validator.validate(document), json: json, to: &buffer)
                }
            } catch {
                tally.invalid += 1
                if json {
                    buffer.append(contentsOf: JSONWriter.write(["valid": false, "error": .string(error.description)]))
                } else {
                    buffer.append(contentsOf: "invalid \(error.description.singleLine)".utf8)
                }
                buffer.append(10)
            }
            start = newline + 1
        }
    }

    private static func writeInvalid(_ violations: [Violation], json: Bool, to buffer: inout [UInt8]) {
        if json {
            buffer.append(contentsOf: JSONWriter.write(["valid": false, "violations": .array(violations.map(\.json))]))
        } else {
            buffer.append(
                contentsOf: ("invalid " + violations.map(\.description).joined(separator: "; ").singleLine).utf8)
        }
        buffer.append(10)
    }
}
