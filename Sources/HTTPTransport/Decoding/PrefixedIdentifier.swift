/// An identifier a provider documents with a fixed prefix (OpenPhone `AC…` messages, `PN…` phone
/// numbers, `US…` users): a `String` that is checked when it is made and when it is decoded.
///
/// A conforming type stores `rawValue` and names its ``prefix``:
/// ```swift
/// public struct MessageID: PrefixedIdentifier {
///     public static let prefix = "AC"
///     public let rawValue: String
///     public init(uncheckedRawValue: String) { rawValue = uncheckedRawValue }
/// }
/// ```
/// `MessageID(rawValue: "XY1")` is nil; decoding `"XY1"` throws a `DecodingError` at the field's
/// coding path, which a client reports as `/data/id: expected an ID starting with "AC", got "XY1"`.
/// The documented patterns are `^AC(.*)$`: `.` does not match line breaks, so an ID with one is
/// refused too.
public protocol PrefixedIdentifier: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
    /// The documented prefix (`AC`).
    static var prefix: String { get }
    /// Wraps `uncheckedRawValue` without checking it; use `init?(rawValue:)` for input.
    init(uncheckedRawValue: String)
    /// Why `rawValue` is not a valid identifier, or nil when it is. The default checks ``prefix``
    /// and refuses line breaks; a type with a stricter documented pattern supplies its own.
    static func problem(with rawValue: String) -> String?
}

extension PrefixedIdentifier {
    /// Checks the prefix and refuses line breaks.
    public static func problem(with rawValue: String) -> String? {
        guard rawValue.utf8.starts(with: prefix.utf8) else {
            return "expected an ID starting with \(FreeformJSON.quoted(prefix)), got \(FreeformJSON.quoted(rawValue))"
        }
        guard !rawValue.unicodeScalars.contains(where: Self.isLineTerminator) else {
            return "expected an ID without line breaks, got \(FreeformJSON.quoted(rawValue))"
        }
        return nil
    }

    /// The identifier, or nil when `rawValue` breaks the documented format.
    public init?(rawValue: String) {
        guard Self.problem(with: rawValue) == nil else { return nil }
        self.init(uncheckedRawValue: rawValue)
    }

    /// The identifier, or an ``InvalidArgumentError`` naming `argument` when `rawValue` breaks the
    /// documented format.
    public init(validating rawValue: String, argument: String) throws(InvalidArgumentError) {
        if let problem = Self.problem(with: rawValue) {
            throw InvalidArgumentError(argument: argument, message: problem)
        }
        self.init(uncheckedRawValue: rawValue)
    }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let problem = Self.problem(with: text) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: problem)
        }
        self.init(uncheckedRawValue: text)
    }

    /// Encodes the JSON value as documented.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The raw identifier.
    public var description: String { rawValue }

    /// ECMAScript line terminators, which `.` in the documented patterns does not match.
    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
