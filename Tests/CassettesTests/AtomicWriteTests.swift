import Foundation
import Testing

@testable import Cassettes

@Suite struct AtomicWriteTests {
    func cassette(_ source: String) -> Cassette {
        Cassette(
            operationId: "op", provenance: .init(kind: .documented, source: source),
            interactions: [interaction("https://a.example/x", body: #"{"source":"\#(source)"}"#)])
    }

    func listing(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent).sorted()
    }

    @Test func aWriteThatDiesBeforeTheRenameLeavesTheOldFile() throws {
        let path = temporaryPath("crash/op.json")
        try cassette("old").write(to: path)
        let old = try #require(FileManager.default.contents(atPath: path))
        let new = cassette("new").encoded()
        let error = #expect(throws: CassetteError.self) {
            try AtomicFile.write(new, to: path) { temporary throws(CassetteError) in
                // The new bytes are complete and on disk before anything replaces the old file.
                #expect(FileManager.default.contents(atPath: temporary) == Data(new))
                throw CassetteError(file: path, message: "simulated crash")
            }
        }
        #expect(error?.description == "\(path): simulated crash")
        #expect(FileManager.default.contents(atPath: path) == old)
        #expect(try listing(path) == ["op.json"], "the temporary file is removed")
    }

    @Test func aPathUnderAFileIsAnErrorNotACrash() throws {
        let blocker = temporaryPath("blocker")
        try FileManager.default.createDirectory(
            atPath: (blocker as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: blocker))
        let path = blocker + "/op.json"
        let error = #expect(throws: CassetteError.self) { try cassette("x").write(to: path) }
        #expect(error?.description == "\(path): cannot create a temporary file: Not a directory")
    }

    @Test func concurrentWritersNeverTearTheFile() async throws {
        let path = temporaryPath("race/op.json")
        let versions = (0..<16).map { cassette("writer \($0) " + String(repeating: "x", count: 4096)) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for version in versions { group.addTask { try version.write(to: path) } }
            try await group.waitForAll()
        }
        #expect(versions.contains(try Cassette.load(path: path)))
        #expect(try listing(path) == ["op.json"])
    }
}
