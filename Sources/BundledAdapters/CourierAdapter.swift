import ConformanceHarness
import CourierClient
import Foundation
import HTTPTransport
import JSON

/// ``CourierClient`` under the harness: `messages_get`, `messages_list` through the `AsyncSequence`
/// that follows the cursor (one view per page), and `send_message` with the recorded body's message.
struct CourierAdapter: ConformanceAdapter {
    var fault: ClientFault?
    var name: String { "CourierClient" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["messages_get", "messages_list", "send_message"] }

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let views = ViewBuilder(fault: fault)
        let client = CourierClient(
            apiKey: "conformance-test-key", transport: FaultyTransport.wrapping(transport, fault: fault))
        switch call.operationId {
        case "send_message":
            let response: CourierSendResponse
            do {
                response = try await client.send(Self.outgoing(call.body?["message"] ?? .null))
            } catch {
                throw surfaced(error, views)
            }
            return .object(JSONObject([("requestId", .string(response.requestId))]))
        case "messages_list":
            let filter = CourierMessageFilter(
                event: call.parameter("event"), list: call.parameter("list"), messageId: call.parameter("messageId"),
                notification: call.parameter("notification"), recipient: call.parameter("recipient"),
                // The contract's `explode: false` (it accepts the repeated form too): values are
                // comma-joined, and either form comes back as a list.
                status: (call.parameters["status"] ?? []).flatMap { $0.split(separator: ",") }.map {
                    CourierMessageStatus(rawValue: String($0))
                })
            var pages: [CourierMessagePage] = []
            do {
                for try await page in client.messages(filter) {
                    pages.append(page)
                    if let limit = call.pageLimit, pages.count >= limit { break }
                }
            } catch {
                throw surfaced(error, views)
            }
            return .array(
                try pages.map { page in
                    var paging = JSONObject([("more", .bool(page.paging.more))])
                    paging.setIfPresent("cursor", page.paging.cursor.map { $0.map { .string($0) } ?? .null })
                    return .object(
                        JSONObject([
                            ("paging", .object(paging)),
                            ("results", .array(try page.results.map { .object(try message($0, views)) })),
                        ]))
                })
        default:
            let details: CourierMessageDetails
            do {
                details = try await client.message(id: call.parameter("message_id") ?? "")
            } catch {
                throw surfaced(error, views)
            }
            var object = try message(details.message, views)
            if let providers = details.providers {
                object["providers"] = try views.nullable(
                    providers.map { list in .array(list.map { .object(FreeformObject.make($0)) }) }, field: "providers")
            }
            return .object(object)
        }
    }

    /// The message a recorded `POST /send` body holds, as the client's value.
    static func outgoing(_ message: JSONValue) -> CourierOutgoingMessage {
        func recipient(_ value: JSONValue) -> CourierRecipient {
            CourierRecipient(
                userId: value["user_id"]?.stringValue, email: value["email"]?.stringValue,
                phoneNumber: value["phone_number"]?.stringValue)
        }
        let to = message["to"].map { $0.arrayValue?.map(recipient) ?? [recipient($0)] } ?? []
        let content: CourierMessageContent =
            message["template"]?.stringValue.map { .template($0) }
            ?? .text(
                title: message["content"]?["title"]?.stringValue ?? "",
                body: message["content"]?["body"]?.stringValue ?? "")
        var data: [String: FreeformJSON] = [:]
        for member in message["data"]?.objectValue ?? JSONObject([]) {
            data[member.key] = freeform(member.value)
        }
        return CourierOutgoingMessage(to: to, content: content, data: data)
    }

    static func freeform(_ value: JSONValue) -> FreeformJSON {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(Double(number.literal) ?? 0)
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(freeform))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key, freeform($0.value)) }) { first, _ in first })
        }
    }

    /// A documented error as the harness's API error; anything else as thrown.
    func surfaced(_ error: CourierError, _ views: ViewBuilder) -> any Error {
        if case .api(let api) = error {
            return views.apiError(
                status: api.status,
                fields: JSONObject([("type", views.enumeration(api.type)), ("message", .string(api.message))]))
        }
        return error
    }

    func message(_ message: CourierMessage, _ views: ViewBuilder) throws -> JSONObject {
        var object = JSONObject([
            ("id", .string(message.id)), ("status", views.enumeration(message.status)),
            ("enqueued", views.epoch(message.enqueued)),
        ])
        object.setIfPresent("sent", message.sent.map(views.epoch))
        object.setIfPresent("delivered", message.delivered.map(views.epoch))
        object.setIfPresent("opened", message.opened.map(views.epoch))
        object.setIfPresent("clicked", message.clicked.map(views.epoch))
        object["recipient"] = .string(message.recipient)
        object["event"] = .string(message.event)
        object["notification"] = .string(message.notification)
        if let error = message.error { object["error"] = try views.nullable(error.map { .string($0) }, field: "error") }
        if let reason = message.reason {
            object["reason"] = try views.nullable(reason.map { views.enumeration($0) }, field: "reason")
        }
        return object
    }
}
