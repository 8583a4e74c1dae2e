import Contracts
import JSON
import JSONSchema
import YAML

/// `conformance validate`: response bodies against a contract's response schema, or instances
/// against a bare schema (one file each, or one instance per line with `--jsonl`).
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", summary: "Validate JSON bodies against a contract response or a JSON Schema.",
        usage: [
            "--contract FILE --operation ID --status CODE [--format text|json] FILE...",
            "--schema FILE [--dialect openapi-3.0|openapi-3.1|draft4|draft2020-12] [--jsonl [--jobs N]] [--format text|json] FILE...",
        ],
        options: [
            OptionSpec("contract", value: "FILE", help: "OpenAPI contract (3.0 or 3.1, JSON)."),
            OptionSpec("operation", value: "ID", help: "operationId in the contract."),
            OptionSpec(
                "status", value: "CODE",
                help: "HTTP status whose documented body schema applies (exact, then 5XX, then default)."),
            OptionSpec("schema", value: "FILE", help: "A bare JSON Schema document."),
            OptionSpec(
                "dialect", value: "NAME", help: "Dialect of --schema (default: its $schema, else draft2020-12).",
                allowed: Dialect.all.map(\.name)),
            OptionSpec("jsonl", help: "Each line of each FILE is one instance; one output line per instance."),
            OptionSpec("format", value: "FORMAT", help: "Output format.", allowed: ["text", "json"]),
            OptionSpec(
                "jobs", short: "j", value: "N",
                help: "Threads for --jsonl (default: one per processor; output order never changes)."),
        ] + ReadingOptions.options,
        positionals: "FILE...",
        discussion: """
            FILE may be - for standard input. Exit status: 0 all valid, 1 some invalid, 2 usage or input error.
            Example:
              conformance validate --contract contracts/openphone.openapi.json --operation getMessageById_v1 --status 200 body.json
            """)

    static func run(_ context: CommandContext) -> Int32 {
        let arguments = context.arguments
        let files = arguments.positionals
        guard !files.isEmpty else { return context.fail("no FILE to validate (see --help)") }
        var jobs = JSONLValidation.processorCount
        if arguments.value("jobs") != nil && !arguments.flag("jsonl") {
            return context.fail("--jobs applies to --jsonl only")
        }
        if let text = arguments.value("jobs") {
            guard let count = Int(text), count >= 1 else {
                return context.fail("invalid value '\(text.excerpt())' for '--jobs' (expected a positive integer)")
            }
            // More threads than this only adds memory (a wave is `jobs` × 2 chunks of 1 MiB); the
            // cap also keeps that product from overflowing for -j 9223372036854775807.
            jobs = min(count, JSONLValidation.maxJobs)
        }
        let validator: Validator
        switch (arguments.value("contract"), arguments.value("schema")) {
        case (let contractPath?, nil):
            if arguments.value("dialect") != nil { return context.fail("--dialect applies to --schema only") }
            guard let operationId = arguments.value("operation") else {
                return context.fail("--contract needs --operation ID")
            }
            guard let statusText = arguments.value("status") else {
                return context.fail("--contract needs --status CODE")
            }
            guard let status = Int(statusText), (100...599).contains(status) else {
                return context.fail(
                    "invalid status '\(statusText.excerpt())' (expected an HTTP status code such as 200)")
            }
            let contract: Contract
            let operation: Contracts.Operation
            do {
                (contract, operation) = try ContractOperation.load(
                    contractPath, operationId, readings: ReadingOptions.readings(arguments))
            } catch {
                return context.fail(error.message)
            }
            guard let response = operation.response(forStatus: status) else {
                return context.fail(
                    "\(contractPath): \(operationId) documents no response for status \(status) (documented: \(operation.responses.map(\.statusKey).joined(separator: ", ")))"
                )
            }
            do {
                validator = try response.validator()
            } catch {
                return context.fail(error.description)
            }
        case (nil, let schemaPath?):
            if arguments.value("operation") != nil || arguments.value("status") != nil {
                return context.fail("--operation and --status apply to --contract only")
            }
            do {
                validator = try loadSchema(
                    schemaPath, dialectName: arguments.value("dialect"),
                    options: ReadingOptions.schemaOptions(arguments))
            } catch {
                return context.fail(error.message)
            }
        case (nil, nil):
            return context.fail("give --contract FILE (with --operation and --status) or --schema FILE")
        default:
            return context.fail("--contract and --schema cannot be combined")
        }
        let json = arguments.value("format") == "json"
        if arguments.flag("jsonl") {
            return JSONLValidation.run(files: files, validator: validator, json: json, jobs: jobs, context: context)
        }
        return validateFiles(files, validator: validator, json: json, context: context)
    }

    struct LoadFailure: Error {
        var message: String
    }

    static func loadSchema(_ path: String, dialectName: String?, options: SchemaOptions = .default) throws(LoadFailure)
        -> Validator
    {
        let value = try YAMLReader.isYAMLPath(path) ? readYAML(path) : readDocument(path).value()
        let dialect: Dialect
        if let dialectName, let named = Dialect(name: dialectName) {
            dialect = named
        } else if case .string(let uri)? = value["$schema"], let declared = Dialect(schemaURI: uri) {
            dialect = declared
        } else {
            dialect = .draft2020_12
        }
        do {
            return try SchemaSet(
                document: value, dialect: dialect, baseURI: "urn:conformance:schema", file: path, options: options
            ).validator()
        } catch {
            throw LoadFailure(message: error.description)
        }
    }

    /// The value of a YAML file; the failure names the file and the place.
    static func readYAML(_ file: String) throws(LoadFailure) -> JSONValue {
        do {
            return try YAMLReader.parseSingle(InputFile.read(file, limit: 1 << 30), file: file)
        } catch let error as YAMLError {
            throw LoadFailure(message: error.description)
        } catch {
            throw LoadFailure(message: "\(file): \(error)")
        }
    }

    /// The parsed file (`-` is standard input); the failure names the file, and the place for bad JSON.
    static func readDocument(_ file: String) throws(LoadFailure) -> JSONDocument {
        let bytes: [UInt8]
        do {
            bytes = try InputFile.read(file, limit: 1 << 30)
        } catch {
            throw LoadFailure(message: "\(file.excerpt()): \(error.message)")
        }
        do {
            return try JSONDocument.parse(bytes)
        } catch {
            var located = error
            located.file = file
            throw LoadFailure(message: located.description)
        }
    }

    private static func validateFiles(_ files: [String], validator: Validator, json: Bool, context: CommandContext)
        -> Int32
    {
        var code = CLI.ExitCode.success
        var reports: [JSONValue] = []
        for file in files {
            let document: JSONDocument
            do {
                document = try readDocument(file)
            } catch {
                code = CLI.ExitCode.usage
                if json {
                    reports.append(["file": .string(file), "valid": false, "error": .string(error.message)])
                } else {
                    context.stderr.line("conformance validate: \(error.message)")
                }
                continue
            }
            let violations = validator.validate(document)
            if !violations.isEmpty && code == CLI.ExitCode.success { code = CLI.ExitCode.failure }
            if json {
                reports.append([
                    "file": .string(file), "valid": .bool(violations.isEmpty),
                    "violations": .array(violations.map(\.json)),
                ])
            } else if violations.isEmpty {
                context.stdout.line("\(file): valid")
            } else {
                context.stdout.line(
                    "\(file): invalid (\(violations.count) violation\(violations.count == 1 ? "" : "s"))")
                for violation in violations { context.stdout.line("  \(violation.description.singleLine)") }
            }
        }
        if json {
            let report: JSONValue = ["valid": .bool(code == CLI.ExitCode.success), "files": .array(reports)]
            context.stdout.append(contentsOf: JSONWriter.write(report, options: .init(pretty: true)))
            context.stdout.append(UInt8(ascii: "\n"))
        }
        return code
    }
}

extension Violation {
    /// The violation as a JSON object for machine-readable reports.
    var json: JSONValue {
        [
            "instancePointer": .string(instancePointer.description), "schemaLocation": .string(schemaLocation),
            "keyword": .string(keyword),
            "expected": .string(expected), "actual": .string(actual), "message": .string(message),
        ]
    }
}
