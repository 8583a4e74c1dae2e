import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import SendoClient

/// ``SendoClient`` under the harness: `retrieveMessage` (the `{message: …}` envelope) and
/// `sendMessage` (the recorded body's campaign, body, to, from, mediaUrls and metadata).
struct SendoAdapter: ConformanceAdapter {
    var fault: ClientFault?
    var name: String { "SendoClient" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["retrieveMessage", "sendMessage"] }

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let views = ViewBuilder(fault: fault)
        if call.operationId == "sendMessage" {
            return try await send(call.body ?? .null, transport: transport, views: views)
        }
        let message: SendoMessage
        do {
            message = try await SendoClient(
                apiKey: "conformance-test-key", transport: FaultyTransport.wrapping(transport, fault: fault)
            ).message(
                id: call.parameter("id") ?? "")
        } catch {
            if case .api(let api) = error {
                // The client checks that the documented `message` member is null before reporting the error.
                throw views.apiError(
                    status: api.status, fields: JSONObject([("message", .null), ("error", .string(api.error))]))
            }
            throw error
        }
        var object = JSONObject([
            ("id", .string(message.id)), ("type", views.enumeration(message.type)),
            ("createdAt", views.iso(message.createdAt)),
        ])
        for (name, value) in [
            ("sentAt", message.sentAt), ("updatedAt", message.updatedAt), ("scheduledAt", message.scheduledAt),
        ] {
            if let value { object[name] = try views.nullable(value.map(views.iso), field: name) }
        }
        object["direction"] = views.enumeration(message.direction)
        object["from"] = .string(message.from)
        object["to"] = .string(message.to)
        object["body"] = .string(message.body)
        object.setIfPresent("mediaUrls", message.mediaUrls.map { .array($0.map { .string($0) }) })
        object.setIfPresent("metadata", message.metadata.map { .object(FreeformObject.make($0)) })
        object["numSegments"] = .integer(message.numSegments)
        if let code = message.errorCode {
            object["errorCode"] = try views.nullable(code.map { ViewBuilder.value(.number($0)) }, field: "errorCode")
        }
        if let text = message.errorMessage {
            object["errorMessage"] = try views.nullable(text.map { .string($0) }, field: "errorMessage")
        }
        object["campaignId"] = .string(message.campaignId)
        object["status"] = views.enumeration(message.status)
        return .object(JSONObject([("message", .object(object))]))
    }

    /// Sends what the recorded body holds; the view is the response as documented.
    func send(_ body: JSONValue, transport: any HTTPTransport, views: ViewBuilder) async throws -> JSONValue {
        let client = SendoClient(
            apiKey: "conformance-test-key", transport: FaultyTransport.wrapping(transport, fault: fault))
        var metadata: [String: String]?
        if let members = body["metadata"]?.objectValue {
            metadata = Dictionary(members.map { ($0.key, $0.value.stringValue ?? "") }) { first, _ in first }
        }
        let response: SendoSendResponse
        do {
            response = try await client.send(
                campaign: body["campaign"]?.stringValue ?? "", body: body["body"]?.stringValue ?? "",
                to: body["to"]?.stringValue ?? "", from: body["from"]?.stringValue,
                mediaUrls: body["mediaUrls"]?.arrayValue?.compactMap(\.stringValue), metadata: metadata)
        } catch {
            if case .api(let api) = error {
                var fields = JSONObject([("error", .string(api.error))])
                fields.setIfPresent("success", api.success.map { .bool($0) })
                throw views.apiError(status: api.status, fields: fields)
            }
            throw error
        }
        var object = JSONObject([("success", .bool(response.success))])
        object.setIfPresent("id", response.id.map { .string($0) })
        object.setIfPresent("error", response.error.map { .string($0) })
        return .object(object)
    }
}

/// A free-form JSON object as a view object, members sorted (the view compares members by name).
enum FreeformObject {
    static func make(_ members: [String: FreeformJSON]) -> JSONObject {
        JSONObject(members.keys.sorted().map { ($0, ViewBuilder.value(members[$0] ?? .null)) })
    }
}
