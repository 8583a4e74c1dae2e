import Foundation
import HTTPTransport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Replays cassettes for unmodified `URLSession` clients.
///
/// Inject the configuration this returns into the client's session:
/// ```swift
/// let configuration = try ReplayURLProtocol.configuration(replaying: try ReplayTransport(path: "…/error-404.json"))
/// defer { ReplayURLProtocol.release(configuration) }
/// let client = SomeSDK(session: URLSession(configuration: configuration))
/// ```
/// or let ``withConfiguration(replaying:base:_:)`` release it. A protocol class registered globally
/// (`URLProtocol.registerClass`) is ignored by sessions made from new configurations on Linux, and
/// requests do not carry the session's additional headers when a protocol is chosen, so each live
/// configuration gets a protocol class of its own. Those classes are generic types made on demand,
/// so there is no fixed number of them: any number of parallel tests each replay their own
/// cassette, and a session made from such a configuration never reaches the network.
public class ReplayURLProtocol: URLProtocol {
    // Safety: URLProtocol instances are driven by their session; the slot table is only touched
    // under `registryLock`.
    nonisolated(unsafe) private static var registry: [Int: any HTTPTransport] = [:]
    private static let registryLock = NSLock()
    class var slot: Int { -1 }

    /// A configuration whose sessions answer every request from `transport`. Release it with
    /// ``release(_:)`` when the session is done (its slot is then reused).
    public static func configuration(replaying transport: any HTTPTransport, base: URLSessionConfiguration = .ephemeral)
        throws -> URLSessionConfiguration
    {
        let slot: Int = registryLock.withLock {
            var free = 0
            while registry[free] != nil { free += 1 }
            registry[free] = transport
            return free
        }
        let configuration = base
        configuration.protocolClasses = [ReplaySlots.protocolClass(slot)]
        return configuration
    }

    /// Runs `body` with a configuration replaying `transport`, released afterwards.
    public static func withConfiguration<T>(
        replaying transport: any HTTPTransport, base: URLSessionConfiguration = .ephemeral,
        _ body: (URLSessionConfiguration) async throws -> T
    ) async throws -> T {
        let configuration = try configuration(replaying: transport, base: base)
        defer { release(configuration) }
        return try await body(configuration)
    }

    /// Frees the slot of a configuration made by ``configuration(replaying:base:)``.
    public static func release(_ configuration: URLSessionConfiguration) {
        guard let type = configuration.protocolClasses?.first as? ReplayURLProtocol.Type, type.slot >= 0 else { return }
        _ = registryLock.withLock { registry.removeValue(forKey: type.slot) }
    }

    /// How many replaying configurations are alive (not yet released).
    public static var liveConfigurations: Int { registryLock.withLock { registry.count } }

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
        let replayed = HTTPRequest(
            method: HTTPMethod(rawValue: request.httpMethod ?? "GET"), url: url, headers: headers,
            body: ReplayURLProtocol.body(of: request))
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
        let http = HTTPURLResponse(
            url: url, statusCode: response.status, httpVersion: "HTTP/1.1", headerFields: fields)!
        owner.client?.urlProtocol(owner, didReceive: http, cacheStoragePolicy: .notAllowed)
        owner.client?.urlProtocol(owner, didLoad: Data(response.body))
        owner.client?.urlProtocolDidFinishLoading(owner)
    }

    func fail(_ error: any Error) {
        owner.client?.urlProtocol(owner, didFailWithError: error)
    }
}

/// Protocol classes by slot number, made from generic types: URLSession picks protocols by class,
/// so each live configuration needs its own, and Swift cannot make classes at run time except by
/// instantiating a generic one. Slot `n` is `Slot<Tag>` where `Tag` spells `n + 1` in binary
/// (`Bit1<Bit0<One>>` is 5), so a slot's type is at most log2(n) levels deep.
enum ReplaySlots {
    static func protocolClass(_ slot: Int) -> ReplayURLProtocol.Type {
        let number = slot + 1
        var tag: any SlotTag.Type = One.self
        let width = Int.bitWidth - number.leadingZeroBitCount
        for shift in stride(from: width - 2, through: 0, by: -1) {
            tag = (number >> shift) & 1 == 0 ? zero(after: tag) : one(after: tag)
        }
        return slotClass(tag)
    }

    private static func zero<T: SlotTag>(after tag: T.Type) -> any SlotTag.Type { Bit0<T>.self }
    private static func one<T: SlotTag>(after tag: T.Type) -> any SlotTag.Type { Bit1<T>.self }
    private static func slotClass<T: SlotTag>(_ tag: T.Type) -> ReplayURLProtocol.Type { Slot<T>.self }
}

/// A number spelled as a type, most significant bit outermost-last.
protocol SlotTag { static var number: Int { get } }
enum One: SlotTag { static var number: Int { 1 } }
enum Bit0<Rest: SlotTag>: SlotTag { static var number: Int { Rest.number * 2 } }
enum Bit1<Rest: SlotTag>: SlotTag { static var number: Int { Rest.number * 2 + 1 } }

/// The protocol class of slot `Tag.number - 1`.
private final class Slot<Tag: SlotTag>: ReplayURLProtocol {
    override class var slot: Int { Tag.number - 1 }
}
