import Foundation
import HTTPTransport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Replays cassettes for unmodified `URLSession` clients.
///
/// Inject the configuration this returns into the client's session:
/// ```swift
/// let configuration = try ReplayURLProtocol.configuration(replaying: try ReplayTransport(path: "…/not-found.json"))
/// defer { ReplayURLProtocol.release(configuration) }
/// let client = SomeSDK(session: URLSession(configuration: configuration))
/// ```
/// A protocol class registered globally (`URLProtocol.registerClass`) is ignored by sessions made
/// from new configurations on Linux, so the class is set on the configuration itself. Requests do
/// not carry the session's additional headers when a protocol is chosen, so each configuration gets
/// its own protocol class (one of 32 slots): parallel tests replay their own cassettes, and a
/// session made from such a configuration never reaches the network.
public class ReplayURLProtocol: URLProtocol {
    // Safety: URLProtocol instances are driven by their session; the shared slot table is only
    // touched under `registryLock`.
    nonisolated(unsafe) private static var registry: [Int: any HTTPTransport] = [:]
    private static let registryLock = NSLock()
    class var slot: Int { -1 }

    /// A configuration whose sessions answer every request from `transport`.
    /// Throws when 32 replaying configurations are alive at once (release them when done).
    public static func configuration(replaying transport: any HTTPTransport, base: URLSessionConfiguration = .ephemeral) throws -> URLSessionConfiguration {
        let slot: Int? = registryLock.withLock {
            guard let free = (0..<ReplayURLProtocol.slots.count).first(where: { registry[$0] == nil }) else { return nil }
            registry[free] = transport
            return free
        }
        guard let slot else {
            throw ReplayError(file: "(URLProtocol)", message: "32 replaying URLSession configurations are in use; release finished ones with ReplayURLProtocol.release(_:)")
        }
        let configuration = base
        configuration.protocolClasses = [ReplayURLProtocol.slots[slot]]
        return configuration
    }

    /// Frees the slot of a configuration made by ``configuration(replaying:base:)``.
    public static func release(_ configuration: URLSessionConfiguration) {
        guard let type = configuration.protocolClasses?.first as? ReplayURLProtocol.Type, type.slot >= 0 else { return }
        _ = registryLock.withLock { registry.removeValue(forKey: type.slot) }
    }

    static func transport(slot: Int) -> (any HTTPTransport)? {
        registryLock.withLock { registry[slot] }
    }

    public override class func canInit(with request: URLRequest) -> Bool { slot >= 0 }
    public override class func canonicalRequest(for request: URLRequest) -> URLRequest { request }

    public override func startLoading() {
        guard let transport = ReplayURLProtocol.transport(slot: Self.slot), let url = request.url else {
            client?.urlProtocol(self, didFailWithError: URLError(.unsupportedURL))
            return
        }
        var headers = HTTPFields()
        for (name, value) in (request.allHTTPHeaderFields ?? [:]).sorted(by: { $0.key < $1.key }) {
            headers.append(name: name, value: value)
        }
        let replayed = HTTPRequest(method: HTTPMethod(rawValue: request.httpMethod ?? "GET"), url: url, headers: headers, body: ReplayURLProtocol.body(of: request))
        let box = ProtocolBox(self)
        // A replay answers synchronously: no task hop on the way (the common case, and the fast one).
        if let replay = transport as? ReplayTransport {
            do {
                box.finish(with: try replay.replay(replayed), url: url)
            } catch {
                box.fail(error)
            }
            return
        }
        Task {
            do {
                let response = try await transport.send(replayed)
                box.finish(with: response, url: url)
            } catch {
                box.fail(error)
            }
        }
    }

    public override func stopLoading() {}

    private static func body(of request: URLRequest) -> [UInt8] {
        if let data = request.httpBody { return [UInt8](data) }
        guard let stream = request.httpBodyStream else { return [] }
        stream.open()
        defer { stream.close() }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while stream.hasBytesAvailable {
            let count = stream.read(&buffer, maxLength: buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }
}

/// Hands the protocol instance to the task that answers it.
private final class ProtocolBox: @unchecked Sendable {
    // Safety: the protocol is used from the answering task only, after startLoading returned, as
    // URLProtocol clients allow.
    let owner: ReplayURLProtocol
    init(_ owner: ReplayURLProtocol) { self.owner = owner }

    func finish(with response: HTTPResponse, url: URL) {
        var fields: [String: String] = [:]
        for field in response.headers {
            fields[field.name] = fields[field.name].map { $0 + ", " + field.value } ?? field.value
        }
        let http = HTTPURLResponse(url: url, statusCode: response.status, httpVersion: "HTTP/1.1", headerFields: fields)!
        owner.client?.urlProtocol(owner, didReceive: http, cacheStoragePolicy: .notAllowed)
        owner.client?.urlProtocol(owner, didLoad: Data(response.body))
        owner.client?.urlProtocolDidFinishLoading(owner)
    }

    func fail(_ error: any Error) {
        owner.client?.urlProtocol(owner, didFailWithError: error)
    }
}

extension ReplayURLProtocol {
    static let slots: [ReplayURLProtocol.Type] = [
        ReplaySlot0.self,
        ReplaySlot1.self,
        ReplaySlot2.self,
        ReplaySlot3.self,
        ReplaySlot4.self,
        ReplaySlot5.self,
        ReplaySlot6.self,
        ReplaySlot7.self,
        ReplaySlot8.self,
        ReplaySlot9.self,
        ReplaySlot10.self,
        ReplaySlot11.self,
        ReplaySlot12.self,
        ReplaySlot13.self,
        ReplaySlot14.self,
        ReplaySlot15.self,
        ReplaySlot16.self,
        ReplaySlot17.self,
        ReplaySlot18.self,
        ReplaySlot19.self,
        ReplaySlot20.self,
        ReplaySlot21.self,
        ReplaySlot22.self,
        ReplaySlot23.self,
        ReplaySlot24.self,
        ReplaySlot25.self,
        ReplaySlot26.self,
        ReplaySlot27.self,
        ReplaySlot28.self,
        ReplaySlot29.self,
        ReplaySlot30.self,
        ReplaySlot31.self,
    ]
}

// One class per slot: URLSession picks protocols by class, so each live configuration needs its own.
private final class ReplaySlot0: ReplayURLProtocol { override class var slot: Int { 0 } }
private final class ReplaySlot1: ReplayURLProtocol { override class var slot: Int { 1 } }
private final class ReplaySlot2: ReplayURLProtocol { override class var slot: Int { 2 } }
private final class ReplaySlot3: ReplayURLProtocol { override class var slot: Int { 3 } }
private final class ReplaySlot4: ReplayURLProtocol { override class var slot: Int { 4 } }
private final class ReplaySlot5: ReplayURLProtocol { override class var slot: Int { 5 } }
private final class ReplaySlot6: ReplayURLProtocol { override class var slot: Int { 6 } }
private final class ReplaySlot7: ReplayURLProtocol { override class var slot: Int { 7 } }
private final class ReplaySlot8: ReplayURLProtocol { override class var slot: Int { 8 } }
private final class ReplaySlot9: ReplayURLProtocol { override class var slot: Int { 9 } }
private final class ReplaySlot10: ReplayURLProtocol { override class var slot: Int { 10 } }
private final class ReplaySlot11: ReplayURLProtocol { override class var slot: Int { 11 } }
private final class ReplaySlot12: ReplayURLProtocol { override class var slot: Int { 12 } }
private final class ReplaySlot13: ReplayURLProtocol { override class var slot: Int { 13 } }
private final class ReplaySlot14: ReplayURLProtocol { override class var slot: Int { 14 } }
private final class ReplaySlot15: ReplayURLProtocol { override class var slot: Int { 15 } }
private final class ReplaySlot16: ReplayURLProtocol { override class var slot: Int { 16 } }
private final class ReplaySlot17: ReplayURLProtocol { override class var slot: Int { 17 } }
private final class ReplaySlot18: ReplayURLProtocol { override class var slot: Int { 18 } }
private final class ReplaySlot19: ReplayURLProtocol { override class var slot: Int { 19 } }
private final class ReplaySlot20: ReplayURLProtocol { override class var slot: Int { 20 } }
private final class ReplaySlot21: ReplayURLProtocol { override class var slot: Int { 21 } }
private final class ReplaySlot22: ReplayURLProtocol { override class var slot: Int { 22 } }
private final class ReplaySlot23: ReplayURLProtocol { override class var slot: Int { 23 } }
private final class ReplaySlot24: ReplayURLProtocol { override class var slot: Int { 24 } }
private final class ReplaySlot25: ReplayURLProtocol { override class var slot: Int { 25 } }
private final class ReplaySlot26: ReplayURLProtocol { override class var slot: Int { 26 } }
private final class ReplaySlot27: ReplayURLProtocol { override class var slot: Int { 27 } }
private final class ReplaySlot28: ReplayURLProtocol { override class var slot: Int { 28 } }
private final class ReplaySlot29: ReplayURLProtocol { override class var slot: Int { 29 } }
private final class ReplaySlot30: ReplayURLProtocol { override class var slot: Int { 30 } }
private final class ReplaySlot31: ReplayURLProtocol { override class var slot: Int { 31 } }
