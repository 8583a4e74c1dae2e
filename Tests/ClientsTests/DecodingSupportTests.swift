import Foundation
import HTTPTransport
import Testing

/// A model using every shared piece, decoded through the same path the clients use.
private struct Probe: Decodable {
    struct ID: PrefixedIdentifier {
        static let prefix = "AC"
        let rawValue: String
        init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
    }
    enum Color: ExtensibleEnum {
        case red, blue
        case unknown(String)
        static let documentedCases: [Color] = [.red, .blue]
        var rawValue: String {
            switch self {
            case .red: "red"
            case .blue: "blue"
            case .unknown(let value): value
            }
        }
    }
    let id: ID
    let to: [PhoneNumber]
    let color: Color
    let count: Int64
    let at: Date
    let note: String?
    let extra: String??
    let map: [String: FreeformJSON]?

    enum CodingKeys: String, CodingKey { case id, to, color, count, at, note, extra, map }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ID.self, forKey: .id)
        to = try c.decode([PhoneNumber].self, forKey: .to)
        color = try c.decode(Color.self, forKey: .color)
        count = try c.decodeInteger(forKey: .count)
        at = try c.decodeEpochMilliseconds(forKey: .at)
        note = try c.decodeNullable(String.self, forKey: .note)
        extra = try c.decodeNullableIfPresent(String.self, forKey: .extra)
        map = try c.decodeIfPresent([String: FreeformJSON].self, forKey: .map)
    }
}

private let valid = #"{"id":"AC1","to":["+15555550123"],"color":"red","count":3,"at":1562611073426,"note":null}"#

private func decodeProbe(_ body: String, status: Int = 200) throws(ResponseDecodingError) -> Probe {
    try ResponseDecoding.decode(Probe.self, from: .json(status, body))
}

@Suite struct DecodingSupportTests {
    @Test("a valid body decodes; absent and null are told apart")
    func decodesValid() throws {
        let probe = try decodeProbe(valid)
        #expect(probe.id.rawValue == "AC1")
        #expect(probe.to.map(\.rawValue) == ["+15555550123"])
        #expect(probe.color == .red)
        #expect(probe.count == 3)
        #expect(epochMilliseconds(probe.at) == 1_562_611_073_426)
        #expect(probe.note == nil)
        #expect(probe.extra == nil, "absent")
        let withNull = try decodeProbe(replacing(valid, #""note":null"#, with: #""note":null,"extra":null"#))
        #expect(withNull.extra == .some(nil), "null")
        let withValue = try decodeProbe(replacing(valid, #""note":null"#, with: #""note":"n","extra":"e""#))
        #expect(withValue.extra == .some("e"))
        #expect(withValue.note == "n")
    }

    static let failures: [(body: String, status: Int, description: String)] = [
        (
            replacing(valid, #""AC1""#, with: #""XY12""#), 200,
            #"response 200: /id: expected an ID starting with "AC", got "XY12""#
        ),
        (
            replacing(valid, #""AC1""#, with: #""AC1\nX""#), 200,
            #"response 200: /id: expected an ID without line breaks, got "AC1\nX""#
        ),
        (
            replacing(valid, #"["+15555550123"]"#, with: #"["+15555550123","5555"]"#), 200,
            #"response 200: /to/1: expected an E.164 phone number (+ then 2 to 15 digits, no leading 0), got "5555""#
        ),
        (
            replacing(valid, #"["+15555550123"]"#, with: #"["+0555"]"#), 200,
            #"response 200: /to/0: expected an E.164 phone number (+ then 2 to 15 digits, no leading 0), got "+0555""#
        ),
        (
            replacing(valid, #""count":3"#, with: #""count":3.5"#), 200,
            "response 200: /count: expected an integer, got 3.5"
        ),
        (
            replacing(valid, #""count":3"#, with: #""count":"3""#), 200,
            #"response 200: /count: expected an integer, got "3""#
        ),
        (
            replacing(valid, #""count":3"#, with: #""count":null"#), 200,
            "response 200: /count: expected an integer, got null"
        ),
        (replacing(valid, #""count":3,"#, with: ""), 404, "response 404: /count: missing required field"),
        (replacing(valid, #""note":null"#, with: #""x":1"#), 200, "response 200: /note: missing required field"),
        (
            replacing(valid, "1562611073426", with: "1562611073426.5"), 200,
            "response 200: /at: expected an integer number of milliseconds, got 1562611073426.5"
        ),
        (
            replacing(valid, "1562611073426", with: #""1562611073426""#), 200,
            #"response 200: /at: expected an integer, got "1562611073426""#
        ),
        (
            replacing(valid, "1562611073426", with: "253402300800000"), 200,
            "response 200: /at: epoch milliseconds 253402300800000 are outside years 0000–9999"
        ),
        (
            replacing(valid, #""color":"red""#, with: #""color":7"#), 200,
            "response 200: /color: expected a string, got 7"
        ),
        (
            replacing(valid, #""note":null"#, with: #""note":null,"map":[]"#), 200,
            "response 200: /map: expected an object, got an array"
        ),
        ("[]", 200, "response 200: (root): expected an object, got an array"),
        ("null", 200, "response 200: (root): expected an object, got null"),
        ("", 200, "response 200: (root): empty body, expected JSON"),
        (" \n", 200, "response 200: (root): blank body, expected JSON"),
        ("<html>oops</html>", 502, #"response 502: (root): not valid JSON (17 bytes, starting "<html>oops</html>")"#),
        (#"{"id": "AC1""#, 200, #"response 200: (root): not valid JSON (12 bytes, starting "{\"id\": \"AC1\"")"#),
    ]

    @Test("every malformed body is a one-line error naming the JSON Pointer", arguments: failures)
    func reportsPointer(_ failure: (body: String, status: Int, description: String)) {
        do {
            _ = try decodeProbe(failure.body, status: failure.status)
            Issue.record("decoded \(failure.body)")
        } catch {
            #expect(error.description == failure.description)
            #expect(error.status == failure.status)
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("pointers escape ~ and / and number array positions")
    func pointerEscaping() {
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int?
            init(stringValue: String) { self.stringValue = stringValue }
            init(intValue: Int) {
                stringValue = "Index \(intValue)"
                self.intValue = intValue
            }
        }
        #expect(
            ResponseDecodingError.pointer([Key(stringValue: "a/b~"), Key(intValue: 3), Key(stringValue: "1")])
                == "/a~1b~0/3/1")
        #expect(ResponseDecodingError.pointer([]) == "")
    }

    @Test("deep nesting and huge numbers are errors, not crashes")
    func hostileBodies() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: ResponseDecodingError.self) { try decodeProbe(deep) }
        let deepMap = replacing(
            valid, #""note":null"#,
            with: #""note":null,"map":{"a":"# + String(repeating: "[", count: 5000)
                + String(repeating: "]", count: 5000) + "}")
        #expect(throws: ResponseDecodingError.self) { try decodeProbe(deepMap) }
        #expect(throws: ResponseDecodingError.self) {
            try decodeProbe(replacing(valid, "1562611073426", with: "1e400"))
        }
        #expect(throws: ResponseDecodingError.self) {
            try decodeProbe(replacing(valid, "1562611073426", with: "99999999999999999999999"))
        }
    }

    @Test("unknown enum values are kept with their exact spelling")
    func extensibleEnums() throws {
        let probe = try decodeProbe(replacing(valid, #""red""#, with: #""Red ""#))
        #expect(probe.color == .unknown("Red "))
        #expect(probe.color.rawValue == "Red ")
        #expect(!probe.color.isDocumented)
        #expect(Probe.Color(rawValue: "blue") == .blue)
        #expect(Probe.Color(rawValue: "blue").isDocumented)
    }

    @Test("identifiers and phone numbers check their format when made")
    func constructors() throws {
        #expect(Probe.ID(rawValue: "AC") != nil, "the pattern ^AC(.*)$ allows an empty rest")
        #expect(Probe.ID(rawValue: "ac1") == nil)
        #expect(Probe.ID(rawValue: "AC1\u{2028}") == nil)
        #expect(throws: InvalidArgumentError(argument: "id", message: #"expected an ID starting with "AC", got "PN1""#))
        {
            try Probe.ID(validating: "PN1", argument: "id")
        }
        for good in ["+12", "+123456789012345", "+15555555555"] {
            #expect(PhoneNumber(rawValue: good) != nil, "\(good)")
        }
        for bad in ["+1", "+1234567890123456", "15555555555", "+0123", "+1 555", "+١٢٣", "", "+"] {
            #expect(PhoneNumber(rawValue: bad) == nil, "\(bad)")
        }
    }

    @Test("free-form JSON keeps every value kind")
    func freeform() throws {
        let probe = try decodeProbe(
            replacing(
                valid, #""note":null"#,
                with: #""note":null,"map":{"s":"x","n":1.5,"i":7,"b":false,"z":null,"a":[1,{"k":[]}]}"#))
        let map = try #require(probe.map)
        #expect(map["s"] == .string("x"))
        #expect(map["n"] == .number(1.5))
        #expect(map["i"] == .number(7))
        #expect(map["b"] == .bool(false))
        #expect(map["z"] == .null)
        #expect(map["a"] == .array([.number(1), .object(["k": .array([])])]))
        #expect(FreeformJSON.object(map).description == #"{"a":[1,{"k":[]}],"b":false,"i":7,"n":1.5,"s":"x","z":null}"#)
    }

    @Test("errors print on one line")
    func descriptions() {
        #expect(
            UnexpectedStatusError(status: 418, body: Array("I'm a\nteapot".utf8)).description
                == #"undocumented status 418 (12 bytes: "I'm a\nteapot")"#)
        #expect(UnexpectedStatusError(status: 204, body: []).description == "undocumented status 204 (empty body)")
        #expect(InvalidArgumentError(argument: "id", message: "empty").description == "invalid id: empty")
    }

    @Test("URL pieces are percent-encoded so a value cannot escape its place")
    func urlEncoding() throws {
        let base = try #require(URL(string: "https://api.example.com/"))
        let url = URLEncoding.url(
            base: base, path: "/m/" + URLEncoding.component("a/b?c#d e"),
            query: [(name: "cursor", value: "MTU=="), (name: "status", value: "A&B")])
        #expect(url?.absoluteString == "https://api.example.com/m/a%2Fb%3Fc%23d%20e?cursor=MTU%3D%3D&status=A%26B")
    }
}
