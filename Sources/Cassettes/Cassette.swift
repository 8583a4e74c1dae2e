import Foundation
import HTTPTransport
import JSON

/// One scenario's HTTP traffic: `recordings/<provider>/<operationId>/<scenario>.json`.
///
/// Format (version 1), written canonically so that the same traffic always gives the same bytes
/// (members in the order below, 2-space indentation, one header per line, trailing newline):
/// ```json
/// {
///   "version": 1,
///   "operationId": "getMessageById_v1",
///   "provenance": {"kind": "recorded" | "documented", "source": "<page, seed file or API>", "capturedAt"?: "<RFC 3339>"},
///   "violation"?: "<why this cassette deliberately breaks its contract>",
///   "interactions": [
///     {"request": {"method": "GET", "url": "https://…", "headers": [["Accept", "application/json"]], "body"?: <body>},
///      "response": {"status": 200, "headers": [["Content-Type", "application/json"]], "body"?: <body>},
///      "capturedAt"?: "<RFC 3339>"}
///   ]
/// }
/// ```
/// - Header and interaction order are data and are kept; header pairs may repeat a name.
/// - `<body>` is exactly one of `{"json": <value>}` (the bytes are the compact ``JSONWriter``
///   rendering of the value: replayed by rendering it again), `{"json": <value>, "layout": "pretty"}`
///   (the 2-space pretty rendering), `{"text": "…"}` (any other UTF-8) or `{"base64": "…"}`. An
///   empty body has no `body` member. Every form replays byte for byte (see ``CassetteBody``).
/// - Unknown members, a version other than 1, a status outside 100–599 or a relative URL are errors
///   naming the file and the JSON Pointer (``CassetteError``); JSON syntax errors give `line:column`.
/// - Credentials never appear: recorders store requests and responses through a ``Redactor``.
public struct Cassette: Sendable, Hashable {
    /// The format version this code reads and writes.
    public static let formatVersion = 1

    public var operationId: String
    public var provenance: Provenance
    public var interactions: [Interaction]
    /// Set when the cassette deliberately does not satisfy its contract (a provider quirk seen live,
    /// a regression fixture): the reason. Coverage accepts such a cassette only with a reason.
    public var violation: String?

    public init(operationId: String, provenance: Provenance, interactions: [Interaction] = [], violation: String? = nil)
    {
        self.operationId = operationId
        self.provenance = provenance
        self.interactions = interactions
        self.violation = violation
    }

    /// Where a cassette came from: captured live (`recorded`) or written from documentation
    /// (`documented`, naming the page or seed file).
    public struct Provenance: Sendable, Hashable {
        public struct Kind: Sendable, Hashable, CustomStringConvertible {
            public let name: String
            public static let recorded = Kind(name: "recorded")
            public static let documented = Kind(name: "documented")
            public var description: String { name }
        }
        public var kind: Kind
        /// The page, seed file or API the traffic comes from.
        public var source: String
        /// When it was captured or written (RFC 3339).
        public var capturedAt: String?

        public init(kind: Kind, source: String, capturedAt: String? = nil) {
            self.kind = kind
            self.source = source
            self.capturedAt = capturedAt
        }
    }

    /// One request and the response it got.
    public struct Interaction: Sendable, Hashable {
        public var request: HTTPRequest
        public var response: HTTPResponse
        public var capturedAt: String?

        public init(request: HTTPRequest, response: HTTPResponse, capturedAt: String? = nil) {
            self.request = request
            self.response = response
            self.capturedAt = capturedAt
        }
    }
}

extension Cassette {
    /// Reads a cassette file.
    public static func load(path: String) throws(CassetteError) -> Cassette {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            // No line:column here: the file could not be read at all.
            throw CassetteError(file: path, message: error.message)
        }
        let document: JSONDocument
        do {
            document = try JSONDocument.parse(bytes)
        } catch {
            throw CassetteError(file: path, location: error.location, message: error.message)
        }
        return try Cassette(json: document.value(), file: path)
    }

    /// Reads a cassette from its JSON value; `file` names it in errors.
    public init(json: JSONValue, file: String) throws(CassetteError) {
        let reader = FieldReader(file: file)
        let root = try reader.object(json, at: .root)
        try reader.onlyKnown(root, at: .root, ["version", "operationId", "provenance", "violation", "interactions"])
        let version = try reader.integer(root["version"], at: "/version")
        guard version == Cassette.formatVersion else {
            throw CassetteError(
                file: file, pointer: "/version",
                message: "unsupported cassette version \(version) (this reads version \(Cassette.formatVersion))")
        }
        operationId = try reader.string(root["operationId"], at: "/operationId")
        let provenanceObject = try reader.object(root["provenance"], at: "/provenance")
        try reader.onlyKnown(provenanceObject, at: "/provenance", ["kind", "source", "capturedAt"])
        let kind = try reader.string(provenanceObject["kind"], at: "/provenance/kind")
        guard kind == "recorded" || kind == "documented" else {
            throw CassetteError(
                file: file, pointer: "/provenance/kind",
                message: "expected \"recorded\" or \"documented\", got \"\(kind)\"")
        }
        provenance = Provenance(
            kind: kind == "recorded" ? .recorded : .documented,
            source: try reader.string(provenanceObject["source"], at: "/provenance/source"),
            capturedAt: try reader.optionalString(provenanceObject["capturedAt"], at: "/provenance/capturedAt"))
        violation = try reader.optionalString(root["violation"], at: "/violation")
        if let violation, violation.allSatisfy(\.isWhitespace) {
            throw CassetteError(
                file: file, pointer: "/violation",
                message: "a deliberate violation needs its reason, got an empty string")
        }
        guard case .array(let list)? = root["interactions"] else {
            throw CassetteError(
                file: file, pointer: "/interactions",
                message: root["interactions"] == nil ? "missing" : "expected an array")
        }
        var interactions: [Interaction] = []
        for (index, item) in list.enumerated() {
            let base = JSONPointer(tokens: ["interactions", String(index)])
            let object = try reader.object(item, at: base)
            let request = try reader.object(object["request"], at: base.appending("request"))
            let response = try reader.object(object["response"], at: base.appending("response"))
            try reader.onlyKnown(object, at: base, ["request", "response", "capturedAt"])
            try reader.onlyKnown(request, at: base.appending("request"), ["method", "url", "headers", "body"])
            try reader.onlyKnown(response, at: base.appending("response"), ["status", "headers", "body"])
            let urlText = try reader.string(request["url"], at: base.appending("request").appending("url"))
            guard let url = URL(string: urlText), url.scheme != nil else {
                throw CassetteError(
                    file: file, pointer: base.appending("request").appending("url"),
                    message: "not an absolute URL: \(urlText)")
            }
            let status = try reader.integer(response["status"], at: base.appending("response").appending("status"))
            guard (100...599).contains(status) else {
                throw CassetteError(
                    file: file, pointer: base.appending("response").appending("status"),
                    message: "expected an HTTP status (100–599), got \(status)")
            }
            interactions.append(
                Interaction(
                    request: HTTPRequest(
                        method: try reader.method(request["method"], at: base.appending("request").appending("method")),
                        url: url,
                        headers: try reader.headers(
                            request["headers"], at: base.appending("request").appending("headers")),
                        body: try reader.body(request["body"], at: base.appending("request").appending("body"))),
                    response: HTTPResponse(
                        status: status,
                        headers: try reader.headers(
                            response["headers"], at: base.appending("response").appending("headers")),
                        body: try reader.body(response["body"], at: base.appending("response").appending("body"))),
                    capturedAt: try reader.optionalString(object["capturedAt"], at: base.appending("capturedAt"))))
        }
        self.interactions = interactions
    }

    /// The canonical JSON value (fixed key order; bodies as stored).
    public var json: JSONValue {
        var provenanceObject = JSONObject([
            (key: "kind", value: .string(provenance.kind.name)), (key: "source", value: .string(provenance.source)),
        ])
        if let capturedAt = provenance.capturedAt { provenanceObject["capturedAt"] = .string(capturedAt) }
        let list: [JSONValue] = interactions.map { interaction in
            var request = JSONObject([
                (key: "method", value: .string(interaction.request.method.rawValue)),
                (key: "url", value: .string(interaction.request.url.absoluteString)),
                (key: "headers", value: Cassette.headersJSON(interaction.request.headers)),
            ])
            if let body = CassetteBody(interaction.request.body).stored { request["body"] = body }
            var response = JSONObject([
                (key: "status", value: .number(JSONNumber(interaction.response.status))),
                (key: "headers", value: Cassette.headersJSON(interaction.response.headers)),
            ])
            if let body = CassetteBody(interaction.response.body).stored { response["body"] = body }
            var object = JSONObject([
                (key: "request", value: .object(request)), (key: "response", value: .object(response)),
            ])
            if let capturedAt = interaction.capturedAt { object["capturedAt"] = .string(capturedAt) }
            return .object(object)
        }
        var root = JSONObject([
            (key: "version", value: .number(JSONNumber(Cassette.formatVersion))),
            (key: "operationId", value: .string(operationId)),
            (key: "provenance", value: .object(provenanceObject)),
        ])
        if let violation { root["violation"] = .string(violation) }
        root["interactions"] = .array(list)
        return .object(root)
    }

    /// The canonical file bytes: the same cassette always gives the same bytes.
    public func encoded() -> [UInt8] {
        CassetteLayout.write(json)
    }

    static func headersJSON(_ headers: HTTPFields) -> JSONValue {
        .array(headers.map { .array([.string($0.name), .string($0.value)]) })
    }
}

/// Typed reads with JSON Pointer errors.
struct FieldReader {
    let file: String

    func fail(_ pointer: JSONPointer, _ message: String) -> CassetteError {
        CassetteError(file: file, pointer: pointer, message: message)
    }

    func object(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> JSONObject {
        guard let value else { throw fail(pointer, "missing") }
        guard case .object(let object) = value else {
            throw fail(
                pointer,
                pointer.tokens.isEmpty
                    ? "expected a cassette (a JSON object), got \(value.typeName)"
                    : "expected an object, got \(value.typeName)")
        }
        return object
    }

    func string(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> String {
        guard let value else { throw fail(pointer, "missing") }
        guard case .string(let string) = value else { throw fail(pointer, "expected a string, got \(value.typeName)") }
        return string
    }

    func optionalString(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> String? {
        guard let value, value != .null else { return nil }
        return try string(value, at: pointer)
    }

    func integer(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> Int {
        guard let value else { throw fail(pointer, "missing") }
        guard case .number(let number) = value, let int = number.int64Value else {
            throw fail(pointer, "expected an integer, got \(JSONWriter.string(value).excerpt())")
        }
        return Int(int)
    }

    func headers(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> HTTPFields {
        guard let value else { return HTTPFields() }
        guard case .array(let pairs) = value else { throw fail(pointer, "expected an array of [name, value] pairs") }
        var fields = HTTPFields()
        for (index, pair) in pairs.enumerated() {
            guard case .array(let parts) = pair, parts.count == 2, case .string(let name) = parts[0],
                case .string(let text) = parts[1]
            else {
                throw fail(pointer.appending(index), "expected a [name, value] pair of strings")
            }
            try checkHeader(name: name, value: text, at: pointer.appending(index))
            fields.append(name: name, value: text)
        }
        return fields
    }

    func body(_ value: JSONValue?, at pointer: JSONPointer) throws(CassetteError) -> [UInt8] {
        guard let value else { return [] }
        return try CassetteBody(stored: value, at: pointer, file: file).bytes
    }
}
