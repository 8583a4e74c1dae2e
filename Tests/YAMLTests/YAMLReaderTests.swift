import Foundation
import JSON
import Testing
import YAML

func read(_ text: String) throws -> JSONValue {
    try YAMLReader.parseSingle(Array(text.utf8), file: "test.yaml")
}

func json(_ text: String) throws -> JSONValue {
    try JSONDocument.parse(text).value()
}

@Suite("YAML reader")
struct YAMLReaderTests {
    @Test("a Courier-like OpenAPI contract reads as its JSON twin")
    func openAPIContract() throws {
        let yaml = """
            openapi: 3.0.1
            info:
              title: Courier
              version: 0.0.1
            paths:
              /messages/{message_id}:
                get:
                  operationId: messages_get
                  parameters:
                    - name: message_id
                      in: path
                      required: true
                      schema: {type: string}
                  responses:
                    200:
                      description: OK
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/MessageDetails'
                    "404":
                      description: >-
                        Not found: no message
                        has this id.
            components:
              schemas:
                MessageDetails:
                  type: object
                  required: [id, status, enqueued]
                  properties:
                    id: {type: string, pattern: '^1-[0-9a-f]+$'}
                    enqueued: {type: integer, format: int64, x-timestamp: epoch-ms}
                    status:
                      type: string
                      enum: [CLICKED, DELIVERED, ENQUEUED, 'NULL']
                    error: {type: string, nullable: true}
            """
        let expected = try json(
            """
            {"openapi": "3.0.1", "info": {"title": "Courier", "version": "0.0.1"},
             "paths": {"/messages/{message_id}": {"get": {"operationId": "messages_get",
               "parameters": [{"name": "message_id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {
                 "200": {"description": "OK", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MessageDetails"}}}},
                 "404": {"description": "Not found: no message has this id."}}}}},
             "components": {"schemas": {"MessageDetails": {"type": "object", "required": ["id", "status", "enqueued"],
               "properties": {"id": {"type": "string", "pattern": "^1-[0-9a-f]+$"},
                 "enqueued": {"type": "integer", "format": "int64", "x-timestamp": "epoch-ms"},
                 "status": {"type": "string", "enum": ["CLICKED", "DELIVERED", "ENQUEUED", "NULL"]},
                 "error": {"type": "string", "nullable": true}}}}}}
            """
        )
        #expect(try read(yaml) == expected)
    }

    @Test("every bundled contract reads the same as JSON text and as block YAML", arguments: bundledContracts)
    func bundledContract(_ name: String) throws {
        let path = YAMLSuite.packageRoot.appendingPathComponent("contracts/\(name)").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let expected = try JSONDocument.parse(bytes).value()
        // JSON is YAML 1.2: the file itself reads the same.
        #expect(try YAMLReader.parseSingle(bytes, file: name) == expected)
        #expect(try read(BlockWriter.yaml(expected)) == expected)
    }

    static let bundledContracts = [
        "courier.openapi.json", "sendo.openapi.json", "bandwidth-v1.openapi.json", "openphone.openapi.json",
    ]

    @Test(
        "plain scalars resolve by the core schema",
        arguments: [
            ("~", "null"), ("null", "null"), ("Null", "null"), ("", "null"), ("true", "true"), ("True", "true"),
            ("FALSE", "false"), ("42", "42"), ("-17", "-17"), ("+12", "12"), ("007", "7"), ("0o17", "15"),
            ("0x1F", "31"), ("1.5", "1.5"), ("-.5", "-0.5"), ("1.", "1.0"), ("6.02e+23", "6.02e+23"), ("1E3", "1E3"),
            ("yes", "\"yes\""), ("0x", "\"0x\""), (".inf", "\".inf\""), ("-.Inf", "\"-.Inf\""), (".nan", "\".nan\""),
            ("1_000", "\"1_000\""), ("12:30", "\"12:30\""), ("2026-03-04", "\"2026-03-04\""),
        ]
    )
    func coreSchema(_ yaml: String, _ expected: String) throws {
        #expect(try read("v: \(yaml)")["v"] == json(expected))
    }

    @Test("quoted scalars are strings; escapes and folding")
    func quoted() throws {
        #expect(try read("'true'") == "true")
        #expect(try read("\"42\"") == "42")
        #expect(try read("'it''s'") == "it's")
        #expect(try read(#""tab\there \u00e9 \x41 \U0001F600 \/ \\""#) == "tab\there é A 😀 / \\")
        #expect(try read("\"one\n  two\n\n  three\"") == "one two\nthree")
        #expect(try read("\"joined\\\n  here\"") == "joinedhere")
        #expect(try read("'one  \n   two'") == "one two")
    }

    @Test("plain scalars fold across lines")
    func plainMultiLine() throws {
        #expect(try read("k: one\n  two\n\n  three\n") == ["k": "one two\nthree"])
        #expect(try read("- a # comment\n- b#c\n") == ["a", "b#c"])
    }

    @Test(
        "literal and folded block scalars, chomping and indentation indicators",
        arguments: [
            ("|\n  a\n  b\n\n", "a\nb\n"), ("|-\n  a\n  b\n\n", "a\nb"), ("|+\n  a\n  b\n\n", "a\nb\n\n"),
            (">\n  a\n  b\n\n  c\n", "a b\nc\n"), (">-\n  a\n    more\n  b\n", "a\n  more\nb"),
            ("|2\n    indented\n  text\n", "  indented\ntext\n"), ("|1-\n  x\n", " x"), ("|\n", ""),
            ("|+\n\n\n", "\n\n"),
            (">\n  folded\n  # not a comment\n", "folded # not a comment\n"),
        ]
    )
    func blockScalar(_ yaml: String, _ expected: String) throws {
        #expect(try read("k: " + yaml) == ["k": .string(expected)])
    }

    @Test("anchors and aliases share values; merge keys are plain keys")
    func aliases() throws {
        let value = try read("base: &b {type: string}\nother: *b\nlist: [&x 1, *x]\n")
        #expect(value == ["base": ["type": "string"], "other": ["type": "string"], "list": [1, 1]])
    }

    @Test("tags of the core schema convert; unknown tags keep the value")
    func tags() throws {
        #expect(try read("!!str 42") == "42")
        #expect(try read("!!int \"42\"") == 42)
        #expect(try read("!!float 1") == .number(JSONNumber(literal: "1")!))
        #expect(try read("!!bool 'true'") == true)
        #expect(try read("!!null ''") == .null)
        #expect(try read("!custom 12") == 12)
        #expect(try read("!!map {a: 1}") == ["a": 1])
        #expect(try read("%TAG !e! tag:example.com,2000:\n---\n!e!thing [1]") == [1])
    }

    @Test("keys that are not strings are keyed by their text")
    func nonStringKeys() throws {
        #expect(
            try read("200: ok\ntrue: yes\n~: none\n1.50: x\n[a, b]: list\n")
                == json(#"{"200": "ok", "true": "yes", "~": "none", "1.50": "x", "[\"a\",\"b\"]": "list"}"#))
    }

    @Test("a stream of documents")
    func documents() throws {
        let values = try YAMLReader.parse(Array("--- 1\n---\na: b\n...\n%YAML 1.2\n---\n[x]\n".utf8), file: "s.yaml")
        #expect(values == [1, ["a": "b"], ["x"]])
        #expect(try YAMLReader.parse(Array("".utf8)) == [])
        #expect(try YAMLReader.parse(Array("# only a comment\n".utf8)) == [])
        #expect(try YAMLReader.parse(Array("a\n---\nb\n...\n".utf8)) == ["a", "b"])
        #expect(try YAMLReader.parseSingle(Array("".utf8)) == .null)
    }

    @Test("CRLF line breaks and a byte order mark")
    func lineBreaks() throws {
        #expect(
            try YAMLReader.parseSingle([0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: |\r\n  x\r\n".utf8)) == [
                "a": 1, "b": "x\n",
            ])
    }
}
