import Foundation
import JSON

/// A recorded body: the exact bytes, stored so a person can read and diff them.
///
/// Stored as `{"json": …}` when the bytes are exactly the compact rendering of their JSON value
/// (so replay re-renders them byte for byte), `{"json": …, "layout": "pretty"}` when they are the
/// 2-space pretty rendering, `{"text": "…"}` for other UTF-8, and `{"base64": "…"}` otherwise.
public struct CassetteBody: Sendable, Hashable {
    /// The exact bytes, as sent or received.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public init(_ text: String) { bytes = Array(text.utf8) }

    static let none = CassetteBody([UInt8]())

    /// The stored form (nil for an empty body, which is stored as no `body` key).
    var stored: JSONValue? {
        guard !bytes.isEmpty else { return nil }
        if let document = try? JSONDocument.parse(bytes) {
            let value = document.value()
            if JSONWriter.write(value) == bytes { return ["json": value] }
            if JSONWriter.write(value, options: .init(pretty: true)) == bytes { return ["json": value, "layout": "pretty"] }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return ["text": .string(text)] }
        return ["base64": .string(Data(bytes).base64EncodedString())]
    }

    /// Reads a stored body; `pointer` names it in errors.
    init(stored: JSONValue, at pointer: JSONPointer, file: String) throws(CassetteError) {
        guard case .object(let object) = stored else {
            throw CassetteError(file: file, pointer: pointer, message: "expected a body object ({\"json\": …}, {\"text\": …} or {\"base64\": …})")
        }
        let forms = object.keys.filter { ["json", "text", "base64"].contains($0) }
        if forms.count > 1 {
            throw CassetteError(file: file, pointer: pointer, message: "a body has exactly one of \"json\", \"text\" or \"base64\", got \(forms.map { "\"\($0)\"" }.joined(separator: " and "))")
        }
        for key in object.keys where !["json", "text", "base64", "layout"].contains(key) || (key == "layout" && forms != ["json"]) {
            throw CassetteError(file: file, pointer: pointer.appending(key), message: key == "layout" ? "\"layout\" applies only to a \"json\" body" : "unknown member (expected json, text, base64 or layout)")
        }
        if let json = object["json"] {
            switch object["layout"] {
            case nil: bytes = JSONWriter.write(json)
            case .string("pretty")?: bytes = JSONWriter.write(json, options: .init(pretty: true))
            default: throw CassetteError(file: file, pointer: pointer.appending("layout"), message: "layout must be \"pretty\" when present")
            }
        } else if let text = object["text"] {
            guard case .string(let string) = text else { throw CassetteError(file: file, pointer: pointer.appending("text"), message: "expected a string") }
            bytes = Array(string.utf8)
        } else if let base64 = object["base64"] {
            guard case .string(let string) = base64, let data = Data(base64Encoded: string) else {
                throw CassetteError(file: file, pointer: pointer.appending("base64"), message: "expected a base64 string")
            }
            bytes = [UInt8](data)
        } else {
            throw CassetteError(file: file, pointer: pointer, message: "a body needs one of \"json\", \"text\" or \"base64\"")
        }
    }
}

/// A cassette that cannot be read or written: the file, the place (line:column or JSON Pointer) and why.
public struct CassetteError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var pointer: JSONPointer?
    public var location: SourceLocation?
    public var message: String

    public init(file: String, pointer: JSONPointer? = nil, location: SourceLocation? = nil, message: String) {
        self.file = file
        self.pointer = pointer
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`, `file#/pointer: message`, or `file: message` (the whole file).
    public var description: String {
        if let location { return "\(file):\(location.line):\(location.column): \(message)" }
        if let pointer, !pointer.tokens.isEmpty { return "\(file)\(pointer.uriFragment): \(message)" }
        return "\(file): \(message)"
    }
}
