import HTTPTransport

/// One page of `GET /messages`: `{paging, results}`.
public struct CourierMessagePage: Sendable, Hashable, Decodable {
    /// Where the next page starts.
    public var paging: CourierPaging
    /// The messages on this page.
    public var results: [CourierMessage]

    /// A page value (for tests and adapters).
    public init(paging: CourierPaging, results: [CourierMessage]) {
        self.paging = paging
        self.results = results
    }
}

/// `paging`: `more` (required) says whether another page follows; `cursor` fetches it.
public struct CourierPaging: Sendable, Hashable, Decodable {
    /// The next page's cursor, optional and nullable: nil when absent, `.some(nil)` when `null` (as
    /// on the last page).
    public var cursor: String??
    /// Whether more pages follow.
    public var more: Bool

    /// A paging value (for tests and adapters).
    public init(cursor: String?? = nil, more: Bool) {
        self.cursor = cursor
        self.more = more
    }

    enum CodingKeys: String, CodingKey { case cursor, more }

    /// Decodes the documented JSON shape; errors carry the field's coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cursor = try container.decodeNullableIfPresent(String.self, forKey: .cursor)
        more = try container.decode(Bool.self, forKey: .more)
    }

    /// The cursor to follow, when `more` is true and a non-empty cursor is given.
    var next: String? {
        guard more, case .some(.some(let cursor)) = cursor, !cursor.isEmpty else { return nil }
        return cursor
    }
}

/// The filters of `GET /messages`, sent as query parameters (nil filters are left out).
public struct CourierMessageFilter: Sendable, Hashable {
    /// `event`: the event used to send.
    public var event: String?
    /// `list`: the list the message was sent to.
    public var list: String?
    /// `messageId`: a message id returned by a send.
    public var messageId: String?
    /// `notification`: the notification used to send.
    public var notification: String?
    /// `recipient`: the recipient's id.
    public var recipient: String?
    /// `status`: any of these statuses, sent comma-joined in one parameter
    /// (`status=DELIVERED%2CUNDELIVERABLE`), as Courier's official SDKs send it (the contract's
    /// `style: form, explode: false`). A status containing a comma cannot be sent that way and is
    /// refused before sending.
    public var status: [CourierMessageStatus]

    /// A filter; the default matches every message.
    public init(
        event: String? = nil, list: String? = nil, messageId: String? = nil, notification: String? = nil,
        recipient: String? = nil, status: [CourierMessageStatus] = []
    ) {
        self.event = event
        self.list = list
        self.messageId = messageId
        self.notification = notification
        self.recipient = recipient
        self.status = status
    }

    /// The query parameters in the contract's order: `cursor`, `event`, `list`, `messageId`,
    /// `notification`, `recipient`, then `status` comma-joined (left out when empty).
    func queryItems(cursor: String?) -> [(name: String, value: String)] {
        let single: [(String, String?)] = [
            ("cursor", cursor), ("event", event), ("list", list), ("messageId", messageId),
            ("notification", notification),
            ("recipient", recipient),
            ("status", status.isEmpty ? nil : status.map(\.rawValue).joined(separator: ",")),
        ]
        return single.compactMap { name, value in value.map { (name: name, value: $0) } }
    }

    /// Why the filter cannot be sent: a status with a comma would be read back as two statuses.
    var problem: InvalidArgumentError? {
        guard let bad = status.first(where: { $0.rawValue.contains(",") }) else { return nil }
        return InvalidArgumentError(
            argument: "status",
            message: "expected statuses without a comma (they are sent comma-joined), got \"\(bad.rawValue)\"")
    }
}
