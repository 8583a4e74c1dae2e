import Cassettes
import Dispatch
import Foundation
import HTTPTransport
import ReplayServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `conformance serve` speed: `connections` keep-alive clients on loopback, each sending
/// `requestsPerConnection` GETs one after another on its own socket (one thread each); prints
/// requests/s and per-request latency (p50, p99). Each request has its own interaction in one
/// cassette, so the numbers include ReplayTransport's matching (a linear scan of the cassette),
/// which dominates as the cassette grows: keep connections × requests near a real suite's size.
enum ServeBenchmark {
    static func run(connections: Int = 8, requestsPerConnection: Int = 250) throws {
        let body = Array(#"{"data":{"id":"AC3f5e2b1c9d8a7f6e5d4c3b2a19","status":"delivered","to":["+15555550123"]}}"#.utf8)
        var interactions: [Cassette.Interaction] = []
        for client in 0..<connections {
            for index in 0..<requestsPerConnection {
                interactions.append(
                    Cassette.Interaction(
                        request: HTTPRequest(url: URL(string: "https://api.openphone.com/v1/messages/AC\(client)x\(index)")!),
                        response: HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: body)))
            }
        }
        let cassette = Cassette(operationId: "getMessageById_v1", provenance: .init(kind: .documented, source: "benchmark"), interactions: interactions)
        let server = ReplayServer(cassettes: [ReplayTransport(cassette: cassette, file: "bench.json")])
        let port = try server.start()
        defer { server.stop() }
        final class Results: @unchecked Sendable {
            // Safety: appended to by the client threads only under `lock`, read after they all finished.
            let lock = NSLock()
            var samples: [Double] = []
            var failures = 0
        }
        let results = Results()
        let group = DispatchGroup()
        let start = seconds()
        for client in 0..<connections {
            group.enter()
            Thread.detachNewThread {
                let (latencies, failed) = Self.client(port: port, client: client, count: requestsPerConnection)
                results.lock.withLock {
                    results.samples += latencies
                    results.failures += failed
                }
                group.leave()
            }
        }
        group.wait()
        let elapsed = seconds() - start
        let samples = results.samples
        let failures = results.failures
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
        print(
            String(
                format: "serve:        %d keep-alive connections × %d requests: %.0f requests/s, p50 %.0f µs, p99 %.0f µs (%d failed)",
                connections, requestsPerConnection, Double(samples.count) / elapsed, percentile(0.5) * 1e6, percentile(0.99) * 1e6,
                failures))
    }

    private static func seconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    /// One persistent connection sending `count` requests in turn; the latency of each, and how many failed.
    private static func client(port: UInt16, client: Int, count: Int) -> ([Double], Int) {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return ([], count) }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var latencies: [Double] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let separator = Array("\r\n\r\n".utf8)
        for index in 0..<count {
            let request = Array("GET /v1/messages/AC\(client)x\(index) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer k\r\n\r\n".utf8)
            let t0 = seconds()
            guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else { return (latencies, count - index) }
            var received: [UInt8] = []
            var complete = false
            while !complete {
                let n = recv(fd, &buffer, buffer.count, 0)
                guard n > 0 else { return (latencies, count - index) }
                received += buffer[0..<n]
                if let end = received.firstRange(of: separator)?.upperBound {
                    let head = String(decoding: received[0..<end], as: UTF8.self).lowercased()
                    let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                        .flatMap { Int($0.dropFirst(15).trimmingCharacters(in: .whitespaces)) } ?? 0
                    complete = received.count >= end + length
                    if complete && !head.hasPrefix("http/1.1 200") { return (latencies, count - index) }
                }
            }
            latencies.append(seconds() - t0)
        }
        return (latencies, 0)
    }
}
