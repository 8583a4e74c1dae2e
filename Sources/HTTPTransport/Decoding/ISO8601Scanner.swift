/// A byte-level reader of one RFC 3339 date-time, producing Unix-epoch milliseconds.
struct ISO8601Scanner {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func epochMilliseconds() throws(TimestampError) -> Int64 {
        guard !bytes.isEmpty else { throw TimestampError(message: "empty string") }
        let year = try number(digits: 4, "a four-digit year")
        try expect(UInt8(ascii: "-"), "\"-\" after the year")
        let month = try number(digits: 2, "a two-digit month")
        guard (1...12).contains(month) else { throw failure("month \(month) is not 1–12", at: index - 2) }
        try expect(UInt8(ascii: "-"), "\"-\" after the month")
        let day = try number(digits: 2, "a two-digit day")
        let monthDays = Timestamp.daysInMonth(year: year, month: month)
        guard (1...monthDays).contains(day) else {
            throw failure(
                "day \(day) is not 1–\(monthDays) in \(Self.pad(year, 4))-\(Self.pad(month, 2))", at: index - 2)
        }
        guard index < bytes.count else { throw failure("missing the time (T…) after the date", at: index) }
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") else {
            throw failure("expected \"T\" between date and time", at: index)
        }
        index += 1
        let hour = try number(digits: 2, "a two-digit hour")
        guard hour <= 23 else { throw failure("hour \(hour) is not 00–23", at: index - 2) }
        try expect(UInt8(ascii: ":"), "\":\" after the hour")
        let minute = try number(digits: 2, "two-digit minutes")
        guard minute <= 59 else { throw failure("minute \(minute) is not 00–59", at: index - 2) }
        try expect(UInt8(ascii: ":"), "\":\" after the minutes")
        let second = try number(digits: 2, "two-digit seconds")
        guard second <= 60 else { throw failure("second \(second) is not 00–60", at: index - 2) }
        let secondPosition = index - 2
        let milliseconds = try fraction()
        let offset = try offsetMilliseconds()
        guard index == bytes.count else { throw failure("unexpected text after the offset", at: index) }
        let instant = try utcMilliseconds(
            days: Timestamp.days(year: year, month: month, day: day), minute: hour * 60 + minute, second: second,
            milliseconds: milliseconds, offset: offset, secondPosition: secondPosition)
        guard (Timestamp.minimumEpochMilliseconds...Timestamp.maximumEpochMilliseconds).contains(instant) else {
            throw TimestampError(message: "the instant is outside years 0000–9999 UTC")
        }
        return instant
    }

    /// The UTC instant of a local day, minute and second at `offset`; a leap second is checked here.
    func utcMilliseconds(
        days: Int64, minute localMinute: Int64, second: Int64, milliseconds: Int64, offset: Int64,
        secondPosition: Int
    ) throws(TimestampError) -> Int64 {
        if second == 60 {
            // RFC 3339 allows a leap second only as 23:59:60 UTC. `Date` has no such instant: it
            // reads as the last millisecond of 23:59:59, so order is kept and the day does not change.
            let utcMinute = Timestamp.floorDivide(localMinute * 60_000 - offset, 60_000)
            guard (utcMinute % 1440 + 1440) % 1440 == 1439 else {
                throw failure("leap second 60 is only valid at 23:59 UTC", at: secondPosition)
            }
            return days * 86_400_000 + localMinute * 60_000 + 59_999 - offset
        }
        return days * 86_400_000 + localMinute * 60_000 + second * 1000 + milliseconds - offset
    }

    /// `.5` → 500, `.123456` → 123 (digits past milliseconds are dropped); none → 0.
    mutating func fraction() throws(TimestampError) -> Int64 {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return 0 }
        index += 1
        var value: Int64 = 0
        var count = 0
        while index < bytes.count, let digit = Self.digit(bytes[index]) {
            if count < 3 { value = value * 10 + digit }
            count += 1
            index += 1
        }
        guard count > 0 else { throw failure("expected digits after \".\"", at: index) }
        for _ in count..<max(count, 3) { value *= 10 }
        return value
    }

    /// `Z`/`z` → 0; `+02:00` → 7 200 000; `-0530` → −19 800 000.
    mutating func offsetMilliseconds() throws(TimestampError) -> Int64 {
        guard index < bytes.count else {
            throw failure("missing the UTC offset (Z or ±HH:MM)", at: index)
        }
        let sign = bytes[index]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            index += 1
            return 0
        }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            throw failure("expected the UTC offset (Z or ±HH:MM)", at: index)
        }
        index += 1
        let hours = try number(digits: 2, "offset hours")
        guard hours <= 23 else { throw failure("offset hour \(hours) is not 00–23", at: index - 2) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") { index += 1 }
        let minutes = try number(digits: 2, "offset minutes")
        guard minutes <= 59 else { throw failure("offset minute \(minutes) is not 00–59", at: index - 2) }
        let magnitude = hours * 3_600_000 + minutes * 60_000
        return sign == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    mutating func number(digits count: Int, _ what: String) throws(TimestampError) -> Int64 {
        var value: Int64 = 0
        for offset in 0..<count {
            guard index < bytes.count, let digit = Self.digit(bytes[index]) else {
                throw failure("expected \(what)", at: index - offset)
            }
            value = value * 10 + digit
            index += 1
        }
        return value
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(TimestampError) {
        guard index < bytes.count, bytes[index] == byte else { throw failure("expected \(what)", at: index) }
        index += 1
    }

    /// Positions are 1-based characters, as a person counts them (the text is ASCII up to here).
    func failure(_ reason: String, at position: Int) -> TimestampError {
        TimestampError(message: "\(reason) at character \(position + 1)")
    }

    static func digit(_ byte: UInt8) -> Int64? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int64(byte - UInt8(ascii: "0")) : nil
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
