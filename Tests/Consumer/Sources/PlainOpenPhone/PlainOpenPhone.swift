import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An OpenPhone client as an ordinary team writes one: URLSession and Codable models named as the
/// API names its members. Careful where the API is: ids carry their prefixes, phone numbers are
/// E.164, `phoneNumberId` and `userId` are always present but may be null, enums stay open, and
/// timestamps keep their fractions and offsets.
public struct PlainOpenPhone: Sendable {
    public let session: URLSession
    public let apiKey: String
    public var baseURL: URL
    /// A deliberate defect, for showing that the gate catches it: timestamps lose their fractions.
    public var dropsFractions = false

    public init(session: URLSession = .shared, apiKey: String, baseURL: URL = URL(string: "https://api.openphone.com")!)
    {
        self.session = session
        self.apiKey = apiKey
        self.baseURL = baseURL
    }

    /// `GET /v1/messages/{id}`.
    public func message(id: String) async throws -> Message {
        guard id.hasPrefix("AC") else { throw PlainOpenPhoneError.invalidArgument("message ids start with AC: \(id)") }
        let escaped =
            id.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? id
        var request = URLRequest(url: URL(string: baseURL.absoluteString + "/v1/messages/" + escaped)!)
        request.setValue(apiKey, forHTTPHeaderField: "Authorization")  // the key itself, as OpenPhone documents
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom(Self.readDate(dropsFractions: dropsFractions))
        guard status == 200 else {
            if let body = try? decoder.decode(APIError.self, from: data) {
                throw PlainOpenPhoneError.api(status: status, body: body)
            }
            throw PlainOpenPhoneError.unexpectedStatus(status)
        }
        return try decoder.decode(Envelope.self, from: data).data
    }

    static func readDate(dropsFractions: Bool) -> @Sendable (Decoder) throws -> Date {
        { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if !dropsFractions, let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            let whole = text.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)
            guard let date = formatter.date(from: whole) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "not an ISO 8601 timestamp with offset: \(text)"))
            }
            return date
        }
    }
}

/// What can go wrong.
public enum PlainOpenPhoneError: Error, Sendable {
    case api(status: Int, body: APIError)
    case unexpectedStatus(Int)
    case invalidArgument(String)
}

struct Envelope: Codable, Sendable {
    var data: Message
}

/// A message.
public struct Message: Codable, Sendable, Hashable {
    public var id: String
    public var to: [String]
    public var from: String
    public var text: String
    public var phoneNumberId: String?
    public var direction: Direction
    public var userId: String?
    public var status: Status
    public var createdAt: Date
    public var updatedAt: Date

    /// Open enums: a value the API adds later is kept, not refused.
    public struct Direction: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let incoming = Direction(rawValue: "incoming")
        public static let outgoing = Direction(rawValue: "outgoing")
    }

    public struct Status: RawRepresentable, Codable, Sendable, Hashable {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let queued = Status(rawValue: "queued")
        public static let sent = Status(rawValue: "sent")
        public static let delivered = Status(rawValue: "delivered")
        public static let undelivered = Status(rawValue: "undelivered")
    }

    enum CodingKeys: String, CodingKey {
        case id, to, from, text, phoneNumberId, direction, userId, status, createdAt, updatedAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        to = try c.decode([String].self, forKey: .to)
        from = try c.decode(String.self, forKey: .from)
        text = try c.decode(String.self, forKey: .text)
        // Present but nullable: `decode(String?.self…)` refuses a missing key, accepts null.
        phoneNumberId = try c.decode(String?.self, forKey: .phoneNumberId)
        direction = try c.decode(Direction.self, forKey: .direction)
        userId = try c.decode(String?.self, forKey: .userId)
        status = try c.decode(Status.self, forKey: .status)
        createdAt = try c.decode(Date.self, forKey: .createdAt)
        updatedAt = try c.decode(Date.self, forKey: .updatedAt)
        try Self.require(id.hasPrefix("AC"), .id, c, "message ids start with AC")
        try Self.require(
            phoneNumberId.map { $0.hasPrefix("PN") } ?? true, .phoneNumberId, c, "phone number ids start with PN")
        try Self.require(userId.map { $0.hasPrefix("US") } ?? true, .userId, c, "user ids start with US")
        try Self.require(([from] + to).allSatisfy(Self.isE164), .to, c, "phone numbers are E.164")
    }

    static func require(
        _ condition: Bool, _ key: CodingKeys, _ c: KeyedDecodingContainer<CodingKeys>, _ message: String
    )
        throws
    {
        if !condition { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: message) }
    }

    /// `+` then 2–15 digits, the first not 0.
    static func isE164(_ number: String) -> Bool {
        let digits = number.utf8.dropFirst()
        return number.utf8.first == UInt8(ascii: "+") && (2...15).contains(digits.count)
            && digits.allSatisfy { (0x30...0x39).contains($0) } && digits.first != 0x30
    }
}

/// A documented error body.
public struct APIError: Codable, Sendable, Hashable {
    public var message: String
    public var code: String
    public var status: Int
    public var title: String
    public var docs: String
    public var description: String?
    public var trace: String?
}
