import Foundation

/// A request that got no HTTP response. Names the request by method and URL only (never headers,
/// which carry credentials).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    /// The request's method.
    public var method: HTTPMethod
    /// The request's URL (printed without user and password).
    public var url: URL
    /// What went wrong, in words.
    public var reason: String
    /// The error URLSession reported, when there was one (for `URLError` codes and retries).
    public var underlying: (any Error)?

    /// An error for the request `method url`.
    public init(method: HTTPMethod, url: URL, reason: String, underlying: (any Error)? = nil) {
        self.method = method
        self.url = url
        self.reason = reason
        self.underlying = underlying
    }

    /// `GET https://host/path?page=2&api_key=<redacted> failed: reason`: user and password in the URL
    /// and the values of credential-looking query parameters are never shown.
    public var description: String {
        "\(method) \(TransportError.redacted(url)) failed: \(reason)"
    }

    /// Query parameters whose values are credentials (compared case-insensitively).
    static let secretQueryNames: Set<String> = [
        "api_key", "apikey", "api-key", "key", "token", "access_token", "auth", "secret", "client_secret", "signature",
        "sig", "password",
    ]

    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "<url>" }
        components.user = nil
        components.password = nil
        if let items = components.percentEncodedQueryItems {
            components.percentEncodedQueryItems = items.map { item in
                let name = (item.name.removingPercentEncoding ?? item.name).lowercased()
                return secretQueryNames.contains(name) ? URLQueryItem(name: item.name, value: "%3Credacted%3E") : item
            }
        }
        return components.string ?? "<url>"
    }

    /// A reason that names the failure without echoing the URL (URLError's user info carries it,
    /// query string and all).
    static func reason(for error: any Error) -> String {
        guard let urlError = error as? URLError else { return String(describing: error) }
        let words: String
        switch urlError.code {
        case .cancelled: words = "cancelled"
        case .timedOut: words = "timed out"
        case .cannotConnectToHost: words = "could not connect to the server"
        case .cannotFindHost, .dnsLookupFailed: words = "could not find the server"
        case .networkConnectionLost: words = "the connection was lost"
        case .notConnectedToInternet: words = "not connected to the network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
            .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot:
            words = "the TLS connection failed"
        case .badServerResponse: words = "the server's response was not valid HTTP"
        case .badURL, .unsupportedURL: words = "the URL is not supported"
        default: words = "URL loading failed"
        }
        return "\(words) (URLError \(urlError.code.rawValue))"
    }
}
