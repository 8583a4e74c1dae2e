import Foundation
import HTTPTransport
import Testing

@Suite struct TimestampTests {
    /// Expected values computed independently (Python `datetime.fromisoformat`).
    static let instants: [(text: String, milliseconds: Int64)] = [
        ("2022-01-01T00:00:00Z", 1_640_995_200_000),
        ("2023-09-19T04:55:50.723Z", 1_695_099_350_723),
        ("2026-03-04T15:22:11.123Z", 1_772_637_731_123),
        ("2014-06-09T19:29:09Z", 1_402_342_149_000),
        ("2024-02-29T23:59:59.999Z", 1_709_251_199_999),
        ("0001-01-01T00:00:00Z", -62_135_596_800_000),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("0000-01-01T00:30:00+00:30", -62_167_219_200_000),
        ("9999-12-31T23:59:59.999Z", 253_402_300_799_999),
        ("1969-12-31T23:59:59.999Z", -1),
        ("1900-03-01T12:34:56.789Z", -2_203_845_903_211),
        // Offsets: the same instant written in other zones.
        ("2022-01-01T02:00:00+02:00", 1_640_995_200_000),
        ("2021-12-31T18:30:00-05:30", 1_640_995_200_000),
        ("2022-01-01T02:00:00+0200", 1_640_995_200_000),
        ("2021-12-31T18:30:00.000-0530", 1_640_995_200_000),
        ("2022-01-01T00:00:00-00:00", 1_640_995_200_000),
        ("2023-09-19T06:55:50.723+02:00", 1_695_099_350_723),
        ("2023-09-18T23:25:50.723-05:30", 1_695_099_350_723),
        ("2022-01-01t00:00:00z", 1_640_995_200_000),
        // Fractions of any length: kept to the millisecond, further digits dropped.
        ("2022-01-01T00:00:00.5Z", 1_640_995_200_500),
        ("2022-01-01T00:00:00.05Z", 1_640_995_200_050),
        ("2022-01-01T00:00:00.123456789Z", 1_640_995_200_123),
        ("2022-01-01T00:00:00.9999Z", 1_640_995_200_999),
        ("2022-01-01T00:00:00.000001+02:00", 1_640_988_000_000),
        // A leap second (only 23:59:60 UTC) reads as the last millisecond of 23:59:59.
        ("2016-12-31T23:59:60Z", 1_483_228_799_999),
        ("2016-12-31T23:59:60.5Z", 1_483_228_799_999),
        ("2017-01-01T00:59:60+01:00", 1_483_228_799_999),
        ("2016-12-31T18:29:60-05:30", 1_483_228_799_999),
    ]

    @Test("ISO 8601 text gives the exact instant", arguments: instants)
    func parsesInstants(_ instant: (text: String, milliseconds: Int64)) throws {
        let date = try Timestamp.parseISO8601(instant.text)
        #expect(epochMilliseconds(date) == instant.milliseconds)
        #expect(Timestamp.epochMilliseconds(of: date) == instant.milliseconds)
    }

    static let rejected: [(text: String, message: String)] = [
        ("2022-01-01T00:00:00", "missing the UTC offset (Z or ±HH:MM) at character 20"),
        ("2022-01-01T00:00:00.123", "missing the UTC offset (Z or ±HH:MM) at character 24"),
        ("2022-01-01", "missing the time (T…) after the date at character 11"),
        ("1640995200000", "expected \"-\" after the year at character 5"),
        ("", "empty string"),
        ("2022-13-01T00:00:00Z", "month 13 is not 1–12 at character 6"),
        ("2023-02-29T00:00:00Z", "day 29 is not 1–28 in 2023-02 at character 9"),
        ("2022-04-31T00:00:00Z", "day 31 is not 1–30 in 2022-04 at character 9"),
        ("2022-01-01T24:00:00Z", "hour 24 is not 00–23 at character 12"),
        ("2022-01-01T00:60:00Z", "minute 60 is not 00–59 at character 15"),
        ("2016-12-31T22:59:60Z", "leap second 60 is only valid at 23:59 UTC at character 18"),
        ("2016-12-31T23:59:60+01:00", "leap second 60 is only valid at 23:59 UTC at character 18"),
        ("2016-12-31T23:59:61Z", "second 61 is not 00–60 at character 18"),
        ("2022-01-01 00:00:00Z", "expected \"T\" between date and time at character 11"),
        ("2022-01-01T00:00:00.Z", "expected digits after \".\" at character 21"),
        ("2022-01-01T00:00:00+25:00", "offset hour 25 is not 00–23 at character 21"),
        ("2022-01-01T00:00:00+02:60", "offset minute 60 is not 00–59 at character 24"),
        ("2022-01-01T00:00:00+2", "expected offset hours at character 21"),
        ("2022-01-01T00:00:00ZZ", "unexpected text after the offset at character 21"),
        ("2022-01-01T00:00:00 Z", "expected the UTC offset (Z or ±HH:MM) at character 20"),
        ("0000-01-01T00:00:00+01:00", "the instant is outside years 0000–9999 UTC"),
        ("9999-12-31T23:59:59-01:00", "the instant is outside years 0000–9999 UTC"),
        ("22-01-01T00:00:00Z", "expected a four-digit year at character 1"),
        ("2022-1-01T00:00:00Z", "expected a two-digit month at character 6"),
    ]

    @Test("malformed or out-of-range ISO 8601 is refused with the place", arguments: rejected)
    func rejectsMalformed(_ rejection: (text: String, message: String)) {
        #expect(throws: TimestampError(message: rejection.message)) { try Timestamp.parseISO8601(rejection.text) }
    }

    @Test("epoch milliseconds round-trip exactly across the whole range")
    func epochRoundTrip() throws {
        var samples: [Int64] = [
            0, 1, -1, 999, -999, 1_562_611_073_426, 1_640_995_200_000, Int64(Int32.max) * 1000,
            Timestamp.minimumEpochMilliseconds, Timestamp.minimumEpochMilliseconds + 1,
            Timestamp.maximumEpochMilliseconds, Timestamp.maximumEpochMilliseconds - 1,
        ]
        // A fixed linear congruential sequence: deterministic, spread over the whole range.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        let span = UInt64(Timestamp.maximumEpochMilliseconds - Timestamp.minimumEpochMilliseconds)
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples.append(Timestamp.minimumEpochMilliseconds + Int64((state >> 11) % span))
        }
        var failures: [Int64] = []
        for milliseconds in samples {
            guard let date = Timestamp.date(epochMilliseconds: milliseconds) else {
                failures.append(milliseconds)
                continue
            }
            if epochMilliseconds(date) != milliseconds { failures.append(milliseconds) }
            // Through text and back: the formatter and the parser agree to the millisecond.
            guard let text = Timestamp.iso8601(date), let parsed = try? Timestamp.parseISO8601(text),
                epochMilliseconds(parsed) == milliseconds
            else {
                failures.append(milliseconds)
                continue
            }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5))")
    }

    @Test("epoch milliseconds outside years 0000–9999 are refused")
    func epochRange() {
        #expect(Timestamp.date(epochMilliseconds: Timestamp.minimumEpochMilliseconds - 1) == nil)
        #expect(Timestamp.date(epochMilliseconds: Timestamp.maximumEpochMilliseconds + 1) == nil)
        #expect(Timestamp.date(epochMilliseconds: .max) == nil)
        #expect(Timestamp.epochMilliseconds(of: Date(timeIntervalSince1970: 1e15)) == nil)
    }

    @Test("ISO 8601 formatting writes UTC with milliseconds")
    func formats() throws {
        let date = try #require(Timestamp.date(epochMilliseconds: 1_695_099_350_723))
        #expect(Timestamp.iso8601(date) == "2023-09-19T04:55:50.723Z")
        let early = try #require(Timestamp.date(epochMilliseconds: -2_203_845_903_211))
        #expect(Timestamp.iso8601(early) == "1900-03-01T12:34:56.789Z")
    }
}
