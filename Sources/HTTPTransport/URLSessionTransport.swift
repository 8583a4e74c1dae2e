import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live transport, on `URLSession`. Inject a session (or configuration) to control timeouts,
/// caching and protocol classes.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    public init(session: URLSession) { self.session = session }

    /// A transport with its own session on `configuration` (ephemeral by default: no cookies or cache).
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response): (Data, URLResponse)
        do {
            (data, response) = try await withCheckedThrowingContinuation { continuation in
                session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }.resume()
            }
        } catch {
            throw TransportError(method: request.method, url: request.url, reason: String(describing: error))
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(method: request.method, url: request.url, reason: "the response is not HTTP")
        }
        var headers = HTTPFields()
        for (name, value) in http.allHeaderFields {
            headers.append(name: String(describing: name), value: String(describing: value))
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
    }
}

/// A request that got no HTTP response. Names the request by method and URL only (never headers,
/// which carry credentials).
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public var method: HTTPMethod
    public var url: URL
    public var reason: String

    public init(method: HTTPMethod, url: URL, reason: String) {
        self.method = method
        self.url = url
        self.reason = reason
    }

    /// `GET https://host/path failed: reason`; user and password in the URL are never shown.
    public var description: String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.user = nil
        components?.password = nil
        return "\(method) \(components?.string ?? "<url>") failed: \(reason)"
    }
}
