import Cassettes
import Foundation
import JSON

/// `conformance har`: cassettes out to HTTP Archive 1.2 (for browser devtools and proxies), and HAR
/// captures back in as redacted cassettes.
enum HARCommand {
    static let spec = CommandSpec(
        name: "har", summary: "Export cassettes to a HAR file, or import a HAR file as redacted cassettes.",
        usage: ["export PATH... [-o FILE]", "import FILE.har --to DIR [--provider NAME] [--operation ID]"],
        options: [
            OptionSpec(
                "output", short: "o", value: "FILE",
                help: "export: write the HAR here (crash-safely) instead of standard output."),
            OptionSpec(
                "to", value: "DIR",
                help: "import: the recordings folder to write <provider>/<operationId>/<scenario>.json under."),
            OptionSpec(
                "provider", value: "NAME",
                help: "import: the provider folder (default: from the HAR, else \(HAR.defaultProvider))."),
            OptionSpec(
                "operation", value: "ID",
                help: "import: the operationId of entries the HAR does not name (default: host and path)."),
        ],
        positionals: "export|import PATH...",
        discussion: """
            export reads cassette files, or every .json file under a directory, in path order, and redacts
            every interaction on the way out (a hand-written cassette's raw credential is not printed).
            import applies the default redactor to every entry before anything is written (form bodies
            by postData.mimeType when the request has no Content-Type; the request's own credentials
            scrubbed from its response); entries exported by conformance go back to their operation,
            scenario and provenance.
            Exit status: 0 done, 2 usage or input error.
            Examples:
              conformance har export recordings/openphone -o openphone.har
              conformance har import capture.har --to recordings --provider openphone --operation getMessageById_v1
            """)

    static func run(_ context: CommandContext) -> Int32 {
        let arguments = context.arguments
        guard let action = arguments.positionals.first else {
            return context.fail("expected 'export' or 'import' (see --help)")
        }
        let paths = Array(arguments.positionals.dropFirst())
        switch action {
        case "export":
            for name in ["to", "provider", "operation"] where arguments.value(name) != nil {
                return context.fail("--\(name) applies to 'har import' only")
            }
            guard !paths.isEmpty else { return context.fail("no cassette PATH to export (see --help)") }
            return export(paths, output: arguments.value("output"), context: context)
        case "import":
            if arguments.value("output") != nil { return context.fail("--output applies to 'har export' only") }
            guard paths.count == 1, let file = paths.first else {
                return context.fail("'har import' takes one FILE.har")
            }
            guard let directory = arguments.value("to") else { return context.fail("'har import' needs --to DIR") }
            for name in ["provider", "operation"] {
                if let value = arguments.value(name), !HARNames.isPathName(value) {
                    return context.fail("invalid --\(name) '\(value)' (letters, digits, '.', '_' and '-')")
                }
            }
            return importFile(
                file, to: directory, provider: arguments.value("provider"), operation: arguments.value("operation"),
                context: context)
        default:
            return context.fail("unknown action '\(action)' (expected 'export' or 'import')")
        }
    }

    static func export(_ paths: [String], output: String?, context: CommandContext) -> Int32 {
        var sources: [HAR.Source] = []
        for path in paths {
            let files: [String]
            do {
                files = try cassetteFiles(path)
            } catch {
                return context.fail(error.description)
            }
            for file in files {
                do {
                    let cassette = try Cassette.load(path: file)
                    let parts = file.split(separator: "/").map(String.init)
                    let scenario = parts.last.map { $0.hasSuffix(".json") ? String($0.dropLast(5)) : $0 }
                    let provider = parts.count >= 3 ? parts[parts.count - 3] : nil
                    sources.append(
                        HAR.Source(
                            cassette: cassette, provider: provider.flatMap { HARNames.isPathName($0) ? $0 : nil },
                            scenario: scenario))
                } catch {
                    return context.fail(error.description)
                }
            }
        }
        var bytes = JSONWriter.write(HAR.export(sources, creatorVersion: CLI.version), options: .init(pretty: true))
        bytes.append(UInt8(ascii: "\n"))
        guard let output else {
            context.stdout.append(contentsOf: bytes)
            return CLI.ExitCode.success
        }
        do {
            try OutputFile.write(bytes, to: output)
        } catch {
            return context.fail(error.description)
        }
        let entries = sources.reduce(0) { $0 + $1.cassette.interactions.count }
        context.stdout.line(
            "wrote \(output): \(entries) entr\(entries == 1 ? "y" : "ies") from \(sources.count) cassette\(sources.count == 1 ? "" : "s")"
        )
        return CLI.ExitCode.success
    }

    /// The file itself, or every `.json` file under a directory (hidden entries skipped), sorted.
    static func cassetteFiles(_ path: String) throws(CassetteError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CassetteError(file: path, message: "no such file or directory")
        }
        guard isDirectory.boolValue else { return [path] }
        guard let names = try? FileManager.default.subpathsOfDirectory(atPath: path) else {
            throw CassetteError(file: path, message: "cannot read the directory")
        }
        return names.filter { name in
            name.hasSuffix(".json") && !name.split(separator: "/").contains { $0.hasPrefix(".") }
        }.sorted()
            .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
    }

    static func importFile(
        _ file: String, to directory: String, provider: String?, operation: String?, context: CommandContext
    ) -> Int32 {
        let imported: HAR.Import
        do {
            imported = try HAR.load(path: file)
        } catch {
            return context.fail(error.description)
        }
        for skipped in imported.skipped {
            context.stderr.line("conformance har: \(file)\(skipped.pointer.uriFragment): skipped, \(skipped.reason)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let cassettes = HAR.cassettes(from: imported, source: name, provider: provider, operation: operation) {
            relative in
            FileManager.default.fileExists(atPath: base + relative)
        }
        for item in cassettes {
            let path = base + item.relativePath
            do {
                try item.cassette.write(to: path)
            } catch {
                return context.fail(error.description)
            }
            let count = item.cassette.interactions.count
            context.stdout.line("wrote \(path): \(count) interaction\(count == 1 ? "" : "s")")
        }
        return CLI.ExitCode.success
    }
}

/// Names that become folders or files.
enum HARNames {
    static func isPathName(_ text: String) -> Bool {
        text.range(of: #"^[A-Za-z0-9_][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil
    }
}
