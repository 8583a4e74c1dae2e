import ConformanceHarness
import Foundation
import HTTPTransport
import JSON

/// Turns a bundled client's typed values into the harness's normalized view, applying the
/// adapter's deliberate defect, if any, at the place a real client would have it.
struct ViewBuilder: Sendable {
    let fault: ClientFault?

    /// A millisecond-epoch instant (Courier).
    func epoch(_ date: Date) -> JSONValue {
        if fault == .millisecondsAsSeconds {
            // The client took the integer for seconds: the instant is 1000 times further from the epoch.
            return .milliseconds(Date(timeIntervalSince1970: date.timeIntervalSince1970 * 1000))
        }
        return .milliseconds(date)
    }

    /// An ISO 8601 instant.
    func iso(_ date: Date) -> JSONValue {
        if fault == .dropsFractions {
            return .milliseconds(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        }
        return .milliseconds(date)
    }

    /// An enum's raw value; the crashing defect traps on a value outside the documented set.
    func enumeration<Value: ExtensibleEnum>(_ value: Value) -> JSONValue {
        if fault == .crashesOnUnknownEnum, !value.isDocumented {
            fatalError("unexpected enum value \"\(value.rawValue)\" for \(Value.self)")
        }
        if fault == .hangsOnUnknownEnum, !value.isDocumented {
            // Blocks its thread for good, as a client stuck in a retry loop would: only a process
            // boundary (verify's workers) or an abandoned task gets the run past it.
            while true { Thread.sleep(forTimeInterval: 3600) }
        }
        return .string(value.rawValue)
    }

    /// A nullable member: `null` for nil; the requires-nullable defect rejects it instead.
    func nullable(_ value: JSONValue?, field: String) throws -> JSONValue {
        guard let value else {
            if fault == .requiresNullable { throw DefectError(message: "\(field) is required but was null") }
            return .null
        }
        return value
    }

    /// A documented API error; the ignoring defect keeps only the status.
    func apiError(status: Int, fields: JSONObject) -> ClientAPIError {
        ClientAPIError(status: status, fields: .object(fault == .ignoresErrorBodies ? JSONObject() : fields))
    }

    /// Free-form JSON as a value.
    static func value(_ json: FreeformJSON) -> JSONValue {
        switch json {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number):
            number.rounded() == number && abs(number) < 9e15 ? .integer(Int64(number)) : .number(JSONNumber(number))
        case .string(let text): .string(text)
        case .array(let items): .array(items.map(value))
        case .object(let members): .object(JSONObject(members.keys.sorted().map { ($0, value(members[$0] ?? .null)) }))
        }
    }
}

/// What a defective adapter throws where a real client with that defect would.
struct DefectError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension JSONObject {
    /// Sets `key` when `value` is not nil (an absent optional stays absent).
    mutating func setIfPresent(_ key: String, _ value: JSONValue?) {
        if let value { self[key] = value }
    }
}
