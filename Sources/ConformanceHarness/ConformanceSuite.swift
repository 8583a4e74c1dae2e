import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON
import JSONSchema

/// The contracts and cassettes a run works from, loaded from their folders. Files that do not load
/// are kept as problems (file and place), not thrown, so one bad file does not hide the rest.
public struct ConformanceSuite: Sendable {
    /// Contracts by provider: the file stem (`contracts/openphone.openapi.json` → `openphone`).
    public var contracts: [String: Contract]
    /// Cassettes with their paths and providers (`recordings/<provider>/<operationId>/<scenario>.json`).
    public var cassettes: [Entry]
    /// Files that did not load.
    public var problems: [String]
    /// Where the contracts were read from.
    public let contractsDirectory: String
    /// Where the cassettes were read from.
    public let recordingsDirectory: String

    /// One cassette and where it sits.
    public struct Entry: Sendable {
        public var path: String
        public var provider: String
        public var scenario: String
        public var cassette: Cassette
    }

    /// Loads every `*.openapi.json` under `contractsDirectory` and every cassette under `recordingsDirectory`.
    public static func load(contractsDirectory: String, recordingsDirectory: String) -> ConformanceSuite {
        var suite = ConformanceSuite(
            contracts: [:], cassettes: [], problems: [], contractsDirectory: contractsDirectory,
            recordingsDirectory: recordingsDirectory)
        let contractFiles = ((try? FileManager.default.contentsOfDirectory(atPath: contractsDirectory)) ?? []).filter {
            $0.hasSuffix(".openapi.json")
        }.sorted()
        if contractFiles.isEmpty { suite.problems.append("\(contractsDirectory): no *.openapi.json contracts") }
        for name in contractFiles {
            let path = (contractsDirectory as NSString).appendingPathComponent(name)
            do {
                suite.contracts[String(name.dropLast(".openapi.json".count))] = try Contract.load(path: path)
            } catch {
                suite.problems.append(error.description)
            }
        }
        let files = (FileManager.default.enumerator(atPath: recordingsDirectory)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        for relative in files {
            let path = (recordingsDirectory as NSString).appendingPathComponent(relative)
            let parts = relative.split(separator: "/").map(String.init)
            guard parts.count == 3 else {
                suite.problems.append(
                    "\(path): expected <provider>/<operationId>/<scenario>.json under \(recordingsDirectory)")
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

    /// The default places: `contracts/` and `recordings/` under `root`.
    public static func load(root: String) -> ConformanceSuite {
        load(
            contractsDirectory: (root as NSString).appendingPathComponent("contracts"),
            recordingsDirectory: (root as NSString).appendingPathComponent("recordings"))
    }
}
