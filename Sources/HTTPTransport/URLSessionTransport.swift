import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The live transport, on `URLSession`. Inject a session (or configuration) to control timeouts,
/// caching and protocol classes.
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// A transport on an existing session (its configuration, delegate and protocol classes apply).
    public init(session: URLSession) { self.session = session }

    /// A transport with its own session on `configuration` (ephemeral by default: no cookies or cache).
    public init(configuration: URLSessionConfiguration = .ephemeral) {
        session = URLSession(configuration: configuration)
    }

    /// Sends `request`. Cancelling the calling task cancels the request. Any HTTP status is a
    /// response; a failure without one is a ``TransportError``.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headers { urlRequest.addValue(field.value, forHTTPHeaderField: field.name) }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }
        let (data, response): (Data, URLResponse)
        do {
            let inFlight = InFlightTask()
            (data, response) = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let task = session.dataTask(with: urlRequest) { data, response, error in
                        if let error {
                            continuation.resume(throwing: error)
                        } else if let response {
                            continuation.resume(returning: (data ?? Data(), response))
                        } else {
                            continuation.resume(throwing: URLError(.badServerResponse))
                        }
                    }
                    inFlight.start(task)
                }
            } onCancel: {
                inFlight.cancel()
            }
        } catch {
            throw TransportError(
                method: request.method, url: request.url, reason: TransportError.reason(for: error), underlying: error)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(method: request.method, url: request.url, reason: "the response is not HTTP")
        }
        // `allHeaderFields` is a dictionary: URLSession has already merged repeated fields and lost
        // their order, so names are sorted to keep responses (and recordings) deterministic.
        var headers = HTTPFields()
        for (name, value) in http.allHeaderFields.map({ (String(describing: $0.key), $0.value) }).sorted(by: {
            $0.0.lowercased() < $1.0.lowercased()
        }) {
            headers.append(name: name, value: String(describing: value))
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: [UInt8](data))
    }
}

/// The data task of one `send`, so that cancelling the calling Swift task cancels the request.
private final class InFlightTask: @unchecked Sendable {
    // Safety: `task` and `cancelled` are read and written only under `lock`; URLSessionTask's
    // `resume` and `cancel` may be called from any thread.
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    /// Resumes `task`, or cancels it at once when the caller was cancelled before it existed.
    func start(_ task: URLSessionDataTask) {
        let alreadyCancelled = lock.withLock {
            self.task = task
            return cancelled
        }
        task.resume()
        if alreadyCancelled { task.cancel() }
    }

    func cancel() {
        let task = lock.withLock {
            cancelled = true
            return self.task
        }
        task?.cancel()
    }
}
