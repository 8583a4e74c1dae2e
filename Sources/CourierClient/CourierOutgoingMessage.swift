import Foundation
import HTTPTransport

/// A message to send with ``CourierClient/send(_:)``: who receives it, what it says, and the data
/// its template or elements read. Encoded as the `message` of `POST /send`, members named as Courier
/// names them.
public struct CourierOutgoingMessage: Sendable, Hashable {
    /// The recipients; one goes as `to: {…}`, several as `to: [{…}, …]`.
    public var to: [CourierRecipient]
    /// A template to render, or a title and body.
    public var content: CourierMessageContent
    /// Variables for the template or elements (`data`); left out when empty.
    public var data: [String: FreeformJSON]

    /// A message to `to`.
    public init(to: [CourierRecipient], content: CourierMessageContent, data: [String: FreeformJSON] = [:]) {
        self.to = to
        self.content = content
        self.data = data
    }

    /// A message to one recipient.
    public init(to recipient: CourierRecipient, content: CourierMessageContent, data: [String: FreeformJSON] = [:]) {
        self.init(to: [recipient], content: content, data: data)
    }

    /// Why Courier would refuse this message, or nil: checked before anything is sent.
    var problem: InvalidArgumentError? {
        guard !to.isEmpty else {
            return InvalidArgumentError(argument: "message.to", message: "expected at least one recipient")
        }
        for (index, recipient) in to.enumerated() {
            if let problem = recipient.problem(argument: to.count == 1 ? "message.to" : "message.to[\(index)]") {
                return problem
            }
        }
        switch content {
        case .template(let id) where id.isEmpty:
            return InvalidArgumentError(argument: "message.template", message: "expected a template id, got \"\"")
        case .text(_, let body) where body.isEmpty:
            return InvalidArgumentError(argument: "message.content.body", message: "expected some text, got \"\"")
        default:
            return nil
        }
    }
}

/// A user recipient: at least one of a user id, an email address or a phone number.
public struct CourierRecipient: Sendable, Hashable, Encodable {
    /// `user_id`: your user's id, whose Courier profile holds the addresses.
    public var userId: String?
    /// `email`.
    public var email: String?
    /// `phone_number`.
    public var phoneNumber: String?

    /// A recipient; give at least one of the three.
    public init(userId: String? = nil, email: String? = nil, phoneNumber: String? = nil) {
        self.userId = userId
        self.email = email
        self.phoneNumber = phoneNumber
    }

    enum CodingKeys: String, CodingKey {
        case userId = "user_id"
        case email
        case phoneNumber = "phone_number"
    }

    func problem(argument: String) -> InvalidArgumentError? {
        if userId == nil, email == nil, phoneNumber == nil {
            return InvalidArgumentError(
                argument: argument, message: "expected a user_id, an email or a phone_number, got none")
        }
        for (name, value) in [("user_id", userId), ("email", email), ("phone_number", phoneNumber)] {
            if value?.isEmpty == true {
                return InvalidArgumentError(argument: argument + "." + name, message: "expected a value, got \"\"")
            }
        }
        if let email, !email.contains("@") {
            return InvalidArgumentError(
                argument: argument + ".email", message: "expected an email address, got \"\(email)\"")
        }
        return nil
    }
}

/// What a message says: a template (`template`) or a title and body (`content: {title, body}`).
public enum CourierMessageContent: Sendable, Hashable {
    /// A notification template's id, rendered with the message's `data`.
    case template(String)
    /// Courier's shorthand for elemental content: a title (subject) and a body.
    case text(title: String, body: String)
}

/// The answer to a send: the `requestId` (the message id for a single recipient).
public struct CourierSendResponse: Sendable, Hashable, Decodable {
    /// `requestId`.
    public var requestId: String

    /// A response value (for tests and adapters).
    public init(requestId: String) { self.requestId = requestId }
}

/// `{"message": {…}}`, members in sorted order when encoded with `.sortedKeys`.
struct SendMessageBody: Encodable {
    let message: CourierOutgoingMessage

    enum CodingKeys: String, CodingKey { case message }
    enum MessageKeys: String, CodingKey { case to, template, content, data }
    enum TextKeys: String, CodingKey { case title, body }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var fields = container.nestedContainer(keyedBy: MessageKeys.self, forKey: .message)
        if message.to.count == 1 {
            try fields.encode(message.to[0], forKey: .to)
        } else {
            try fields.encode(message.to, forKey: .to)
        }
        switch message.content {
        case .template(let id):
            try fields.encode(id, forKey: .template)
        case .text(let title, let body):
            var text = fields.nestedContainer(keyedBy: TextKeys.self, forKey: .content)
            try text.encode(title, forKey: .title)
            try text.encode(body, forKey: .body)
        }
        if !message.data.isEmpty { try fields.encode(message.data, forKey: .data) }
    }
}
