import JSON
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let body = #"{"data":{"id":"AC3f5e2b1c9d8a7f6e5d4c3b2a19","to":["+15555550123"],"from":"+15555550199","text":"Hello, your appointment is confirmed for tomorrow at 10am.","phoneNumberId":"PN8c7b6a5f4e3d2c1b0a9f8e7d6c","direction":"outgoing","userId":"US1a2b3c4d5e6f7a8b9c0d1e2f3a","status":"delivered","createdAt":"2026-03-04T15:22:11.123Z","updatedAt":"2026-03-04T15:22:14.456Z"}}"#
var file: [UInt8] = []
var ranges: [Range<Int>] = []
for _ in 0..<100_000 {
    let s = file.count
    file.append(contentsOf: body.utf8)
    ranges.append(s..<file.count)
    file.append(10)
}
for round in 0..<3 {
    let t0 = now()
    var nodes = 0
    for r in ranges {
        let doc = try! JSONDocument.parse(file, range: r)
        nodes &+= doc.nodes.count
    }
    let t = now() - t0
    print("round \(round): \(ranges.count) docs, \(String(format: "%.1f", Double(file.count) / t / 1e6)) MB/s, \(nodes) nodes")
}
