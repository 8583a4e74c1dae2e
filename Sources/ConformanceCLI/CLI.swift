import ConformanceHarness
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `conformance` command line: parses the words, runs the command, and returns the exit code.
/// Everything is in-process and writes to the given outputs, so tests run it without a subprocess.
///
/// It is a library so a team's own gate executable gets the whole command line with its own
/// clients (see ``main(clients:suiteRoots:)``); it does not depend on the bundled clients.
public enum CLI {
    public static let version = "0.1.0"

    /// Exit codes: 0 all valid, 1 something invalid, 2 usage or input error.
    public enum ExitCode {
        public static let success: Int32 = 0
        public static let failure: Int32 = 1
        public static let usage: Int32 = 2
    }

    /// Every command: its declaration (parsing and help) and what runs it. Adding a command is one line.
    static let registry: [(spec: CommandSpec, run: @Sendable (CommandContext) -> Int32)] = [
        (ValidateCommand.spec, ValidateCommand.run),
        (LintCommand.spec, LintCommand.run),
        (RecordCommand.spec, RecordCommand.run),
        (ScanCommand.spec, ScanCommand.run),
        (HARCommand.spec, HARCommand.run),
        (ServeCommand.spec, ServeCommand.run),
        (CoverageCommand.spec, CoverageCommand.run),
        (DiffCommand.spec, DiffCommand.run),
        (VerifyCommand.spec, VerifyCommand.run),
    ]

    static var commands: [CommandSpec] { registry.map(\.spec) }

    /// The whole command line for a gate executable, with `clients` in `verify` (and in its worker
    /// processes, which are this same executable): a team's `Sources/my-gate/main.swift` is
    /// `CLI.main(clients: ClientSet([MyAdapter()]))`. `suiteRoots` are the suite folders read when
    /// no `--root`, `--contracts` or `--recordings` is given (default: this package's bundled suite);
    /// reproduce lines name `swift run <this executable>`.
    public static func main(clients: ClientSet, suiteRoots: [String] = []) -> Never {
        var environment = ProcessEnvironment.current
        if let path = Bundle.main.executablePath { environment["CONFORMANCE_EXECUTABLE"] = path }
        let name = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "conformance"
        let gate = Gate(clients: clients, suiteRoots: suiteRoots, command: "swift run \(name)")
        let code = run(
            Array(CommandLine.arguments.dropFirst()), environment: environment, stdout: Output(descriptor: 1),
            stderr: Output(descriptor: 2), gate: gate)
        exit(code)
    }

    /// What an executable brings to the command line: its clients, its default suite folders, and
    /// how a reproduce line invokes it.
    public struct Gate: Sendable {
        /// The clients `verify` can run.
        public var clients: ClientSet
        /// Suite folders (each with `contracts/` and/or `recordings/`) used when no folder option is given.
        public var suiteRoots: [String]
        /// How reproduce lines start: `swift run conformance`.
        public var command: String

        public init(
            clients: ClientSet = ClientSet([]), suiteRoots: [String] = [], command: String = "swift run conformance"
        ) {
            self.clients = clients
            self.suiteRoots = suiteRoots
            self.command = command
        }
    }

    /// Runs `conformance ARGUMENTS` and returns the exit code.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], stdout: Output, stderr: Output, gate: Gate = Gate()
    )
        -> Int32
    {
        defer {
            stdout.flush()
            stderr.flush()
        }
        guard let first = arguments.first else {
            stderr.write(overview)
            return ExitCode.usage
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let spec = commands.first(where: { $0.name == arguments[1] }) {
                stdout.write(spec.help)
            } else {
                stdout.write(overview)
            }
            return ExitCode.success
        }
        if first == "--version" {
            stdout.line(version)
            return ExitCode.success
        }
        guard let spec = commands.first(where: { $0.name == first }) else {
            let suggestion = commands.map(\.name).min { editDistance($0, first) < editDistance($1, first) }
            let hint = suggestion.flatMap { editDistance($0, first) <= 2 ? " (did you mean '\($0)'?)" : nil } ?? ""
            stderr.line(
                UsageError(command: "", message: "unknown command '\(first)'\(hint); see 'conformance --help'")
                    .description)
            return ExitCode.usage
        }
        let parsed: ParsedArguments
        do {
            parsed = try spec.parse(Array(arguments.dropFirst()))
        } catch {
            stderr.line(error.description)
            return ExitCode.usage
        }
        if parsed.flag("help") {
            stdout.write(spec.help)
            return ExitCode.success
        }
        let context = CommandContext(
            arguments: parsed, environment: environment, stdout: stdout, stderr: stderr, command: spec.name, gate: gate)
        guard let command = registry.first(where: { $0.spec.name == spec.name }) else { return ExitCode.usage }
        return command.run(context)
    }

    static var overview: String {
        var lines = [
            "OVERVIEW: Conformance proves HTTP API clients right against provider contracts.", "",
            "USAGE: conformance <command> [options]", "", "COMMANDS:",
        ]
        for spec in commands { lines.append("  " + spec.name.padding(toLength: 12) + spec.summary) }
        lines += [
            "", "See 'conformance <command> --help' for a command's options.",
            "conformance --version prints the version.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// What a command runs with.
struct CommandContext {
    let arguments: ParsedArguments
    let environment: [String: String]
    let stdout: Output
    let stderr: Output
    let command: String
    var gate = CLI.Gate()

    /// Reports a usage or input error and returns exit code 2.
    func fail(_ message: String) -> Int32 {
        stderr.line("conformance \(command): \(message)")
        return CLI.ExitCode.usage
    }
}
