import ConformanceHarness
import Testing

@Suite struct InstantTests {
    @Test(
        "RFC 3339 text to milliseconds since the epoch",
        arguments: [
            ("1970-01-01T00:00:00Z", Int64(0)),
            ("2024-03-01T10:00:00.5+02:00", 1_709_280_000_500),
            ("2024-03-01T08:00:00.500Z", 1_709_280_000_500),
            ("2024-03-01T03:00:00.5-05:00", 1_709_280_000_500),
            ("2024-03-01T08:00:00.123456Z", 1_709_280_000_123),
            ("2024-02-29T23:59:59.999z", 1_709_251_199_999),
            ("1969-12-31T23:59:59.999Z", -1),
            ("2016-12-31T23:59:60Z", 1_483_228_799_000),
        ])
    func parses(text: String, milliseconds: Int64) {
        #expect(Instant.milliseconds(rfc3339: text) == milliseconds)
    }

    @Test(
        "text that is not an RFC 3339 date-time gives nil",
        arguments: [
            "2024-03-01T10:00:00", "2024-03-01 10:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-03-01T24:00:00Z", "2024-03-01T10:00:00.Z", "2024-03-01T10:00:00+0200", "1709280000500", "",
        ])
    func rejects(text: String) {
        #expect(Instant.milliseconds(rfc3339: text) == nil)
    }

    @Test(
        "milliseconds render back to the same instant",
        arguments: [Int64(0), 1_709_280_000_500, -1, 951_782_400_000, 4_102_444_800_001])
    func roundTrip(milliseconds: Int64) {
        let text = Instant.rfc3339(milliseconds: milliseconds)
        #expect(Instant.milliseconds(rfc3339: text) == milliseconds)
        #expect(text.hasSuffix("Z") && text.count == 24)
    }
}

@Suite struct SHA256Tests {
    @Test(
        "standard test vectors (FIPS 180-4 examples)",
        arguments: [
            ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            ),
        ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(input.utf8) == digest)
    }

    @Test("a million 'a's, fed in uneven pieces")
    func million() {
        var digest = SHA256()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            digest.update(repeatElement(UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 % 1000 + 1
        }
        #expect(digest.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
