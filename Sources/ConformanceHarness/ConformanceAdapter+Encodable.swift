import Foundation
import JSON

extension JSONValue {
    /// The normalized view of an `Encodable` model: what a client whose models are `Codable` (and
    /// name their members as the contract does) returns from
    /// ``ConformanceAdapter/perform(_:transport:)`` without mapping by hand.
    ///
    /// `Date`s become integer milliseconds since the Unix epoch (rounded), as the view requires;
    /// everything else is encoded as the model's own `Encodable` conformance says (enums as their raw
    /// values, `URL`s as strings). A nil optional is left out, because synthesized `Encodable` cannot
    /// write null: set ``ConformanceAdapter/viewOmitsNulls`` so an absent member stands for null. A
    /// `T??` member keeps absent (outer nil) and null (inner nil) apart.
    ///
    /// ```swift
    /// return try JSONValue(encoding: ["data": message])   // the contract's {"data": {...}} envelope
    /// ```
    public init(encoding value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        }
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        self = try JSONDocument.parse([UInt8](data)).value()
    }
}

extension ClientAPIError {
    /// A documented error whose fields come from the client's `Encodable` error body (see
    /// ``JSON/JSONValue/init(encoding:)``): `throw try ClientAPIError(status: 404, encoding: error.body)`.
    public init(status: Int, encoding body: some Encodable) throws {
        self.init(status: status, fields: try JSONValue(encoding: body))
    }
}
