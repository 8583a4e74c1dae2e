import Foundation

/// Provider timestamps read to the exact millisecond: ISO 8601 / RFC 3339 text and Unix-epoch
/// milliseconds.
///
/// Every `Date` made here is built from a whole number of milliseconds, so
/// `(date.timeIntervalSince1970 * 1000).rounded()` gives that number back exactly
/// (``epochMilliseconds(of:)`` does it for you).
public enum Timestamp {
    /// `0000-01-01T00:00:00.000Z`, the earliest instant accepted.
    public static let minimumEpochMilliseconds: Int64 = -62_167_219_200_000
    /// `9999-12-31T23:59:59.999Z`, the latest instant accepted.
    public static let maximumEpochMilliseconds: Int64 = 253_402_300_799_999

    /// Milliseconds between 1970-01-01 and 2001-01-01, Foundation's reference date.
    static let referenceOffsetMilliseconds: Int64 = 978_307_200_000

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z, or nil outside years 0000–9999.
    public static func date(epochMilliseconds milliseconds: Int64) -> Date? {
        guard (minimumEpochMilliseconds...maximumEpochMilliseconds).contains(milliseconds) else { return nil }
        return exactDate(milliseconds)
    }

    /// The date's Unix-epoch milliseconds, rounded to the nearest millisecond; nil for a date
    /// outside years 0000–9999 (or not finite).
    public static func epochMilliseconds(of date: Date) -> Int64? {
        let value = (date.timeIntervalSince1970 * 1000).rounded()
        guard value.isFinite, value >= Double(minimumEpochMilliseconds), value <= Double(maximumEpochMilliseconds)
        else {
            return nil
        }
        return Int64(value)
    }

    /// Reads an RFC 3339 date-time (the ISO 8601 profile the providers use): `2022-01-01T00:00:00Z`,
    /// `2023-09-19T04:55:50.723Z`, `2024-02-29T23:59:59.5+02:00`, `…-0530`.
    ///
    /// - A fraction of any length is kept to the millisecond; digits past the third are dropped
    ///   (truncated, as JavaScript and Java do), never rounded into the next second.
    /// - The offset is required: `Z`, `z`, `±HH:MM` or `±HHMM`. `T` may be lower case.
    /// - Month, day (leap years included), hour, minute, second and offset ranges are checked. A leap
    ///   second is accepted only as 23:59:60 UTC (as RFC 3339 and the contracts' `date-time` format
    ///   allow); `Date` has no such instant, so it reads as 23:59:59.999 UTC.
    /// - Epoch numbers, dates without a time, local times and instants outside years 0000–9999 UTC
    ///   (`0000-01-01T00:00:00+01:00`) are errors.
    public static func parseISO8601(_ text: String) throws(TimestampError) -> Date {
        var scanner = ISO8601Scanner(bytes: Array(text.utf8))
        return exactDate(try scanner.epochMilliseconds())
    }

    /// `2022-01-01T00:00:00.000Z`: the instant in UTC with milliseconds; nil outside years 0000–9999.
    public static func iso8601(_ date: Date) -> String? {
        guard let milliseconds = epochMilliseconds(of: date) else { return nil }
        let days = floorDivide(milliseconds, 86_400_000)
        let inDay = milliseconds - days * 86_400_000
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(inDay / 3_600_000, 2)):"
            + "\(pad(inDay / 60_000 % 60, 2)):\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))Z"
    }

    /// A date from whole milliseconds with a single rounding step (the integer subtraction is exact
    /// for every accepted value, and so is the conversion to `Double`, below 2^53).
    static func exactDate(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(milliseconds - referenceOffsetMilliseconds) / 1000)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Why a timestamp could not be read: one line, naming the character where reading stopped.
public struct TimestampError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong (`missing the UTC offset (Z or ±HH:MM) at character 20`).
    public var message: String
    /// An error saying `message`.
    public init(message: String) { self.message = message }
    /// One line, for logs and test failures.
    public var description: String { message }
}
