import BandwidthClient
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON

/// ``BandwidthClient`` under the harness: `getMessage` and `sendMessages` (v1, basic auth); a recorded
/// body that is one message object is a single send (201, the view null), an array a multiple send.
struct BandwidthAdapter: ConformanceAdapter {
    var fault: ClientFault?
    var name: String { "BandwidthClient" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["getMessage", "sendMessages"] }

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        let views = ViewBuilder(fault: fault)
        let client = BandwidthClient(
            userId: call.parameter("userId") ?? "", apiToken: "conformance-token", apiSecret: "conformance-secret",
            transport: FaultyTransport.wrapping(transport, fault: fault))
        if call.operationId == "sendMessages" {
            return try await send(call.body ?? .null, client: client, views: views)
        }
        let message: BandwidthMessage
        do {
            message = try await client.message(id: call.parameter("messageId") ?? "")
        } catch {
            throw surfaced(error, views)
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

    /// Sends what the recorded body holds: one message (the view of a 201 is null) or an array
    /// (the view is the results, as the 202 body names them).
    func send(_ body: JSONValue, client: BandwidthClient, views: ViewBuilder) async throws -> JSONValue {
        do {
            guard let items = body.arrayValue else {
                _ = try await client.send(Self.outgoing(body))
                return .null
            }
            let results = try await client.send(items.map(Self.outgoing))
            return .array(
                results.map { result in
                    var object = JSONObject([("result", views.enumeration(result.result))])
                    object.setIfPresent("location", result.location.map { .string($0) })
                    object.setIfPresent(
                        "error",
                        result.error.map {
                            .object(
                                Self.errorFields(
                                    category: $0.category, code: $0.code, message: $0.message, details: $0.details))
                        })
                    return .object(object)
                })
        } catch {
            throw surfaced(error, views)
        }
    }

    static func outgoing(_ value: JSONValue) -> BandwidthOutgoingMessage {
        let media: [String]? =
            value["media"].map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue ?? ""] }
        return BandwidthOutgoingMessage(
            from: value["from"]?.stringValue ?? "", to: value["to"]?.stringValue ?? "",
            text: value["text"]?.stringValue ?? "", media: media,
            receiptRequested: value["receiptRequested"]?.stringValue.map { BandwidthReceiptOption(rawValue: $0) },
            callbackUrl: value["callbackUrl"]?.stringValue,
            callbackHttpMethod: value["callbackHttpMethod"]?.stringValue.map { BandwidthCallbackMethod(rawValue: $0) },
            // The page's curl examples send the timeout as a digit string, its SDK examples as a number.
            callbackTimeout: value["callbackTimeout"].flatMap { $0.stringValue ?? ($0.numberValue?.literal) }.flatMap {
                Int($0)
            },
            fallbackUrl: value["fallbackUrl"]?.stringValue, tag: value["tag"]?.stringValue)
    }

    /// A documented error as the harness's API error; anything else as thrown.
    func surfaced(_ error: BandwidthError, _ views: ViewBuilder) -> any Error {
        guard case .api(let api) = error else { return error }
        return views.apiError(
            status: api.status,
            fields: Self.errorFields(category: api.category, code: api.code, message: api.message, details: api.details)
        )
    }

    static func errorFields(category: String, code: String, message: String, details: [BandwidthErrorDetail]?)
        -> JSONObject
    {
        var fields = JSONObject([
            ("category", .string(category)), ("code", .string(code)), ("message", .string(message)),
        ])
        fields.setIfPresent(
            "details",
            details.map { list in
                .array(list.map { .object(JSONObject([("name", .string($0.name)), ("value", .string($0.value))])) })
            })
        return fields
    }
}
