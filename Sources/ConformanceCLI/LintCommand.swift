import Contracts
import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `conformance lint`: checks contracts themselves.
enum LintCommand {
    static let spec = CommandSpec(
        name: "lint",
        summary: "Check contracts: $refs resolve, patterns compile, operations and responses are complete.",
        usage: ["[--strict] [--nullable READING] [--formats MODE] [--regex GRAMMAR] [PATH...]"],
        options: [OptionSpec("strict", help: "Warnings fail too (exit 1).")] + ReadingOptions.options,
        positionals: "PATH...",
        discussion: """
            PATH is a contract file or a directory of *.openapi.json files (default: contracts).
            Each finding is `file#pointer: error|warning: message`. Exit status: 1 when there are errors (or warnings,
            with --strict), 2 on a usage error or a contract that does not load.
            """)

    static func run(_ context: CommandContext) -> Int32 {
        let paths = context.arguments.positionals.isEmpty ? ["contracts"] : context.arguments.positionals
        var files: [String] = []
        for path in paths {
            guard let found = contractFiles(path) else {
                return context.fail("\(path.excerpt()): no such file or directory")
            }
            if found.isEmpty { return context.fail("\(path.excerpt()): no *.openapi.json files in this directory") }
            files += found
        }
        var errors = 0
        var warnings = 0
        for file in files {
            let contract: Contract
            do {
                contract = try Contract.load(path: file, readings: ReadingOptions.readings(context.arguments))
            } catch {
                return context.fail(error.description)
            }
            // The same finding can come from two checks (a broken $ref breaks every schema that uses it).
            var seen: Set<String> = []
            for finding in contract.lint() where seen.insert(finding.description).inserted {
                context.stdout.line(finding.description)
                if finding.severity == .error { errors += 1 } else { warnings += 1 }
            }
        }
        context.stdout.line(
            "\(files.count) contract\(files.count == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        )
        let failing = errors + (context.arguments.flag("strict") ? warnings : 0)
        return failing == 0 ? CLI.ExitCode.success : CLI.ExitCode.failure
    }

    /// The file itself, or the sorted `*.openapi.json` (or `.yaml`, `.yml`) files of a directory; nil
    /// when nothing is there.
    static func contractFiles(_ path: String) -> [String]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return [path] }
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if Contract.isContractFile(name) { names.append(name) }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        return names.sorted().map { base + $0 }
    }
}
