/// An HTTP method. A kind that may grow: a struct with static members.
public struct HTTPMethod: Sendable, Hashable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The method token, uppercased (`GET`).
    public let rawValue: String
    /// Any method; the name is uppercased (`"patch"` is `.patch`).
    public init(rawValue: String) { self.rawValue = rawValue.uppercased() }
    /// `"GET" as HTTPMethod`.
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    /// The method token.
    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let options = HTTPMethod(rawValue: "OPTIONS")
}
