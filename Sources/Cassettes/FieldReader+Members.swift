import HTTPTransport
import JSON

extension FieldReader {
    /// Rejects members the format does not define, so a typo in a hand-written cassette
    /// (`"header"` for `"headers"`) is an error naming the place instead of silently ignored data.
    func onlyKnown(_ object: JSONObject, at pointer: JSONPointer, _ allowed: [String]) throws(CassetteError) {
        for key in object.keys where !allowed.contains(key) {
            throw fail(pointer.appending(key), "unknown member (expected \(allowed.joined(separator: ", ")))")
        }
    }

    /// An HTTP method: a non-empty token (RFC 9110), stored uppercased.
    func method(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> HTTPMethod {
        let text = try string(value, at: pointer)
        guard !text.isEmpty, text.utf8.allSatisfy(FieldReader.isTokenByte) else {
            throw fail(pointer, "expected an HTTP method, got \(JSONWriter.string(.string(text)).excerpt())")
        }
        return HTTPMethod(rawValue: text)
    }

    /// A header name must be a token and a value must not break the line: a cassette can never
    /// smuggle an extra header into a replayed or served response.
    func checkHeader(name: String, value: String, at pointer: JSONPointer) throws(CassetteError) {
        guard !name.isEmpty, name.utf8.allSatisfy(FieldReader.isTokenByte) else {
            throw fail(
                pointer.appending(0),
                "expected a header name (letters, digits and !#$%&'*+-.^_`|~), got \(JSONWriter.string(.string(name)).excerpt())"
            )
        }
        guard !value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
            throw fail(pointer.appending(1), "a header value cannot contain CR, LF or NUL")
        }
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"):
            true
        default: Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
