import Foundation
import HTTPTransport
import JSON

extension HAR {
    /// One HAR entry read back: the redacted interaction and what its `_conformance` member says.
    public struct ImportedEntry: Sendable, Hashable {
        public var interaction: Cassette.Interaction
        /// Where the entry is (`/log/entries/3`).
        public var pointer: JSONPointer
        /// From `_conformance`, when the HAR was exported by conformance.
        public var operationId: String?
        public var scenario: String?
        public var provider: String?
        public var cassette: Int?
        public var provenance: Cassette.Provenance?
    }

    /// An entry left out of an import (a request that got no response, or a non-HTTP URL).
    public struct SkippedEntry: Sendable, Hashable, CustomStringConvertible {
        public var pointer: JSONPointer
        public var reason: String
        public var description: String { "\(pointer.uriFragment): \(reason)" }
    }

    /// What a HAR file holds, redacted.
    public struct Import: Sendable, Hashable {
        public var entries: [ImportedEntry]
        public var skipped: [SkippedEntry]
    }

    /// The interactions of a HAR document (from conformance, browser devtools or a proxy), redacted
    /// with `redactor` before anything else sees them. Entries without a response (`status` 0) and
    /// non-HTTP URLs are left out.
    public static func importEntries(_ har: JSONValue, file: String, redactor: Redactor = .default)
        throws(CassetteError)
        -> [Cassette.Interaction]
    {
        try read(har, file: file, redactor: redactor).entries.map(\.interaction)
    }

    /// Reads and redacts a HAR file; a JSON syntax error names `line:column`, a malformed HAR the JSON Pointer.
    public static func load(path: String, redactor: Redactor = .default) throws(CassetteError) -> Import {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            throw CassetteError(file: path, message: error.message)
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(bytes)
        } catch {
            throw CassetteError(file: path, location: error.location, message: error.message)
        }
        return try read(document.value(), file: path, redactor: redactor)
    }

    /// Every entry of a HAR document, redacted, with its `_conformance` names; errors never quote a
    /// value from the file (it may be a credential), only its place and what was expected.
    public static func read(_ har: JSONValue, file: String, redactor: Redactor = .default) throws(CassetteError)
        -> Import
    {
        let reader = FieldReader(file: file)
        let root = try reader.object(har, at: .root)
        let log = try reader.object(root["log"], at: "/log")
        guard case .array(let list)? = log["entries"] else {
            throw reader.fail(
                "/log/entries",
                log["entries"] == nil ? "missing" : "expected an array, got \(log["entries"]?.typeName ?? "")")
        }
        var result = Import(entries: [], skipped: [])
        for (index, item) in list.enumerated() {
            let base = JSONPointer(tokens: ["log", "entries", String(index)])
            let entry = try reader.object(item, at: base)
            let requestObject = try reader.object(entry["request"], at: base.appending("request"))
            let responseObject = try reader.object(entry["response"], at: base.appending("response"))
            let status = try statusCode(
                responseObject["status"], at: base.appending("response").appending("status"), reader)
            guard status != 0 else {
                result.skipped.append(SkippedEntry(pointer: base, reason: "no response (status 0)"))
                continue
            }
            let url = try absoluteURL(requestObject["url"], at: base.appending("request").appending("url"), reader)
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                result.skipped.append(SkippedEntry(pointer: base, reason: "not an HTTP URL"))
                continue
            }
            let imported = try marker(entry["_conformance"], at: base.appending("_conformance"), reader)
            let method = try reader.method(requestObject["method"], at: base.appending("request").appending("method"))
            let requestHeaders = try headers(
                requestObject["headers"], at: base.appending("request").appending("headers"), reader)
            let (requestBody, mimeType) = try postData(
                requestObject["postData"], at: base.appending("request").appending("postData"), reader)
            var responseHeaders = try headers(
                responseObject["headers"], at: base.appending("response").appending("headers"), reader)
            let responseBody = try content(
                responseObject["content"], at: base.appending("response").appending("content"), reader)
            if imported == nil {
                // Devtools and proxies store the decoded body; the encoding header would no longer be true.
                responseHeaders["Content-Encoding"] = nil
            }
            let capturedAt: String?
            if let imported {
                capturedAt = imported.capturedAt
            } else {
                capturedAt = try reader.optionalString(entry["startedDateTime"], at: base.appending("startedDateTime"))
            }
            let request = HTTPRequest(method: method, url: url, headers: requestHeaders, body: requestBody)
            let response = HTTPResponse(status: status, headers: responseHeaders, body: responseBody)
            let interaction = redact(
                Cassette.Interaction(request: request, response: response, capturedAt: capturedAt), redactor,
                requestMimeType: mimeType)
            result.entries.append(
                ImportedEntry(
                    interaction: interaction, pointer: base, operationId: imported?.operationId,
                    scenario: imported?.scenario,
                    provider: imported?.provider, cassette: imported?.cassette, provenance: imported?.provenance))
        }
        return result
    }

    /// Redacts (the request's own credentials scrubbed from the response too), but keeps the exact
    /// bytes of a body that was already redacted (the redactor rewrites a JSON body whenever a
    /// sensitive member is present, even when it holds a placeholder). A request body without a
    /// `Content-Type` header is redacted by `postData.mimeType`.
    static func redact(_ interaction: Cassette.Interaction, _ redactor: Redactor, requestMimeType: String? = nil)
        -> Cassette.Interaction
    {
        var redacted = redactor.redact(interaction)
        let request = interaction.request
        if request.headers["Content-Type"] == nil, let requestMimeType, !requestMimeType.isEmpty {
            let scrubbing = redactor.scrubbing(redactor.credentials(in: request))
            redacted.request.body = scrubbing.redact(body: request.body, contentType: requestMimeType)
        }
        if sameJSON(redacted.request.body, request.body) { redacted.request.body = request.body }
        if sameJSON(redacted.response.body, interaction.response.body) {
            redacted.response.body = interaction.response.body
        }
        return redacted
    }

    private static func sameJSON(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a != b else { return true }
        guard let x = try? JSONDocument.parse(a), let y = try? JSONDocument.parse(b) else { return false }
        return x.value() == y.value()
    }

    /// What `_conformance` holds.
    struct Marker {
        var operationId: String?
        var scenario: String?
        var provider: String?
        var cassette: Int?
        var provenance: Cassette.Provenance?
        var capturedAt: String?
    }

    static func marker(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader) throws(CassetteError)
        -> Marker?
    {
        guard let value, value != .null else { return nil }
        let object = try reader.object(value, at: pointer)
        var marker = Marker()
        marker.operationId = try pathName(
            object["operationId"], at: pointer.appending("operationId"), reader, required: true)
        marker.scenario = try pathName(object["scenario"], at: pointer.appending("scenario"), reader, required: false)
        marker.provider = try pathName(object["provider"], at: pointer.appending("provider"), reader, required: false)
        if let index = object["cassette"] {
            marker.cassette = try reader.integer(index, at: pointer.appending("cassette"))
        }
        marker.capturedAt = try reader.optionalString(object["capturedAt"], at: pointer.appending("capturedAt"))
        if let provenance = object["provenance"] {
            let at = pointer.appending("provenance")
            let fields = try reader.object(provenance, at: at)
            let kind = try reader.string(fields["kind"], at: at.appending("kind"))
            guard kind == "recorded" || kind == "documented" else {
                throw reader.fail(at.appending("kind"), "expected \"recorded\" or \"documented\"")
            }
            marker.provenance = Cassette.Provenance(
                kind: kind == "recorded" ? .recorded : .documented,
                source: try reader.string(fields["source"], at: at.appending("source")),
                capturedAt: try reader.optionalString(fields["capturedAt"], at: at.appending("capturedAt")))
        }
        return marker
    }

    /// A name used as a folder or file name: letters, digits, `.`, `_`, `-`, not starting with `.`.
    static func isPathName(_ text: String) -> Bool {
        guard let first = text.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else { return false }
        return text.utf8.allSatisfy { byte in
            FieldReader.isTokenByte(byte) && !Array("!#$%&'*+^`|~".utf8).contains(byte)
        }
    }

    private static func pathName(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader, required: Bool)
        throws(CassetteError)
        -> String?
    {
        let text = required ? try reader.string(value, at: pointer) : try reader.optionalString(value, at: pointer)
        guard let text else { return nil }
        guard isPathName(text) else {
            throw reader.fail(
                pointer, "expected a name of letters, digits, '.', '_' and '-' (it names a folder or file)")
        }
        return text
    }

    private static func statusCode(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> Int
    {
        guard let value else { throw reader.fail(pointer, "missing") }
        guard case .number(let number) = value, let status = number.int64Value,
            status == 0 || (100...599).contains(status)
        else {
            throw reader.fail(pointer, "expected an HTTP status (100–599, or 0 for no response), got \(value.typeName)")
        }
        return Int(status)
    }

    private static func absoluteURL(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> URL
    {
        let text = try reader.string(value, at: pointer)
        // The text is not quoted: a URL may carry a password or a key.
        guard let url = URL(string: text), url.scheme != nil else {
            throw reader.fail(pointer, "expected an absolute URL")
        }
        return url
    }

    private static func headers(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> HTTPFields
    {
        guard let value, value != .null else { return HTTPFields() }
        guard case .array(let list) = value else {
            throw reader.fail(pointer, "expected an array of {\"name\", \"value\"} objects")
        }
        var fields = HTTPFields()
        for (index, item) in list.enumerated() {
            let at = pointer.appending(index)
            let object = try reader.object(item, at: at)
            let name = try reader.string(object["name"], at: at.appending("name"))
            let text = try reader.string(object["value"], at: at.appending("value"))
            // HTTP/2 pseudo-headers (`:authority`) are part of the request line, not headers.
            if name.hasPrefix(":") { continue }
            guard !name.isEmpty, name.utf8.allSatisfy(FieldReader.isTokenByte) else {
                throw reader.fail(at.appending("name"), "expected a header name (letters, digits and !#$%&'*+-.^_`|~)")
            }
            guard !text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 }) else {
                throw reader.fail(at.appending("value"), "a header value cannot contain CR, LF or NUL")
            }
            fields.append(name: name, value: text)
        }
        return fields
    }

    /// `postData.text` (base64 when `_encoding` or `encoding` says so), or the form `params` when
    /// a tool stored only those; and `postData.mimeType`.
    private static func postData(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> ([UInt8], String?)
    {
        guard let value, value != .null else { return ([], nil) }
        let object = try reader.object(value, at: pointer)
        let mimeType: String?
        if case .string(let text)? = object["mimeType"] { mimeType = text } else { mimeType = nil }
        if let text = try reader.optionalString(object["text"], at: pointer.appending("text")) {
            let encoding = try reader.optionalString(
                object["_encoding"] ?? object["encoding"],
                at: pointer.appending(object["_encoding"] != nil ? "_encoding" : "encoding"))
            return (try decode(text, encoding: encoding, at: pointer, reader), mimeType)
        }
        guard case .array(let params)? = object["params"] else { return ([], mimeType) }
        var pairs: [String] = []
        for (index, param) in params.enumerated() {
            let at = pointer.appending("params").appending(index)
            let fields = try reader.object(param, at: at)
            let name = try reader.string(fields["name"], at: at.appending("name"))
            let text = try reader.optionalString(fields["value"], at: at.appending("value")) ?? ""
            pairs.append(Redactor.percentEncoded(name) + "=" + Redactor.percentEncoded(text))
        }
        return (Array(pairs.joined(separator: "&").utf8), mimeType ?? "application/x-www-form-urlencoded")
    }

    private static func content(_ value: JSONValue?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> [UInt8]
    {
        guard let value, value != .null else { return [] }
        let object = try reader.object(value, at: pointer)
        guard let text = try reader.optionalString(object["text"], at: pointer.appending("text")) else { return [] }
        let encoding = try reader.optionalString(object["encoding"], at: pointer.appending("encoding"))
        return try decode(text, encoding: encoding, at: pointer, reader)
    }

    private static func decode(_ text: String, encoding: String?, at pointer: JSONPointer, _ reader: FieldReader)
        throws(CassetteError) -> [UInt8]
    {
        switch encoding {
        case nil, "": return Array(text.utf8)
        case "base64"?:
            // Some tools wrap base64 in lines; anything else that is not base64 is an error.
            let compact = text.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact) else {
                throw reader.fail(pointer.appending("text"), "expected base64 text (encoding is \"base64\")")
            }
            return [UInt8](data)
        default:
            throw reader.fail(pointer.appending("encoding"), "unsupported encoding (expected \"base64\" or none)")
        }
    }
}
