import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

/// Decides whether a new recording may replace the cassette on disk: only when the test passed and
/// every recorded response is one the operation's contract documents (a documented status, a body
/// its schema accepts) and none is a stand-in's error (`X-Conformance-Error`). Otherwise the old
/// cassette stays and the new recording is put aside, named in the failure.
enum RecordingGate {
    /// Commits the transport's new recording, or keeps the old cassette and throws saying why and
    /// where the rejected recording went. `failure` is why the test failed, if it did.
    static func settle(_ transport: CassetteTransport, cassetteName: String, contract: Contract?, failure: String?)
        throws
    {
        guard let recording = transport.newRecording else { return }
        let reason = failure ?? rejection(of: recording, contract: contract)
        guard let reason else {
            try transport.commit()
            return
        }
        let aside = FileManager.default.temporaryDirectory
            .appendingPathComponent("conformance-rejected-recordings")
            .appendingPathComponent(String(UUID().uuidString.prefix(8)).lowercased())
            .appendingPathComponent(cassetteName + ".json").path
        var whereTo = "the rejected recording is at \(aside)"
        do {
            try FileManager.default.createDirectory(
                atPath: (aside as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try transport.commit(to: aside)
        } catch {
            whereTo = "the rejected recording could not be kept (\(error))"
        }
        let kept =
            FileManager.default.fileExists(atPath: transport.path) ? "kept the existing cassette" : "wrote no cassette"
        throw CassetteError(file: transport.path, message: "\(kept): \(reason); \(whereTo)")
    }

    /// Why the recording is not one the contract documents, or nil when it is.
    static func rejection(of recording: Cassette, contract: Contract?) -> String? {
        for (index, interaction) in recording.interactions.enumerated() {
            if let error = interaction.response.headers["X-Conformance-Error"] {
                return
                    "interaction \(index) is a stand-in's error (X-Conformance-Error: \(error)), not the provider's answer"
            }
        }
        guard let contract else { return nil }
        guard let operation = contract.operation(id: recording.operationId) else {
            return "operation '\(recording.operationId)' is not in \(contract.file)"
        }
        for (index, interaction) in recording.interactions.enumerated() {
            if let problem = operation.problems(status: interaction.response.status, body: interaction.response.body)
                .first
            {
                return
                    "interaction \(index) (\(interaction.response.status)) is not what \(operation.id) documents in \(contract.file): \(problem)"
            }
        }
        return nil
    }

    /// The contract of the cassette's provider: `<recordings>/../contracts/<provider>.openapi.json`
    /// (or `.openapi.yaml`, `.openapi.yml`).
    static func contract(for cassetteName: String, recordings: String) -> Contract? {
        guard let provider = cassetteName.split(separator: "/").first else { return nil }
        let root = (recordings as NSString).deletingLastPathComponent
        let files = Contract.fileSuffixes.map {
            (root as NSString).appendingPathComponent("contracts/\(provider)\($0)")
        }
        guard let file = files.first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        return try? Contract.load(path: file)
    }
}
