/// A string enumeration a provider may extend: the documented cases plus `unknown(String)`, so a
/// value the documentation does not list is kept rather than failing the whole response.
///
/// ```swift
/// public enum Status: ExtensibleEnum {
///     case sent, delivered
///     case unknown(String)
///     public static let documentedCases: [Status] = [.sent, .delivered]
///     public var rawValue: String {
///         switch self {
///         case .sent: "sent"
///         case .delivered: "delivered"
///         case .unknown(let value): value
///         }
///     }
/// }
/// ```
/// `Status(rawValue: "received")` is `.unknown("received")`, and its `rawValue` gives
/// `"received"` back exactly. Build values with `init(rawValue:)`: `.unknown("sent")` written by
/// hand is not equal to `.sent`.
public protocol ExtensibleEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    /// Every documented case, in documentation order.
    static var documentedCases: [Self] { get }
    /// A value the documentation does not list.
    static func unknown(_ rawValue: String) -> Self
}

extension ExtensibleEnum {
    /// The documented case spelled `rawValue` (exactly, case-sensitive), else `.unknown(rawValue)`.
    public init(rawValue: String) {
        self = Self.documentedCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// True for a documented case.
    public var isDocumented: Bool { Self.documentedCases.contains(self) }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = Self.documentedCases.first { $0.rawValue == text } ?? .unknown(text)
    }

    /// Encodes the JSON value as documented.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw string.
    public var description: String { rawValue }
}
