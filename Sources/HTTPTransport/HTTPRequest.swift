import Foundation

/// A request a client sends: a value, so it can be recorded, compared and replayed.
public struct HTTPRequest: Sendable, Hashable {
    /// The method (`GET` by default).
    public var method: HTTPMethod
    /// The absolute URL, query included.
    public var url: URL
    /// Header fields in the order they are sent.
    public var headers: HTTPFields
    /// The exact body bytes; empty for none.
    public var body: [UInt8]

    /// A request value; nothing is sent until a transport sends it.
    public init(method: HTTPMethod = .get, url: URL, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }

    /// A request whose body is `data`.
    public init(method: HTTPMethod = .get, url: URL, headers: HTTPFields = [:], body data: Data) {
        self.init(method: method, url: url, headers: headers, body: [UInt8](data))
    }

    /// The body as `Data`.
    public var bodyData: Data {
        get { Data(body) }
        set { body = [UInt8](newValue) }
    }
}
