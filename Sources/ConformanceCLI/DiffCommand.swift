import Contracts
import JSON
import YAML

/// `conformance diff OLD NEW`: what changed between two versions of a contract, and what of it
/// breaks a client built against OLD.
enum DiffCommand {
    static let spec = CommandSpec(
        name: "diff", summary: "List the changes between two versions of a contract and which break clients.",
        usage: ["OLD NEW [--format text|json] [--only-breaking]"],
        options: [
            OptionSpec("format", value: "FORMAT", help: "Output format.", allowed: ["text", "json"]),
            OptionSpec("only-breaking", help: "List only breaking changes (the summary still counts every change)."),
        ],
        positionals: "OLD NEW",
        discussion: """
            OLD is the contract a client was built against, NEW the version to check it against.
            Prints one line per change:
              BREAKING  getMessageById_v1 200 /components/schemas/Message/properties/userId  data.userId: nullable added (was string, now string | null)
            (severity, operationId, response status or "request" or "-", JSON Pointer in NEW, or in OLD when
            the thing is gone, and the field as a client sees it with the old and new values), then a summary.
            A change in a shared component is one line, named from the operation that reaches it by the
            shortest field path and ending "(also listMessages 200, … and 12 more)"; --format json lists
            every operation in "operations". Identical contracts have no changes.
            Responses break a client when they allow what OLD did not (new enum value, null, wider type, field
            removed or no longer required, status added or removed, a new oneOf branch); requests break it when
            they refuse what OLD accepted (parameter removed or newly required, enum narrowed, narrower type,
            a way of authenticating dropped). JSON and form (x-www-form-urlencoded, multipart) bodies are compared.
            Exit status: 0 nothing breaks, 1 something breaks, 2 usage or input error.
            Example:
              conformance diff contracts/openphone.openapi.json openphone-next.openapi.json --only-breaking
            """)

    static func run(_ context: CommandContext) -> Int32 {
        let files = context.arguments.positionals
        guard files.count == 2 else {
            return context.fail("expected two contract files, OLD and NEW (got \(files.count)); see --help")
        }
        if files[0] == "-" && files[1] == "-" {
            return context.fail("only one of OLD and NEW can be - (standard input)")
        }
        let old: Contract
        let new: Contract
        do {
            old = try load(files[0])
            new = try load(files[1])
        } catch {
            return context.fail(error.message.singleLine)
        }
        let diff = ContractDiff.compare(old: old, new: new)
        let onlyBreaking = context.arguments.flag("only-breaking")
        let shown = onlyBreaking ? diff.breakingChanges : diff.changes
        if context.arguments.value("format") == "json" {
            context.stdout.append(contentsOf: JSONWriter.write(json(diff, shown: shown), options: .init(pretty: true)))
            context.stdout.append(UInt8(ascii: "\n"))
        } else {
            for change in shown { context.stdout.line(change.description.singleLine) }
            context.stdout.line(summary(diff, onlyBreaking: onlyBreaking))
        }
        return diff.isBreaking ? CLI.ExitCode.failure : CLI.ExitCode.success
    }

    struct LoadFailure: Error {
        var message: String
    }

    /// The contract in `file` (`-` is standard input); the failure names the file and the place:
    /// line:column for bad JSON, a JSON Pointer for a document that is not a usable contract.
    static func load(_ file: String) throws(LoadFailure) -> Contract {
        if YAMLReader.isYAMLPath(file) {
            do {
                return try Contract.load(path: file)
            } catch {
                throw LoadFailure(message: error.description)
            }
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(try InputFile.read(file, limit: 1 << 28))
        } catch let error as JSONParseError {
            var located = error
            located.file = file
            throw LoadFailure(message: located.description)
        } catch let error as InputFile.Failure {
            throw LoadFailure(message: "\(file.excerpt()): \(error.message)")
        } catch {
            throw LoadFailure(message: "\(file.excerpt()): \(error)")
        }
        let contract: Contract
        do {
            contract = try Contract(document: document.value(), file: file)
        } catch {
            throw LoadFailure(message: error.description)
        }
        // A contract whose schemas do not compile cannot be compared: what it allows is unknown.
        var problem = contract.referenceProblems().first?.description
        for operation in contract.operations where problem == nil {
            for response in operation.responses where response.schemaPointer != nil && problem == nil {
                do {
                    _ = try response.validator()
                } catch {
                    problem = error.description
                }
            }
        }
        if let problem {
            throw LoadFailure(message: "\(problem) (`conformance lint \(file.excerpt())` lists every problem)")
        }
        return contract
    }

    /// `3 changes in 2 operations: 1 breaking, 2 non-breaking (old.json -> new.json)`.
    static func summary(_ diff: ContractDiff, onlyBreaking: Bool) -> String {
        let files = "(\(diff.oldFile) -> \(diff.newFile))"
        guard !diff.changes.isEmpty else { return "no changes \(files)" }
        let breaking = diff.breakingChanges.count
        let other = diff.changes.count - breaking
        let operations = Set(diff.changes.flatMap { $0.operations.map(\.operationId) + [$0.operationId] }).count
        var text =
            "\(plural(diff.changes.count, "change")) in \(plural(operations, "operation")): \(breaking) breaking, \(other) non-breaking"
        if onlyBreaking && other > 0 { text += " (not shown)" }
        return text + " " + files
    }

    static func json(_ diff: ContractDiff, shown: [ContractDiff.Change]) -> JSONValue {
        let breaking = diff.breakingChanges.count
        return [
            "old": .string(diff.oldFile), "new": .string(diff.newFile), "breaking": .bool(diff.isBreaking),
            "summary": [
                "changes": .number(JSONNumber(diff.changes.count)), "breaking": .number(JSONNumber(breaking)),
                "nonBreaking": .number(JSONNumber(diff.changes.count - breaking)),
                "operations": .number(
                    JSONNumber(Set(diff.changes.flatMap { $0.operations.map(\.operationId) }).count)),
                "breakingOperations": .number(
                    JSONNumber(Set(diff.breakingChanges.flatMap { $0.operations.map(\.operationId) }).count)),
            ],
            "changes": .array(shown.map(json)),
        ]
    }

    static func json(_ change: ContractDiff.Change) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return [
            "kind": .string(change.kind.name), "severity": .string(change.severity.rawValue),
            "operationId": .string(change.operationId), "side": .string(change.side.name),
            "status": optional(change.status), "field": optional(change.field),
            "oldPointer": optional(change.oldPointer?.description),
            "newPointer": optional(change.newPointer?.description),
            "message": .string(change.message),
            "operations": .array(
                change.operations.map {
                    [
                        "operationId": .string($0.operationId), "side": .string($0.side.name),
                        "status": optional($0.status), "field": optional($0.field),
                    ]
                }),
        ]
    }

    private static func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
