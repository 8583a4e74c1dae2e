import Foundation

/// Field readers for models: timestamps, whole numbers and the four shapes a field can have
/// (required, required but nullable, optional, optional and nullable), each throwing a
/// `DecodingError` at the field's own coding path (so ``ResponseDecodingError`` names it).
///
/// `…IfPresent` readers are strict about `null`: a field the contract does not make nullable may be
/// absent (nil) but not `null` (an error), unlike Foundation's `decodeIfPresent`, which reads `null`
/// as absent.
extension KeyedDecodingContainer {
    /// An optional field that may not be `null`: nil when the key is absent; `null` is an error
    /// (`expected a string, got null`).
    public func decodeOptional<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        guard contains(key) else { return nil }
        return try decode(Value.self, forKey: key)
    }

    /// A required field that may be `null`: a missing key is an error (`missing required field`),
    /// `null` is nil.
    public func decodeNullable<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value? {
        try decode(Value?.self, forKey: key)
    }

    /// An optional field that may be `null`, keeping the two apart: nil when the key is absent,
    /// `.some(nil)` when it is `null`.
    public func decodeNullableIfPresent<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value?? {
        guard contains(key) else { return nil }
        return .some(try decode(Value?.self, forKey: key))
    }

    // MARK: Whole numbers

    /// A JSON number without a fraction part (`3`, `3.0`, `3e0`) within ±2^53, where every integer
    /// is exact. A fraction, a string or anything else is an error at this field.
    public func decodeInteger(forKey key: Key) throws -> Int64 {
        let value: Double
        do {
            value = try decode(Double.self, forKey: key)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int64.self, context)
        } catch DecodingError.valueNotFound(_, let context) {
            throw DecodingError.valueNotFound(Int64.self, context)
        }
        guard value.isFinite, value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected an integer, got \(FreeformJSON.number(value))")
        }
        return Int64(value)
    }

    /// ``decodeInteger(forKey:)`` for an optional field: nil when absent; `null` is an error.
    public func decodeIntegerIfPresent(forKey key: Key) throws -> Int64? {
        guard contains(key) else { return nil }
        return try decodeInteger(forKey: key)
    }

    // MARK: ISO 8601 timestamps

    /// An RFC 3339 date-time string (``Timestamp/parseISO8601(_:)``), required and not null.
    public func decodeISO8601(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        do {
            return try Timestamp.parseISO8601(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an ISO 8601 date-time, got \(FreeformJSON.quoted(text)): \(error.message)")
        }
    }

    /// An optional ISO 8601 field: nil when absent; `null` is an error.
    public func decodeISO8601IfPresent(forKey key: Key) throws -> Date? {
        guard contains(key) else { return nil }
        return try decodeISO8601(forKey: key)
    }

    /// A required ISO 8601 field that may be `null`.
    public func decodeNullableISO8601(forKey key: Key) throws -> Date? {
        guard try !decodeNil(forKey: key) else { return nil }
        return try decodeISO8601(forKey: key)
    }

    /// An optional ISO 8601 field that may be `null`: nil when absent, `.some(nil)` when `null`.
    public func decodeNullableISO8601IfPresent(forKey key: Key) throws -> Date?? {
        guard contains(key) else { return nil }
        return .some(try decodeNullableISO8601(forKey: key))
    }

    // MARK: Epoch milliseconds

    /// Unix-epoch milliseconds as a JSON integer (Courier's `enqueued`): a string, a fraction or a
    /// value outside years 0000–9999 is an error at this field.
    public func decodeEpochMilliseconds(forKey key: Key) throws -> Date {
        let milliseconds: Int64
        do {
            milliseconds = try decodeInteger(forKey: key)
        } catch DecodingError.dataCorrupted(let context) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: context.codingPath,
                    debugDescription: context.debugDescription.replacingOccurrences(
                        of: "expected an integer", with: "expected an integer number of milliseconds")))
        }
        guard let date = Timestamp.date(epochMilliseconds: milliseconds) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "epoch milliseconds \(milliseconds) are outside years 0000–9999")
        }
        return date
    }

    /// An optional epoch-milliseconds field: nil when absent; `null` is an error.
    public func decodeEpochMillisecondsIfPresent(forKey key: Key) throws -> Date? {
        guard contains(key) else { return nil }
        return try decodeEpochMilliseconds(forKey: key)
    }
}
