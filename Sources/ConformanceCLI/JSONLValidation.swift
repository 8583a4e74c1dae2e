import JSON
import JSONSchema

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The speed path of `validate --jsonl`: each file read once, lines found with `memchr`, each line
/// parsed in place and checked with the early-exit validator; messages are built only for invalid
/// lines, and output goes through one buffer.
public enum JSONLValidation {
    /// Counts of one run.
    public struct Tally: Sendable, Equatable {
        public var valid = 0
        public var invalid = 0
        public init() {}
    }

    static func run(files: [String], validator: Validator, json: Bool, context: CommandContext) -> Int32 {
        var tally = Tally()
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileBytes.read(file, limit: Int(UInt32.max) - 1)
            } catch {
                context.stderr.line("conformance validate: \(file): \(error.message)")
                return CLI.ExitCode.usage
            }
            validate(bytes, validator: validator, json: json, into: context.stdout, tally: &tally)
        }
        return tally.invalid == 0 ? CLI.ExitCode.success : CLI.ExitCode.failure
    }

    /// Validates every line of `bytes`, writing one verdict line per instance to `output`.
    public static func validate(_ bytes: [UInt8], validator: Validator, json: Bool, into output: Output, tally: inout Tally) {
        let valid: [UInt8] = json ? Array(#"{"valid":true}"#.utf8) + [10] : Array("valid\n".utf8)
        var start = 0
        let count = bytes.count
        while start < count {
            let newline: Int = bytes.withUnsafeBufferPointer { buffer in
                guard let found = memchr(buffer.baseAddress! + start, 0x0A, count - start) else { return count }
                return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            do {
                let document = try JSONDocument.parse(bytes, range: start..<end)
                if validator.isValid(document) {
                    tally.valid += 1
                    output.append(contentsOf: valid)
                } else {
                    tally.invalid += 1
                    writeInvalid(validator.validate(document), json: json, to: output)
                }
            } catch {
                tally.invalid += 1
                if json {
                    output.append(contentsOf: JSONWriter.write(["valid": false, "error": .string(error.description)]))
                    output.append(10)
                } else {
                    output.line("invalid \(error.description)")
                }
            }
            start = newline + 1
        }
    }

    private static func writeInvalid(_ violations: [Violation], json: Bool, to output: Output) {
        if json {
            output.append(contentsOf: JSONWriter.write(["valid": false, "violations": .array(violations.map(\.json))]))
            output.append(10)
        } else {
            output.line("invalid " + violations.map(\.description).joined(separator: "; "))
        }
    }
}
