import Foundation
import HTTPTransport
import JSON

/// Removes credentials before anything touches disk or output: sensitive headers, user and
/// password in URLs, API-key-like query parameters and configured JSON body fields, each replaced
/// by a stable placeholder (`<redacted:authorization>`), so cassettes stay diffable and matchable.
public struct Redactor: Sendable, Hashable {
    /// Header names (case-insensitive) whose values are replaced.
    public var headerNames: Set<String>
    /// Query parameter names (case-insensitive) whose values are replaced.
    public var queryNames: Set<String>
    /// JSON member names (at any depth, case-insensitive) whose values are replaced in bodies.
    public var bodyFields: Set<String>

    public init(headerNames: Set<String>, queryNames: Set<String>, bodyFields: Set<String> = []) {
        self.headerNames = Set(headerNames.map { $0.lowercased() })
        self.queryNames = Set(queryNames.map { $0.lowercased() })
        self.bodyFields = Set(bodyFields.map { $0.lowercased() })
    }

    /// Authorization, Proxy-Authorization, Cookie, Set-Cookie and API-key headers; common key,
    /// token, secret and signature query parameters; password, secret and token body fields.
    public static let `default` = Redactor(
        headerNames: ["authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key", "x-auth-token", "x-access-token"],
        queryNames: ["api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "secret", "client_secret", "signature", "sig", "password"],
        bodyFields: ["password", "secret", "client_secret", "api_key", "apikey", "access_token", "refresh_token", "token"])

    /// A copy that also redacts these JSON body fields.
    public func redacting(bodyFields more: Set<String>) -> Redactor {
        var copy = self
        copy.bodyFields.formUnion(more.map { $0.lowercased() })
        return copy
    }

    /// The stable placeholder for a value named `name`: `<redacted:authorization>`.
    public static func placeholder(_ name: String) -> String { "<redacted:\(name.lowercased())>" }

    /// `text` as a query or form value: percent-encoded wherever a query does not allow the
    /// character as is (setting a raw `<` in a query would trap in URLComponents).
    static func percentEncoded(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#<>")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "%3Credacted%3E"
    }

    public func redact(_ request: HTTPRequest) -> HTTPRequest {
        HTTPRequest(
            method: request.method, url: redact(request.url), headers: redact(request.headers),
            body: redact(body: request.body, contentType: request.headers["Content-Type"]))
    }

    public func redact(_ response: HTTPResponse) -> HTTPResponse {
        HTTPResponse(
            status: response.status, headers: redact(response.headers),
            body: redact(body: response.body, contentType: response.headers["Content-Type"]))
    }

    public func redact(_ headers: HTTPFields) -> HTTPFields {
        HTTPFields(headers.map { field in
            isSensitive(header: field.name) ? (name: field.name, value: Redactor.placeholder(field.name)) : field
        })
    }

    /// True for a listed header name and for names that look like credentials whatever the vendor
    /// prefix (`X-Sendo-Api-Key`, `X-Vendor-Auth-Token`, `X-Webhook-Signature`).
    public func isSensitive(header name: String) -> Bool {
        let lowered = name.lowercased()
        if headerNames.contains(lowered) { return true }
        return Redactor.credentialFragments.contains { lowered.contains($0) }
    }

    static let credentialFragments = ["api-key", "apikey", "api_key", "auth-token", "access-token", "secret", "password", "signature"]

    /// The URL without user or password and with sensitive query values replaced.
    public func redact(_ url: URL) -> URL {
        // Most URLs carry nothing to redact: skip URLComponents (slow) for them.
        if url.user == nil && url.password == nil {
            if !QueryString.names(of: url).contains(where: { queryNames.contains($0.lowercased()) }) { return url }
        }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url }
        if components.user != nil { components.user = "<redacted:user>" }
        if components.password != nil { components.password = "<redacted:password>" }
        // Only sensitive values are rewritten; the others keep their exact percent-encoding so the
        // redacted URL still matches byte for byte.
        if let items = components.percentEncodedQueryItems,
            items.contains(where: { queryNames.contains(($0.name.removingPercentEncoding ?? $0.name).lowercased()) })
        {
            components.percentEncodedQueryItems = items.map { item in
                let name = item.name.removingPercentEncoding ?? item.name
                guard queryNames.contains(name.lowercased()) else { return item }
                return URLQueryItem(name: item.name, value: Redactor.percentEncoded(Redactor.placeholder(name)))
            }
        }
        return components.url ?? url
    }

    /// A JSON body with sensitive members replaced (written compactly when anything changed).
    public func redact(body: [UInt8]) -> [UInt8] {
        guard !bodyFields.isEmpty, !body.isEmpty, let document = try? JSONDocument.parse(body) else { return body }
        var changed = false
        let value = redact(document.value(), changed: &changed)
        return changed ? JSONWriter.write(value) : body
    }

    private func redact(_ value: JSONValue, changed: inout Bool) -> JSONValue {
        switch value {
        case .object(let object):
            var members: [JSONObject.Member] = []
            for member in object {
                if bodyFields.contains(member.key.lowercased()), member.value != .null {
                    changed = true
                    members.append((key: member.key, value: .string(Redactor.placeholder(member.key))))
                } else {
                    members.append((key: member.key, value: redact(member.value, changed: &changed)))
                }
            }
            return .object(JSONObject(members))
        case .array(let elements):
            return .array(elements.map { redact($0, changed: &changed) })
        default:
            return value
        }
    }

    /// `METHOD url` with the URL redacted, for messages.
    public func describe(_ request: HTTPRequest) -> String {
        "\(request.method) \(redact(request.url).absoluteString.removingPercentEncoding ?? redact(request.url).absoluteString)"
    }
}
