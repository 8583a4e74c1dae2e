import Foundation
import JSON
import Testing

/// Documents at the limits: nesting, size, and objects with very many keys, which must stay linear
/// (a hostile cassette or HAR with a million keys made `value()` quadratic: minutes for one megabyte).
@Suite struct LimitsTests {
    @Test func nestingPastTheLimitIsAnErrorAtTheBracket() throws {
        let text = String(repeating: #"{"a":"#, count: 9) + "1" + String(repeating: "}", count: 9)
        let error = #expect(throws: JSONParseError.self) {
            try JSONDocument.parse(text, options: JSONParseOptions(maxDepth: 8))
        }
        #expect(error?.description == "1:41: nesting deeper than 8 levels")
        #expect(
            try JSONDocument.parse(text, options: JSONParseOptions(maxDepth: 9)).value()[
                JSONPointer(tokens: Array(repeating: "a", count: 9))] == 1)
    }

    @Test func aFileLargerThanTheLimitIsRefusedBeforeParsing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("limits-\(UUID().uuidString).json")
            .path
        try Data(repeating: UInt8(ascii: " "), count: 100).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: JSONParseError.self) {
            try JSONDocument.parse(contentsOf: path, options: JSONParseOptions(maxDocumentSize: 64))
        }
        #expect(error?.description == "\(path):1:1: larger than the limit of 64 bytes")
    }

    @Test func objectsWithManyKeysMaterializeInLinearTime() throws {
        let count = 200_000
        let text = "{" + (0..<count).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") + "}"
        let value = try JSONDocument.parse(text).value()
        let object = try #require(value.objectValue)
        #expect(object.count == count)
        #expect(object.keys.first == "k0" && object.keys.last == "k\(count - 1)")
        #expect(object["k123456"] == 123456)
        // Equality and JSON Schema equality of large objects ignore member order.
        let reversed = JSONObject(object.members.reversed())
        #expect(reversed == object)
        #expect(JSONValue.object(reversed).isEqualValue(value))
        var changed = object
        changed["k5"] = 6
        #expect(changed != object)
    }

    @Test func duplicateKeysKeepTheirFirstPlaceAndLastValueInLargeObjects() throws {
        let members = (0..<40).map { (key: "k\($0 % 20)", value: JSONValue(integerLiteral: $0)) }
        let object = JSONObject(members)
        #expect(object.keys == (0..<20).map { "k\($0)" })
        #expect(object["k3"] == 23)
        let allowed = try JSONDocument.parse(#"{"a":1,"b":2,"a":3}"#, options: JSONParseOptions(duplicateKeys: .allow))
            .value()
        #expect(allowed == ["a": 3, "b": 2])
    }
}
