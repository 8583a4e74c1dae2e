import Foundation
import HTTPTransport
import JSON

extension HAR {
    /// A cassette rebuilt from HAR entries, with the path it belongs at under a recordings folder.
    public struct ImportedCassette: Sendable, Hashable {
        public var provider: String
        public var scenario: String
        public var cassette: Cassette

        /// `<provider>/<operationId>/<scenario>.json`.
        public var relativePath: String { "\(provider)/\(cassette.operationId)/\(scenario).json" }
    }

    /// The provider folder used when neither `provider` nor `_conformance` names one.
    public static let defaultProvider = "imported"

    /// Groups imported entries into cassettes, in order of first appearance.
    ///
    /// Entries exported by conformance go back to their cassette (operationId, scenario and
    /// provenance from `_conformance`). Other entries are grouped by `operation` when given, else by
    /// host and path (`api.example.com_v1_messages`), with provenance `recorded` and source
    /// `imported from <source>`. Scenarios without a name are `imported-1`, `imported-2`, … per
    /// operation, skipping any whose ``ImportedCassette/relativePath`` `taken` says is in use (so a
    /// second import does not overwrite the first). `provider`, when given, replaces every entry's provider.
    public static func cassettes(
        from imported: Import, source: String, provider: String? = nil, operation: String? = nil,
        taken: (String) -> Bool = { _ in false }
    ) -> [ImportedCassette] {
        struct Key: Hashable {
            var provider: String
            var operationId: String
            var group: String
        }
        var order: [Key] = []
        var groups: [Key: [ImportedEntry]] = [:]
        for entry in imported.entries {
            let key: Key
            if let operationId = entry.operationId {
                key = Key(
                    provider: provider ?? entry.provider ?? defaultProvider, operationId: operationId,
                    group: entry.scenario.map { "scenario:" + $0 } ?? "cassette:\(entry.cassette ?? -1)")
            } else {
                key = Key(
                    provider: provider ?? defaultProvider,
                    operationId: operation ?? derivedOperationId(entry.interaction.request.url), group: "")
            }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(entry)
        }
        var unnamed: [String: Int] = [:]
        return order.map { key in
            let entries = groups[key] ?? []
            let scenario: String
            if let named = entries.first?.scenario {
                scenario = named
            } else {
                var count = unnamed["\(key.provider)/\(key.operationId)", default: 0] + 1
                while taken("\(key.provider)/\(key.operationId)/imported-\(count).json") { count += 1 }
                unnamed["\(key.provider)/\(key.operationId)"] = count
                scenario = "imported-\(count)"
            }
            let provenance =
                entries.first?.provenance
                ?? Cassette.Provenance(
                    kind: .recorded, source: "imported from \(source)",
                    capturedAt: entries.first?.interaction.capturedAt)
            return ImportedCassette(
                provider: key.provider, scenario: scenario,
                cassette: Cassette(
                    operationId: key.operationId, provenance: provenance, interactions: entries.map(\.interaction)))
        }
    }

    /// `https://api.example.com/v1/messages` → `api.example.com_v1_messages`: a folder name.
    static func derivedOperationId(_ url: URL) -> String {
        var name = ""
        var lastWasSeparator = true
        for scalar in ((url.host ?? "") + "/" + url.path).unicodeScalars {
            let safe = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-")
            if safe {
                name.unicodeScalars.append(scalar)
                lastWasSeparator = false
            } else if !lastWasSeparator {
                name += "_"
                lastWasSeparator = true
            }
        }
        while name.hasSuffix("_") { name.removeLast() }
        return isPathName(name) ? name : "imported"
    }
}
