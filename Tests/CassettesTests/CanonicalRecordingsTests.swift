import Foundation
import Testing

@testable import Cassettes

/// Every committed cassette under `recordings/` is stored in its canonical bytes: loading it and
/// encoding it again gives the file back byte for byte, so a re-recording or a regenerated
/// documented cassette shows up as a real diff, never as layout noise.
@Suite struct CanonicalRecordingsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `recordings/<provider>/<operationId>/<scenario>.json`, relative to the package root, sorted.
    static var cassettes: [String] {
        let root = packageRoot.appendingPathComponent("recordings").path
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".json") }.sorted().map { "recordings/" + $0 }
    }

    @Test("committed cassettes are byte-canonical", arguments: cassettes)
    func canonical(relativePath: String) throws {
        let path = Self.packageRoot.appendingPathComponent(relativePath).path
        let bytes = try #require(FileManager.default.contents(atPath: path))
        let cassette = try Cassette.load(path: path)
        let encoded = cassette.encoded()
        let firstDifference =
            zip(encoded, bytes).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(encoded.count, bytes.count)
        #expect(
            encoded == [UInt8](bytes),
            "\(relativePath) is not in canonical layout (first difference at byte \(firstDifference)); rewrite it with Cassette.load(path:).write(to:)"
        )
    }

    @Test("documented cassettes say where they come from")
    func documentedProvenance() throws {
        #expect(!Self.cassettes.isEmpty, "recordings/ holds no cassette")
        for relativePath in Self.cassettes {
            let cassette = try Cassette.load(path: Self.packageRoot.appendingPathComponent(relativePath).path)
            guard cassette.provenance.kind == .documented else { continue }
            let source = cassette.provenance.source
            #expect(
                source.contains(".txt") || source.contains("https://"),
                "\(relativePath): a documented cassette names its seed file or page")
        }
    }
}
