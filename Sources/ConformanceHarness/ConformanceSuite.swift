import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON
import JSONSchema

/// The contracts and cassettes a run works from, loaded from one or more suite folders (each with
/// `contracts/` and `recordings/`). Files that do not load are kept as ``problems`` (file and
/// place) so one bad file does not hide the rest; the throwing entry points
/// (``bundled()``, ``load(roots:)``, ``cases(for:policy:)``) turn any problem into an error, so a
/// test can never pass having checked nothing.
public struct ConformanceSuite: Sendable {
    /// Contracts by provider: the file stem (`contracts/openphone.openapi.json` → `openphone`).
    public var contracts: [String: Contract]
    /// Cassettes with their paths and providers (`recordings/<provider>/<operationId>/<scenario>.json`).
    public var cassettes: [Entry]
    /// Files that did not load, and folders that were missing or empty.
    public var problems: [String]
    /// The contract folders read, in order (a later folder's contract replaces an earlier one's of the same provider).
    public let contractsDirectories: [String]
    /// The recordings folders read, in order (a later folder's cassette replaces an earlier one at the same relative path).
    public let recordingsDirectories: [String]
    /// Every contract file found (loaded or not), for the checks.
    var contractFiles: [String] = []
    /// Every cassette file found (loaded or not) with its path relative to its recordings folder.
    var cassetteFiles: [(path: String, relative: String)] = []
    /// Recordings folders that were missing or held no cassette (also in ``problems``).
    var recordingsFolderProblems: [String] = []

    /// The first contracts folder (where a single-folder suite was read from).
    public var contractsDirectory: String { contractsDirectories.first ?? "" }
    /// The first recordings folder.
    public var recordingsDirectory: String { recordingsDirectories.first ?? "" }

    /// One cassette and where it sits.
    public struct Entry: Sendable {
        public var path: String
        public var provider: String
        public var scenario: String
        public var cassette: Cassette
    }

    /// Loads every `*.openapi.json` under `contractsDirectory` and every cassette under
    /// `recordingsDirectory`, collecting what does not load as ``problems``.
    public static func load(contractsDirectory: String, recordingsDirectory: String) -> ConformanceSuite {
        load(contractsDirectories: [contractsDirectory], recordingsDirectories: [recordingsDirectory])
    }

    /// The default places, `contracts/` and `recordings/` under `root`, collecting what does not load
    /// as ``problems`` (see ``load(roots:)`` for the throwing form).
    public static func load(root: String) -> ConformanceSuite {
        load(contractsDirectories: [join(root, "contracts")], recordingsDirectories: [join(root, "recordings")])
    }

    /// Loads several suite folders as one, in order: the bundled suite and a team's own, say
    /// (`try .load(roots: [ConformanceSuite.bundledRoot, myRoot])`). A folder needs `contracts/`,
    /// `recordings/` or both; a later contract replaces an earlier one of the same provider, a later
    /// cassette one at the same `<provider>/<operationId>/<scenario>.json`.
    /// - Throws: ``SuiteError`` naming every folder looked at when anything failed to load, a root
    ///   has neither folder, or the suite holds no contract or no cassette.
    public static func load(roots: [String]) throws(SuiteError) -> ConformanceSuite {
        var contracts: [String] = []
        var recordings: [String] = []
        var missing: [String] = []
        for root in roots {
            let before = contracts.count + recordings.count
            if isDirectory(join(root, "contracts")) { contracts.append(join(root, "contracts")) }
            if isDirectory(join(root, "recordings")) { recordings.append(join(root, "recordings")) }
            if contracts.count + recordings.count == before {
                missing.append("\(root): no contracts/ or recordings/ folder here")
            }
        }
        var suite = load(contractsDirectories: contracts, recordingsDirectories: recordings)
        suite.problems = missing + suite.problems
        try suite.requireUsable(lookedAt: roots)
        return suite
    }

    /// Loads the given folders, collecting problems.
    public static func load(contractsDirectories: [String], recordingsDirectories: [String]) -> ConformanceSuite {
        var suite = ConformanceSuite(
            contracts: [:], cassettes: [], problems: [], contractsDirectories: contractsDirectories,
            recordingsDirectories: recordingsDirectories)
        for directory in contractsDirectories {
            guard isDirectory(directory) else {
                suite.problems.append("\(directory): no such contracts folder")
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
                Contract.isContractFile($0) && !$0.hasPrefix(".")
            }.sorted()
            if names.isEmpty { suite.problems.append("\(directory): no *.openapi.json (or .yaml) contracts") }
            for name in names {
                let path = join(directory, name)
                suite.contractFiles.removeAll { stem(of: $0) == stem(of: path) }
                suite.contractFiles.append(path)
                do {
                    suite.contracts[stem(of: path)] = try Contract.load(path: path)
                } catch {
                    suite.problems.append(error.description)
                }
            }
        }
        var byRelative: [String: Int] = [:]
        for directory in recordingsDirectories {
            guard isDirectory(directory) else {
                suite.recordingsFolderProblems.append("\(directory): no such recordings folder")
                continue
            }
            let files = (FileManager.default.enumerator(atPath: directory)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".json") && !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.sorted()
            if files.isEmpty {
                suite.recordingsFolderProblems.append("\(directory): no cassettes (*.json) below this folder")
            }
            for relative in files {
                let path = join(directory, relative)
                if let earlier = byRelative[relative] {
                    suite.cassetteFiles[earlier] = (path, relative)
                } else {
                    byRelative[relative] = suite.cassetteFiles.count
                    suite.cassetteFiles.append((path, relative))
                }
            }
        }
        suite.problems += suite.recordingsFolderProblems
        for (path, relative) in suite.cassetteFiles {
            let parts = relative.split(separator: "/").map(String.init)
            guard parts.count == 3 else {
                suite.problems.append(
                    "\(path): expected <provider>/<operationId>/<scenario>.json under its recordings folder")
                continue
            }
            do {
                let cassette = try Cassette.load(path: path)
                suite.cassettes.append(
                    Entry(path: path, provider: parts[0], scenario: String(parts[2].dropLast(5)), cassette: cassette))
            } catch {
                suite.problems.append(error.description)
            }
        }
        return suite
    }

    /// Throws unless the suite loaded cleanly and holds at least one contract and one cassette.
    public func requireUsable(lookedAt roots: [String]? = nil) throws(SuiteError) {
        var causes = problems
        if contracts.isEmpty && !causes.contains(where: { $0.contains("contracts") }) {
            causes.append("no contract loaded")
        }
        if cassettes.isEmpty && !causes.contains(where: { $0.contains("cassette") || $0.contains("recordings") }) {
            causes.append("no cassette loaded")
        }
        guard !causes.isEmpty else { return }
        throw SuiteError(
            lookedAt: roots ?? (contractsDirectories + recordingsDirectories), causes: causes)
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func stem(of file: String) -> String {
        Contract.stem(ofFile: file)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// A suite that cannot be used as loaded: what was wrong and every folder looked at, so a
/// misconfigured path fails the test that asked for it instead of yielding no cases.
public struct SuiteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The folders (suite roots, or contracts and recordings folders) that were read.
    public var lookedAt: [String]
    /// Each problem, one line each (file and place where there is one).
    public var causes: [String]

    public init(lookedAt: [String], causes: [String]) {
        self.lookedAt = lookedAt
        self.causes = causes
    }

    public var description: String {
        let shown = causes.prefix(10).joined(separator: "; ")
        let more = causes.count > 10 ? "; and \(causes.count - 10) more" : ""
        return "conformance suite at \(lookedAt.joined(separator: ", ")) is not usable: \(shown)\(more)"
    }
}
