import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import OpenPhoneClient

/// ``OpenPhoneClient`` under the harness: `getMessageById_v1` and `sendMessage_v1` (the message to
/// send is the recorded request body's `content`, `from`, `to`, `userId` and `setInboxStatus`).
struct OpenPhoneAdapter: ConformanceAdapter {
    var fault: ClientFault?
    var name: String { "OpenPhoneClient" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["getMessageById_v1", "sendMessage_v1"] }

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let views = ViewBuilder(fault: fault)
        let client = OpenPhoneClient(
            apiKey: "conformance-test-key", transport: FaultyTransport.wrapping(transport, fault: fault))
        let message: OpenPhoneMessage
        do {
            if call.operationId == "sendMessage_v1" {
                let body = call.body ?? .null
                message = try await client.send(
                    content: body["content"]?.stringValue ?? "", from: body["from"]?.stringValue ?? "",
                    to: body["to"]?.arrayValue?.compactMap(\.stringValue) ?? [], userId: body["userId"]?.stringValue,
                    setInboxStatus: body["setInboxStatus"]?.stringValue.map { OpenPhoneInboxStatus(rawValue: $0) })
            } else {
                message = try await client.message(id: call.parameter("id") ?? "")
            }
        } catch {
            if case .api(let api) = error { throw views.apiError(status: api.status, fields: Self.fields(api)) }
            throw error
        }
        let data = JSONObject([
            ("id", .string(message.id.rawValue)), ("to", .array(message.to.map { .string($0.rawValue) })),
            ("from", .string(message.from.rawValue)),
            ("text", .string(message.text)),
            (
                "phoneNumberId",
                try views.nullable(message.phoneNumberId.map { .string($0.rawValue) }, field: "phoneNumberId")
            ),
            ("direction", views.enumeration(message.direction)),
            ("userId", try views.nullable(message.userId.map { .string($0.rawValue) }, field: "userId")),
            ("status", views.enumeration(message.status)), ("createdAt", views.iso(message.createdAt)),
            ("updatedAt", views.iso(message.updatedAt)),
        ])
        return .object(JSONObject([("data", .object(data))]))
    }

    static func fields(_ error: OpenPhoneAPIError) -> JSONObject {
        var fields = JSONObject([
            ("message", .string(error.message)), ("code", .string(error.code)),
            ("status", .integer(Int64(error.bodyStatus))), ("docs", .string(error.docs)),
            ("title", .string(error.title)),
        ])
        fields.setIfPresent("description", error.description.map { .string($0) })
        fields.setIfPresent("trace", error.trace.map { .string($0) })
        fields.setIfPresent(
            "errors",
            error.errors.map { list in
                .array(
                    list.map { detail in
                        var item = JSONObject([("path", .string(detail.path)), ("message", .string(detail.message))])
                        item.setIfPresent("value", detail.value.map(ViewBuilder.value))
                        item["schema"] = .object(JSONObject([("type", .string(detail.schema.type))]))
                        return .object(item)
                    })
            })
        return fields
    }
}
