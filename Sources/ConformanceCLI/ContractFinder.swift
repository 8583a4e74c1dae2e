import Cassettes
import Contracts
import Foundation

/// The contract a cassette's operation belongs to, for matching by the contract's meaning: from
/// `--contracts DIR` when given, else from the `contracts/` folder beside the `recordings/` folder
/// the cassette sits in. Each folder is read once.
struct ContractFinder {
    let explicit: String?
    private var loaded: [String: [Contract]] = [:]

    init(explicit: String?) { self.explicit = explicit }

    /// The contract holding the cassette's operation, preferring the one named after its provider
    /// folder; nil when there is none (the cassette is then matched exactly).
    mutating func contract(for cassette: Cassette, at path: String) -> Contract? {
        guard let (folder, provider) = contractsFolder(for: path) else { return nil }
        if loaded[folder] == nil {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { Contract.isContractFile($0) }.sorted()
            loaded[folder] = names.compactMap { try? Contract.load(path: folder + "/" + $0) }
        }
        let candidates = (loaded[folder] ?? []).filter { $0.operation(id: cassette.operationId) != nil }
        return candidates.first { Contract.stem(ofFile: $0.file) == provider } ?? candidates.first
    }

    private func contractsFolder(for path: String) -> (String, String?)? {
        let components = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let recordings = components.lastIndex(of: "recordings")
        let provider = recordings.flatMap { $0 + 1 < components.count - 1 ? components[$0 + 1] : nil }
        if let explicit { return (explicit, provider) }
        guard let recordings else { return nil }
        let root = NSString.path(withComponents: Array(components[..<recordings]))
        let folder = (root as NSString).appendingPathComponent("contracts")
        return FileManager.default.fileExists(atPath: folder) ? (folder, provider) : nil
    }
}
