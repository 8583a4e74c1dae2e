import Cassettes
import ConformanceHarness
import Foundation
import HTTPTransport
import JSON

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A client written the way an ordinary team writes one: URLSession, synthesized Codable models
/// named as the contract names them, `Date`s through a custom ISO 8601 strategy that keeps fractions.
struct CodableOpenPhone {
    struct Message: Codable, Sendable {
        enum Direction: String, Codable, Sendable { case incoming, outgoing }
        var id: String
        var to: [String]
        var from: String
        var text: String
        var phoneNumberId: String?
        var direction: Direction
        var userId: String?
        var status: String
        var createdAt: Date
        var updatedAt: Date
    }
    struct Envelope: Codable, Sendable { var data: Message }
    struct ErrorBody: Codable, Sendable, Error {
        var message: String
        var code: String
        var status: Int
        var title: String
        var docs: String
        var description: String?
        var trace: String?
    }
    struct Failure: Error {
        var status: Int
        var body: ErrorBody
    }

    let session: URLSession
    let key: String
    /// Deliberate defect for tests: read timestamps without their fractional seconds.
    var dropsFractions = false

    func message(id: String) async throws -> Message {
        var request = URLRequest(url: URL(string: "https://api.openphone.com/v1/messages/\(id)")!)
        request.setValue(key, forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let decoder = JSONDecoder()
        let dropsFractions = dropsFractions
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            if !dropsFractions, let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime]
            let whole = text.replacingOccurrences(of: #"\.\d+"#, with: "", options: .regularExpression)
            guard let date = formatter.date(from: whole) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "bad date \(text)"))
            }
            return date
        }
        guard status == 200 else { throw Failure(status: status, body: try decoder.decode(ErrorBody.self, from: data)) }
        return try decoder.decode(Envelope.self, from: data).data
    }
}

/// Its adapter: the call and the error mapping, nothing else.
struct CodableOpenPhoneAdapter: ConformanceAdapter {
    var name: String { "CodableOpenPhone" }
    var version: String { "1.0.0" }
    var operations: Set<String> { ["getMessageById_v1"] }
    var viewOmitsNulls: Bool { true }
    var dropsFractions = false

    func perform(_ call: ConformanceCall, transport: any HTTPTransport) async throws -> JSONValue {
        try await ReplayURLProtocol.withConfiguration(replaying: transport) { configuration in
            let client = CodableOpenPhone(
                session: URLSession(configuration: configuration), key: "test-key", dropsFractions: dropsFractions)
            do {
                return try JSONValue(encoding: ["data": try await client.message(id: call.parameter("id") ?? "")])
            } catch let failure as CodableOpenPhone.Failure {
                throw try ClientAPIError(status: failure.status, encoding: failure.body)
            }
        }
    }
}
