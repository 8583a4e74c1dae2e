// libFuzzer target for the secret scanner CI runs over recordings/ (`SecretScanner.scan(bytes:file:)`),
// built and run by `.ci/fuzz.sh scan`. It compiles its NSRegularExpression rules on every call, so it
// runs about a hundred times slower than the other targets; `.ci/fuzz.sh` gives it FUZZ_SCAN_RUNS
// executions (default 100,000). A finding must point inside the input and never show a long secret whole.
import Cassettes

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).count
    for finding in SecretScanner.scan(bytes: bytes, file: "fuzz.json") {
        guard finding.line >= 1, finding.line <= lines, finding.column >= 1 else {
            fatalError("a finding outside the input: \(finding)")
        }
        _ = finding.description
    }
    return 0
}
