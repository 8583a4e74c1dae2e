import Cassettes
import Foundation
import HTTPTransport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Replay speed: the in-process transport per request, and URLSession through the replaying
/// URLProtocol against a bare URLProtocol that returns a constant response, measured in one run.
enum ReplayBenchmark {
    static func run(requests: Int) throws {
        let body = Array(#"{"data":{"id":"AC3f5e2b1c9d8a7f6e5d4c3b2a19","status":"delivered","to":["+15555550123"]}}"#.utf8)
        let interactions = (0..<10).map { index in
            Cassette.Interaction(
                request: HTTPRequest(url: URL(string: "https://api.openphone.com/v1/messages/AC\(index)?page=\(index)&limit=10")!, headers: ["Authorization": "<redacted:authorization>"]),
                response: HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body))
        }
        let cassette = Cassette(operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "benchmark"), interactions: interactions)
        let requests10 = interactions.map { HTTPRequest(url: URL(string: $0.request.url.absoluteString.replacingOccurrences(of: "page=", with: "limit=10&page=").replacingOccurrences(of: "&limit=10", with: "", options: [.backwards]))!, headers: ["Authorization": "live-key"]) }

        // In-process: every request matched against the cassette (a fresh transport per 10 requests).
        var samples: [Double] = []
        samples.reserveCapacity(requests)
        var transport = ReplayTransport(cassette: cassette, file: "bench.json")
        for i in 0..<requests {
            if i % 10 == 0 { transport = ReplayTransport(cassette: cassette, file: "bench.json") }
            let t0 = now()
            _ = try transport.replay(requests10[i % 10])
            samples.append(now() - t0)
        }
        print(String(format: "replay:       in-process ReplayTransport: median %.2f µs, p99 %.2f µs per request (%d requests, query order differs from the recording)",
            percentile(samples, 0.5) * 1e6, percentile(samples, 0.99) * 1e6, requests))

        // URLSession + the replaying URLProtocol vs a bare URLProtocol with a constant response.
        let count = min(requests, 3_000)
        let constant = URLSessionConfiguration.ephemeral
        constant.protocolClasses = [ConstantURLProtocol.self]
        let bare = try timeSession(URLSession(configuration: constant), count: count, url: requests10[0].url)
        let repeated = Cassette(operationId: cassette.operationId, provenance: cassette.provenance, interactions: Array(repeating: cassette.interactions[0], count: count))
        let configuration = try ReplayURLProtocol.configuration(replaying: ReplayTransport(cassette: repeated, file: "bench.json"))
        defer { ReplayURLProtocol.release(configuration) }
        let replayed = try timeSession(URLSession(configuration: configuration), count: count, url: requests10[0].url)
        print(String(format: "              URLSession + ReplayURLProtocol: median %.1f µs; bare URLProtocol with a constant response: median %.1f µs; ratio %.2f× (%d requests each)",
            replayed * 1e6, bare * 1e6, replayed / bare, count))
    }

    /// Median seconds per request through `session`, one request at a time.
    static func timeSession(_ session: URLSession, count: Int, url: URL) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<count {
            let semaphore = DispatchSemaphore(value: 0)
            let t0 = now()
            session.dataTask(with: URLRequest(url: url)) { _, _, _ in semaphore.signal() }.resume()
            semaphore.wait()
            samples.append(now() - t0)
        }
        return percentile(samples, 0.5)
    }

    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }
}

/// The baseline: a URLProtocol that answers every request with the same bytes.
private final class ConstantURLProtocol: URLProtocol {
    static let body = Data(#"{"data":{"id":"AC3f5e2b1c9d8a7f6e5d4c3b2a19","status":"delivered","to":["+15555550123"]}}"#.utf8)
    override class func canInit(with request: URLRequest) -> Bool { true }
    override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }
    override func startLoading() {
        let response = HTTPURLResponse(url: request.url!, statusCode: 200, httpVersion: "HTTP/1.1", headerFields: ["Content-Type": "application/json"])!
        client?.urlProtocol(self, didReceive: response, cacheStoragePolicy: .notAllowed)
        client?.urlProtocol(self, didLoad: ConstantURLProtocol.body)
        client?.urlProtocolDidFinishLoading(self)
    }
    override func stopLoading() {}
}
