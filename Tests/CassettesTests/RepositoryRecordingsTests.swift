import Foundation
import Testing

@testable import Cassettes

/// Every cassette committed under the package's `recordings/` folder (and the test fixtures under
/// `Tests/CassettesTests/recordings/`) loads, and sits at `<provider>/<operationId>/<scenario>.json`
/// with the operationId its path names.
@Suite struct RepositoryRecordingsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var cassettes: [String] {
        ["recordings", "Tests/CassettesTests/recordings"].flatMap { folder -> [String] in
            let root = packageRoot.appendingPathComponent(folder).path
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
            return files.filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
        }
    }

    @Test("committed cassettes load and sit where their operationId says", arguments: cassettes)
    func loads(relativePath: String) throws {
        let cassette = try Cassette.load(path: Self.packageRoot.appendingPathComponent(relativePath).path)
        let parts = relativePath.split(separator: "/")
        try #require(parts.count >= 4, "expected recordings/<provider>/<operationId>/<scenario>.json")
        #expect(String(parts[parts.count - 2]) == cassette.operationId, "the folder names the cassette's operationId")
    }
}
