import Foundation

/// A response as received: status, headers and the exact body bytes.
public struct HTTPResponse: Sendable, Hashable {
    /// The status code (`200`).
    public var status: Int
    /// Header fields as received.
    public var headers: HTTPFields
    /// The exact body bytes; empty for none.
    public var body: [UInt8]

    /// A response value (as received, or as recorded).
    public init(status: Int, headers: HTTPFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text (invalid bytes replaced).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body as `Data`.
    public var bodyData: Data {
        get { Data(body) }
        set { body = [UInt8](newValue) }
    }
}
