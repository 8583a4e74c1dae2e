import Foundation
import HTTPTransport
import JSON

/// Removes credentials before anything touches disk or output, by name and by value, each replaced
/// by a stable placeholder (`<redacted:authorization>`), so cassettes stay diffable and matchable.
///
/// - **By name** (see `Redactor+Names.swift` for the documented rule): sensitive headers, URL user
///   and password, query and fragment parameters, JSON members at any depth, form and multipart
///   fields, and `"name": "…"` / `name=…` / `name: …` pairs inside text and malformed JSON.
/// - **By value**: every credential the tool was given (``scrubbing(values:)``) is replaced wherever
///   it appears — any header, any part of the URL, any body whatever its form — raw, percent-encoded,
///   `+`-encoded, JSON-escaped (`\/`, `\"`, `\u0073`), and base64 (standard or URL alphabet, padded
///   or not, at any offset of a longer base64 text, so `Basic base64(user:secret)` is found). A value
///   shorter than ``minimumScrubLength`` (8 bytes) is replaced only where it is a whole path segment,
///   query value or header value: inside other text it would replace unrelated characters (values of
///   one or two bytes are not scrubbed at all).
/// - **Echoes**: redacting a whole ``Cassette/Interaction`` also scrubs the request's own
///   credentials (``credentials(in:)``: its sensitive headers, query values, user info and body
///   fields) from the response, where a provider may echo them.
public struct Redactor: Sendable, Hashable {
    /// Header names (case-insensitive) whose values are replaced, besides the documented rule.
    public var headerNames: Set<String>
    /// Query parameter names (case-insensitive) whose values are replaced, besides the documented rule.
    public var queryNames: Set<String>
    /// JSON member names (at any depth, case-insensitive) whose values are replaced in bodies,
    /// besides the documented rule.
    public var bodyFields: Set<String>
    /// Credentials scrubbed by value, longest first.
    public internal(set) var knownSecrets: [KnownSecret] = []

    public init(headerNames: Set<String>, queryNames: Set<String>, bodyFields: Set<String> = []) {
        self.headerNames = Set(headerNames.map { $0.lowercased() })
        self.queryNames = Set(queryNames.map { $0.lowercased() })
        self.bodyFields = Set(bodyFields.map { $0.lowercased() })
    }

    /// The documented rule (`Redactor+Names.swift`) plus the historical lists below.
    public static let `default` = Redactor(
        headerNames: [
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token",
            "x-access-token",
        ],
        queryNames: [
            "api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "secret", "client_secret",
            "signature", "sig", "password",
        ],
        bodyFields: [
            "password", "secret", "client_secret", "api_key", "apikey", "access_token", "refresh_token", "token",
        ]
    )

    /// A copy that also redacts these JSON body fields.
    public func redacting(bodyFields more: Set<String>) -> Redactor {
        var copy = self
        copy.bodyFields.formUnion(more.map { $0.lowercased() })
        return copy
    }

    /// The stable placeholder for a value named `name`: `<redacted:authorization>`.
    public static func placeholder(_ name: String) -> String { "<redacted:\(name.lowercased())>" }

    /// The placeholder as it stands in a URL or form: `%3Credacted:api_key%3E`.
    static func urlPlaceholder(_ name: String) -> String { percentEncoded(placeholder(name)) }

    /// `text` as a query or form value: percent-encoded wherever a query does not allow the
    /// character as is (setting a raw `<` in a query would trap in URLComponents).
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#<>")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "%3Credacted%3E"
    }

    /// True for a value that is already a placeholder (raw or percent-encoded).
    static func isPlaceholder(_ value: some StringProtocol) -> Bool {
        value.hasPrefix("<redacted") || value.hasPrefix("%3Credacted") || value.hasPrefix("%3credacted")
    }

    public func redact(_ request: HTTPRequest) -> HTTPRequest {
        let body = redact(body: request.body, contentType: request.headers["Content-Type"])
        return HTTPRequest(
            method: request.method, url: redact(request.url),
            headers: Redactor.fixingLength(redact(request.headers), from: request.body, to: body), body: body)
    }

    public func redact(_ response: HTTPResponse) -> HTTPResponse {
        let body = redact(body: response.body, contentType: response.headers["Content-Type"])
        return HTTPResponse(
            status: response.status,
            headers: Redactor.fixingLength(redact(response.headers), from: response.body, to: body), body: body)
    }

    /// A recorded `Content-Length` describes the recorded body: it follows the body when redaction
    /// changed its length.
    static func fixingLength(_ headers: HTTPFields, from original: [UInt8], to redacted: [UInt8]) -> HTTPFields {
        guard original.count != redacted.count, headers["Content-Length"] == String(original.count) else {
            return headers
        }
        var fixed = headers
        fixed["Content-Length"] = String(redacted.count)
        return fixed
    }

    /// Sensitive headers become placeholders; every other value loses known secrets, secret query
    /// parameters of the URLs it holds (`Location`, `Link`, `Refresh`), URL passwords and
    /// `Bearer`/`Basic` credentials; challenge headers lose their secret parameters.
    public func redact(_ headers: HTTPFields) -> HTTPFields {
        HTTPFields(
            headers.map { field in
                if isSensitive(header: field.name) {
                    return (name: field.name, value: Redactor.placeholder(field.name))
                }
                let value = redact(inlineText: field.value)
                if let secret = shortSecret(equalTo: value) {
                    return (name: field.name, value: Redactor.placeholder(secret.name))
                }
                return (name: field.name, value: value)
            })
    }

    /// True for a listed header name and for names the documented rule calls credentials whatever
    /// the vendor prefix (`X-Sendo-Api-Key`, `X-Vendor-Auth-Token`, `X-Webhook-Signature`).
    public func isSensitive(header name: String) -> Bool {
        if headerNames.contains(name.lowercased()) { return true }
        let bytes = Redactor.normalizedBytes(name)
        let normal = String(decoding: bytes, as: UTF8.self)
        if Redactor.challengeHeaders.contains(normal) { return false }
        if Redactor.credentialHeaderNames.contains(normal) { return true }
        return Redactor.credentialFragmentBytes.contains { Redactor.contains(bytes, $0) }
    }

    /// The URL without user or password, with sensitive query and fragment values replaced and
    /// known secrets scrubbed from every part. Unchanged parts keep their exact bytes.
    public func redact(_ url: URL) -> URL {
        let text = url.absoluteString
        // Most URLs carry nothing to redact: replay redacts every live request, so skip the rewrite.
        // Byte scans: `String.contains(String)` goes through Foundation's locale-aware search on Linux.
        if knownSecrets.isEmpty && !text.utf8.contains(UInt8(ascii: "@")) && !text.utf8.contains(UInt8(ascii: "#")) {
            guard QueryString.names(of: url).contains(where: { isSensitive(query: $0) }) else { return url }
        }
        let redacted = redact(urlText: text)
        if redacted == text { return url }
        if let rebuilt = URL(string: redacted) { return rebuilt }
        // Never fall back to the URL as it was: it holds what had to go.
        let origin = "\(url.scheme ?? "https")://\(url.host ?? "invalid")"
        return URL(string: origin + "/" + Redactor.urlPlaceholder("url")) ?? URL(string: "https://invalid/")!
    }

    /// A JSON body with sensitive members replaced (written compactly when anything changed).
    public func redact(body: [UInt8]) -> [UInt8] {
        guard !body.isEmpty, let document = try? JSONDocument.parse(body) else { return body }
        var changed = false
        let value = redact(document.value(), changed: &changed)
        return changed ? JSONWriter.write(value) : body
    }

    func redact(_ value: JSONValue, changed: inout Bool) -> JSONValue {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object {
                if isSensitive(bodyField: member.key), member.value != .null,
                    member.value != .string(Redactor.placeholder(member.key))
                {
                    changed = true
                    members.append((key: member.key, value: .string(Redactor.placeholder(member.key))))
                } else {
                    members.append((key: member.key, value: redact(member.value, changed: &changed)))
                }
            }
            return .object(JSONObject(members))
        case .array(let elements):
            return .array(elements.map { redact($0, changed: &changed) })
        case .string(let string):
            let redacted = redact(inlineText: string)
            if redacted == string { return value }
            changed = true
            return .string(redacted)
        default:
            return value
        }
    }

    /// `METHOD url` with the URL redacted, for messages.
    public func describe(_ request: HTTPRequest) -> String {
        let url = redact(request.url).absoluteString
        return "\(request.method) \(url.removingPercentEncoding ?? url)"
    }
}
