import JSON
import Testing
import YAML

@Suite("YAML places")
struct YAMLDocumentTests {
    static let text = """
        openapi: 3.0.1
        paths:
          /messages/{id}:
            get:
              responses:
                200: {description: OK, content: {application/json: {schema: {$ref: '#/x'}}}}
                404:
                  description: Not found
              tags:
                - Messages
                - [a, {b: c}]
        """

    @Test(
        "a JSON Pointer finds its line and column",
        arguments: [
            ("", "1:1"), ("/openapi", "1:1"), ("/paths", "2:1"), ("/paths/~1messages~1{id}/get", "4:5"),
            ("/paths/~1messages~1{id}/get/responses/200", "6:9"),
            ("/paths/~1messages~1{id}/get/responses/200/description", "6:15"),
            ("/paths/~1messages~1{id}/get/responses/200/content/application~1json/schema/$ref", "6:70"),
            ("/paths/~1messages~1{id}/get/responses/404/description", "8:11"),
            ("/paths/~1messages~1{id}/get/tags/1", "11:9"), ("/paths/~1messages~1{id}/get/tags/1/1/b", "11:16"),
            ("/paths/~1messages~1{id}/get/responses/500", "5:7"),
        ])
    func location(_ pointer: String, _ expected: String) throws {
        let document = try YAMLDocument.parseSingle(Array(Self.text.utf8), file: "c.yaml")
        #expect(document.value == (try YAMLReader.parseSingle(Array(Self.text.utf8))))
        #expect(document.location(of: JSONPointer(stringLiteral: pointer))?.description == expected)
    }

    @Test("a message about a node names the file, line and column")
    func describe() throws {
        let document = try YAMLDocument.parseSingle(Array(Self.text.utf8), file: "c.yaml")
        #expect(
            document.describe("/paths/~1messages~1{id}/get/responses/404", "no content") == "c.yaml:7:9: no content")
    }

    @Test("each document of a stream has its own places")
    func stream() throws {
        let documents = try YAMLDocument.parse(Array("a: 1\n---\nb:\n  - x\n".utf8), file: "s.yaml")
        #expect(documents.count == 2)
        #expect(documents[1].location(of: "/b/0")?.description == "4:3")
        #expect(documents[0].location(of: "/a")?.description == "1:1")
    }
}
