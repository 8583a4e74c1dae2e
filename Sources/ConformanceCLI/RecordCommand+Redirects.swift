import Foundation
import HTTPTransport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension RecordCommand {
    /// The live transport `record` sends through: URLSession follows redirects itself and would
    /// forward the `Authorization` header to wherever a `Location` points, so a redirect to another
    /// origin (scheme, host or port) is refused and its 3xx response is what comes back.
    static func liveTransport() -> URLSessionTransport {
        let session = URLSession(
            configuration: .ephemeral, delegate: SameOriginRedirects(), delegateQueue: nil)
        return URLSessionTransport(session: session)
    }

    /// `scheme://host:port` of a URL (default ports spelled out), for comparing origins.
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// The redirect `response` asks for when it leads to another origin than `request`'s, or nil.
    static func crossOriginRedirect(_ response: HTTPResponse, of request: HTTPRequest) -> URL? {
        guard (300..<400).contains(response.status), let location = response.headers["Location"],
            let target = URL(string: location, relativeTo: request.url)?.absoluteURL
        else { return nil }
        return origin(of: target) == origin(of: request.url) ? nil : target
    }
}

/// Follows a redirect only within the origin of the request that got it.
final class SameOriginRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        guard let from = response.url ?? task.currentRequest?.url, let to = request.url else {
            completionHandler(nil)
            return
        }
        completionHandler(RecordCommand.origin(of: from) == RecordCommand.origin(of: to) ? request : nil)
    }
}
