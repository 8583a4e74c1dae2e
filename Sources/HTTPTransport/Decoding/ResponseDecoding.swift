import Foundation

/// Decoding a response body into a model, for the bundled clients: every failure becomes a
/// ``ResponseDecodingError`` carrying the status and the JSON Pointer.
package enum ResponseDecoding {
    package static func decode<Model: Decodable>(_ type: Model.Type, from response: HTTPResponse)
        throws(ResponseDecodingError) -> Model
    {
        do {
            return try JSONDecoder().decode(Model.self, from: Data(response.body))
        } catch {
            throw ResponseDecodingError(status: response.status, body: response.body, error: error)
        }
    }
}

/// Percent-encoding for the pieces of a request URL a client builds from its arguments.
package enum URLEncoding {
    /// RFC 3986 unreserved characters: everything else is percent-encoded, so a value can never end
    /// a path segment or a query parameter early.
    static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    /// `a/b c` → `a%2Fb%20c`.
    package static func component(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    /// `base` + `/` + `path` (already encoded) + `?name=value&…`, or nil when that is no URL.
    package static func url(base: URL, path: String, query: [(name: String, value: String)] = []) -> URL? {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        if !query.isEmpty {
            text += "?" + query.map { "\(component($0.name))=\(component($0.value))" }.joined(separator: "&")
        }
        return URL(string: text)
    }
}
