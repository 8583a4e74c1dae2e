import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A socket on 127.0.0.1 that holds an ephemeral port for the test: listening and never answering
/// (the kernel completes the handshake, the request waits forever), or bound only (connections are
/// refused). Because the port stays bound until the test stops it, no server of a test running in
/// parallel can take it over.
final class SilentListener: Sendable {
    let socket: Int32
    let port: UInt16

    init(listening: Bool = true) throws {
        #if canImport(Glibc)
            let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = Darwin.socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard fd >= 0, bound == 0, !listening || listen(fd, 4) == 0 else {
            close(fd)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socket = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    /// Closes the socket; called by the test (a `defer`), so the port stays taken, and no other
    /// test's server can get it, until the test is over.
    func stop() { close(socket) }
}
