import Cassettes
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON
import PlainOpenPhone

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// PlainOpenPhone under Conformance: the call and the error mapping. The view is the client's own
/// `Codable` model, encoded (`Date`s become epoch milliseconds; nil optionals are left out, hence
/// `viewOmitsNulls`).
public struct PlainOpenPhoneAdapter: ConformanceAdapter {
    public var name: String { "PlainOpenPhone" }
    public var version: String { "1.0.0" }
    public var operations: Set<String> { ["getMessageById_v1"] }
    public var viewOmitsNulls: Bool { true }
    public var dropsFractions = false

    public init(dropsFractions: Bool = false) { self.dropsFractions = dropsFractions }

    public func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        try await ReplayURLProtocol.withConfiguration(replaying: transport) { configuration in
            var client = PlainOpenPhone(session: URLSession(configuration: configuration), apiKey: "test-key")
            client.dropsFractions = dropsFractions
            do {
                return try JSONValue(encoding: ["data": try await client.message(id: call.parameter("id") ?? "")])
            } catch PlainOpenPhoneError.api(let status, let body) {
                throw try ClientAPIError(status: status, encoding: body)
            }
        }
    }
}
