import Foundation
import HTTPTransport

/// The request-side defects of ``ClientFault``, put on the wire between a bundled client and the
/// replay: what a client with that defect would send.
struct FaultyTransport: HTTPTransport {
    let base: any HTTPTransport
    let fault: ClientFault?

    /// `base` itself when `fault` changes nothing on the wire.
    static func wrapping(_ base: any HTTPTransport, fault: ClientFault?) -> any HTTPTransport {
        fault == .wrongAuthScheme || fault == .unescapedPath ? FaultyTransport(base: base, fault: fault) : base
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        switch fault {
        case .wrongAuthScheme?:
            let value = request.headers["Authorization"] ?? ""
            let parts = value.split(separator: " ", maxSplits: 1).map(String.init)
            var headers = HTTPFields(request.headers.filter { $0.name.lowercased() != "authorization" })
            switch parts.first?.lowercased() {
            case "bearer": headers.append(name: "Authorization", value: parts.count > 1 ? parts[1] : "")
            case "basic": headers.append(name: "Authorization", value: "Bearer " + (parts.count > 1 ? parts[1] : ""))
            default: headers.append(name: "Authorization", value: "Bearer " + value)
            }
            request.headers = headers
        case .unescapedPath?:
            let text = request.url.absoluteString.replacingOccurrences(of: "%2F", with: "/")
                .replacingOccurrences(of: "%2f", with: "/")
            request.url = URL(string: text) ?? request.url
        default:
            break
        }
        return try await base.send(request)
    }
}
