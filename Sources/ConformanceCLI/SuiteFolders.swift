import ConformanceHarness
import Foundation

/// Which contracts and recordings folders a command reads. In order: `--contracts` / `--recordings`
/// (each repeatable); else the `--root` folders (repeatable; each holds `contracts/`,
/// `recordings/` or both); else the gate's own suite roots; else the current folder when it has
/// both `contracts/` and `recordings/`; else this package's bundled suite — so
/// `swift run --package-path …/conformance conformance verify` works from any folder.
struct SuiteFolders: Sendable, Hashable {
    var contracts: [String]
    var recordings: [String]

    static let options = [
        OptionSpec(
            "root", value: "DIR",
            help: "A suite folder holding contracts/ and/or recordings/ (repeatable; default: see below).",
            repeatable: true),
        OptionSpec(
            "contracts", value: "DIR", help: "Folder of *.openapi.json contracts (repeatable; overrides --root).",
            repeatable: true),
        OptionSpec(
            "recordings", value: "DIR", help: "Folder of cassettes (repeatable; overrides --root).", repeatable: true),
    ]

    static let discussion = """
        Folders: --contracts/--recordings, else each --root's contracts/ and recordings/, else the executable's own
        suite folders, else the current folder when it has contracts/ and recordings/, else the bundled suite.
        """

    /// The folders the arguments name, or why they cannot be used.
    static func resolve(
        _ arguments: ParsedArguments, gate: CLI.Gate,
        currentDirectory: String = FileManager.default.currentDirectoryPath
    )
        -> Result<SuiteFolders, UsageMessage>
    {
        var roots = arguments.all("root")
        if roots.isEmpty {
            if !gate.suiteRoots.isEmpty {
                roots = gate.suiteRoots
            } else if isDirectory(join(currentDirectory, "contracts"))
                && isDirectory(join(currentDirectory, "recordings"))
            {
                roots = ["."]
            } else {
                roots = [ConformanceSuite.bundledRoot]
            }
        }
        var folders = SuiteFolders(contracts: arguments.all("contracts"), recordings: arguments.all("recordings"))
        let fromRoots = folders.contracts.isEmpty || folders.recordings.isEmpty
        if fromRoots {
            var contracts: [String] = []
            var recordings: [String] = []
            for root in roots {
                let hasContracts = isDirectory(join(root, "contracts"))
                let hasRecordings = isDirectory(join(root, "recordings"))
                guard hasContracts || hasRecordings else {
                    return .failure(
                        UsageMessage(
                            text: "\(root): no contracts/ or recordings/ folder here (a suite root holds them)"))
                }
                if hasContracts { contracts.append(root == "." ? "contracts" : join(root, "contracts")) }
                if hasRecordings { recordings.append(root == "." ? "recordings" : join(root, "recordings")) }
            }
            if folders.contracts.isEmpty { folders.contracts = contracts }
            if folders.recordings.isEmpty { folders.recordings = recordings }
        }
        for directory in folders.contracts + folders.recordings where !isDirectory(directory) {
            return .failure(UsageMessage(text: "\(directory): no such directory"))
        }
        if folders.contracts.isEmpty {
            return .failure(UsageMessage(text: "no contracts folder in \(roots.joined(separator: ", "))"))
        }
        if folders.recordings.isEmpty {
            return .failure(UsageMessage(text: "no recordings folder in \(roots.joined(separator: ", "))"))
        }
        return .success(folders)
    }

    /// The arguments that name exactly these folders (for a worker process).
    var arguments: [String] {
        contracts.flatMap { ["--contracts", $0] } + recordings.flatMap { ["--recordings", $0] }
    }

    /// `contracts from A; recordings from B, C`.
    var description: String {
        "contracts from \(contracts.joined(separator: ", ")); recordings from \(recordings.joined(separator: ", "))"
    }

    func load() -> ConformanceSuite {
        ConformanceSuite.load(contractsDirectories: contracts, recordingsDirectories: recordings)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A usage problem's text (a command prints it through ``CommandContext/fail(_:)``).
struct UsageMessage: Error, Sendable, Hashable {
    var text: String
}
