import BandwidthClient
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON

/// ``BandwidthClient`` under the harness: `getMessage` (v1, basic auth).
struct BandwidthAdapter: ConformanceAdapter {
    var fault: ClientFault?
    var name: String { "BandwidthClient" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["getMessage"] }

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let views = ViewBuilder(fault: fault)
        let client = BandwidthClient(
            userId: call.parameter("userId") ?? "", apiToken: "conformance-token", apiSecret: "conformance-secret",
            transport: FaultyTransport.wrapping(transport, fault: fault))
        let message: BandwidthMessage
        do {
            message = try await client.message(id: call.parameter("messageId") ?? "")
        } catch {
            if case .api(let api) = error {
                var fields = JSONObject([
                    ("category", .string(api.category)), ("code", .string(api.code)), ("message", .string(api.message)),
                ])
                fields.setIfPresent(
                    "details",
                    api.details.map { list in
                        .array(
                            list.map {
                                .object(JSONObject([("name", .string($0.name)), ("value", .string($0.value))]))
                            })
                    })
                throw views.apiError(status: api.status, fields: fields)
            }
            throw error
        }
        var object = JSONObject([
            ("id", .string(message.id.rawValue)), ("from", .string(message.from)), ("to", .string(message.to)),
            ("direction", views.enumeration(message.direction)),
        ])
        object.setIfPresent("text", message.text.map { .string($0) })
        object.setIfPresent("media", message.media.map { .array($0.map { .string($0) }) })
        object["state"] = views.enumeration(message.state)
        object["time"] = views.iso(message.time)
        object.setIfPresent("callbackUrl", message.callbackUrl.map { .string($0) })
        object.setIfPresent("callbackTimeout", message.callbackTimeout.map { .integer($0) })
        object.setIfPresent("fallbackUrl", message.fallbackUrl.map { .string($0) })
        object.setIfPresent("tag", message.tag.map { .string($0) })
        object.setIfPresent("receiptRequested", message.receiptRequested.map { views.enumeration($0) })
        object.setIfPresent("deliveryState", message.deliveryState.map { views.enumeration($0) })
        object.setIfPresent(
            "deliveryCode",
            message.deliveryCode.map {
                $0.isString
                    ? .string($0.rawValue)
                    : (JSONNumber(literal: $0.rawValue).map { .number($0) } ?? .string($0.rawValue))
            })
        object.setIfPresent("deliveryDescription", message.deliveryDescription.map { .string($0) })
        object.setIfPresent("skipMMSCarrierValidation", message.skipMMSCarrierValidation.map { .bool($0) })
        return .object(object)
    }
}
