/// A phone number in E.164 format, as OpenPhone documents it: `+`, a non-zero digit, then 1 to 14
/// more digits (`^\+[1-9]\d{1,14}$`).
public struct PhoneNumber: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible {
    /// The number as written, `+15555555555`.
    public let rawValue: String

    /// The number, or nil when `rawValue` is not E.164.
    public init?(rawValue: String) {
        guard Self.problem(with: rawValue) == nil else { return nil }
        self.rawValue = rawValue
    }

    /// Why `rawValue` is not an E.164 number, or nil when it is.
    public static func problem(with rawValue: String) -> String? {
        let bytes = Array(rawValue.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        let valid =
            bytes.count >= 3 && bytes.count <= 16 && bytes[0] == UInt8(ascii: "+") && bytes[1] != UInt8(ascii: "0")
            && bytes.dropFirst().allSatisfy(isDigit)
        return valid
            ? nil
            : "expected an E.164 phone number (+ then 2 to 15 digits, no leading 0), got \(FreeformJSON.quoted(rawValue))"
    }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        if let problem = Self.problem(with: text) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: problem)
        }
        rawValue = text
    }

    /// Encodes the JSON value as documented.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The number as written.
    public var description: String { rawValue }
}
