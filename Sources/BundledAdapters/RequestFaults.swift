import Foundation
import HTTPTransport
import JSON

/// The request-side defects of ``ClientFault``, put on the wire between a bundled client and the
/// replay: what a client with that defect would send.
struct FaultyTransport: HTTPTransport {
    let base: any HTTPTransport
    let fault: ClientFault?

    /// `base` itself when `fault` changes nothing on the wire.
    static func wrapping(_ base: any HTTPTransport, fault: ClientFault?) -> any HTTPTransport {
        [.wrongAuthScheme, .unescapedPath, .toAsString, .dropsRequiredMember].contains(fault)
            ? FaultyTransport(base: base, fault: fault) : base
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
        case .toAsString?:
            request.body = Self.rewritingBody(request.body) { object in
                guard case .array(let list)? = object["to"], let first = list.first else { return }
                object["to"] = first
            }
        case .dropsRequiredMember?:
            // The message itself: OpenPhone's content, Courier's message, Bandwidth's text.
            request.body = Self.rewritingBody(request.body) { object in
                guard let name = ["content", "message", "text"].first(where: { object[$0] != nil }) else { return }
                object[name] = nil
            }
        default:
            break
        }
        return try await base.send(request)
    }
}

extension FaultyTransport {
    /// A JSON object body (or each object of an array body) changed by `change`; other bodies as they are.
    static func rewritingBody(_ body: [UInt8], _ change: (inout JSONObject) -> Void) -> [UInt8] {
        guard let value = try? JSONDocument.parse(body).value() else { return body }
        func rewrite(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(var object):
                change(&object)
                return .object(object)
            case .array(let items): return .array(items.map(rewrite))
            default: return value
            }
        }
        return JSONWriter.write(rewrite(value))
    }
}
