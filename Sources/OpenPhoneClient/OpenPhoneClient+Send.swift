import Foundation
import HTTPTransport

extension OpenPhoneClient {
    /// The documented bounds of a message's `content`, in Unicode code points (JSON Schema's
    /// `minLength`/`maxLength` unit).
    public static let contentLength = 1...1600
    /// How many recipients one message may have (a group message past one).
    public static let recipientCount = 1...10

    /// Sends a text message (`POST /v1/messages`, `sendMessage_v1`) and returns it as accepted (202).
    ///
    /// - Parameters:
    ///   - content: the text: 1 to 1600 code points, at least one of them not white space.
    ///   - from: the sending number, E.164 (`+15555550199`) or its OpenPhone id (`PN…`).
    ///   - to: 1 to 10 E.164 numbers; more than one makes one group message.
    ///   - userId: the sending user (`US…`); the number's owner when nil.
    ///   - setInboxStatus: `.done` moves the conversation to the Done inbox view; nil leaves it open.
    ///
    /// Every argument is checked before anything is sent (``OpenPhoneError/invalidArgument(_:)``
    /// names the argument). Statuses 400, 401, 402, 403, 404 and 500 give ``OpenPhoneError/api(_:)``.
    public func send(
        content: String, from: String, to: [String], userId: String? = nil,
        setInboxStatus: OpenPhoneInboxStatus? = nil
    ) async throws(OpenPhoneError) -> OpenPhoneMessage {
        let body: SendMessageBody
        do {
            body = try SendMessageBody(
                content: content, from: from, to: to, userId: userId, setInboxStatus: setInboxStatus)
        } catch {
            throw .invalidArgument(error)
        }
        let bytes: [UInt8]
        do {
            bytes = try JSONRequestBody.encode(body, argument: "content")
        } catch {
            throw .invalidArgument(error)
        }
        let response = try await exchange(.post, path: "/v1/messages", body: bytes)
        return try decode(OpenPhoneMessageEnvelope.self, from: response, success: 202).data
    }
}

/// The `sendMessage_v1` request body, checked against the documented schema when made.
struct SendMessageBody: Encodable {
    let content: String
    let from: String
    let to: [String]
    let userId: String?
    let setInboxStatus: OpenPhoneInboxStatus?

    init(content: String, from: String, to: [String], userId: String?, setInboxStatus: OpenPhoneInboxStatus?)
        throws(InvalidArgumentError)
    {
        let length = content.unicodeScalars.count
        guard OpenPhoneClient.contentLength.contains(length) else {
            throw InvalidArgumentError(
                argument: "content",
                message:
                    "expected \(OpenPhoneClient.contentLength.lowerBound) to \(OpenPhoneClient.contentLength.upperBound) characters, got \(length)"
            )
        }
        guard content.unicodeScalars.contains(where: { !Self.isECMAScriptWhiteSpace($0) }) else {
            throw InvalidArgumentError(argument: "content", message: "expected some text that is not white space")
        }
        if PhoneNumber(rawValue: from) == nil, OpenPhonePhoneNumberID(rawValue: from) == nil {
            throw InvalidArgumentError(
                argument: "from",
                message:
                    "expected an E.164 phone number or a phone number ID starting with \"PN\", got \"\(from)\""
            )
        }
        guard OpenPhoneClient.recipientCount.contains(to.count) else {
            throw InvalidArgumentError(
                argument: "to",
                message:
                    "expected \(OpenPhoneClient.recipientCount.lowerBound) to \(OpenPhoneClient.recipientCount.upperBound) numbers, got \(to.count)"
            )
        }
        for (index, number) in to.enumerated() {
            if let problem = PhoneNumber.problem(with: number) {
                throw InvalidArgumentError(argument: "to[\(index)]", message: problem)
            }
        }
        if let userId {
            _ = try OpenPhoneUserID(validating: userId, argument: "userId")
        }
        if let setInboxStatus, !setInboxStatus.isDocumented {
            throw InvalidArgumentError(
                argument: "setInboxStatus", message: "expected \"done\", got \"\(setInboxStatus.rawValue)\"")
        }
        self.content = content
        self.from = from
        self.to = to
        self.userId = userId
        self.setInboxStatus = setInboxStatus
    }

    /// ECMAScript's `\s` (white space and line terminators): what the documented pattern `.*\S.*`
    /// needs at least one character outside of.
    static func isECMAScriptWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\u{0B}", "\u{0C}", " ", "\u{A0}", "\u{FEFF}", "\n", "\r", "\u{2028}", "\u{2029}": true
        default: scalar.properties.generalCategory == .spaceSeparator
        }
    }
}

/// The inbox status a sent message gives its conversation: `done` is the one documented value.
public enum OpenPhoneInboxStatus: ExtensibleEnum {
    case done
    case unknown(String)

    /// The documented values, in the contract's order.
    public static let documentedCases: [OpenPhoneInboxStatus] = [.done]

    /// The contract's spelling of the value.
    public var rawValue: String {
        switch self {
        case .done: "done"
        case .unknown(let value): value
        }
    }
}
