import ConformanceHarness
import Foundation
import Testing

/// The README's snippets for a team are the files of `Tests/Consumer` (built and tested by CI): each
/// Swift block that starts with `// Tests/…` must appear in that file exactly as printed.
@Suite struct ReadmeSnippetTests {
    struct Snippet: CustomTestStringConvertible, Sendable {
        var file: String
        var code: String
        var testDescription: String { file }
    }

    static func snippets() throws -> [Snippet] {
        let readme = try String(contentsOfFile: ConformanceSuite.sourceRoot + "/README.md", encoding: .utf8)
        var snippets: [Snippet] = []
        for block in readme.components(separatedBy: "```swift\n").dropFirst() {
            guard let end = block.range(of: "\n```") else { continue }
            let lines = block[..<end.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = lines.first, first.hasPrefix("// Tests/") else { continue }
            let file = String(first.dropFirst(3).split(separator: " ")[0])
            snippets.append(Snippet(file: file, code: lines.dropFirst().joined(separator: "\n")))
        }
        return snippets
    }

    @Test func theReadmeShowsTheConsumerPackage() throws {
        #expect(try Self.snippets().count >= 4)
    }

    @Test(arguments: try ReadmeSnippetTests.snippets())
    func snippetIsTheFile(_ snippet: Snippet) throws {
        let text = try String(contentsOfFile: ConformanceSuite.sourceRoot + "/" + snippet.file, encoding: .utf8)
        #expect(text.contains(snippet.code), "README block differs from \(snippet.file)")
    }
}
