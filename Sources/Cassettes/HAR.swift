import Foundation
import HTTPTransport
import JSON

/// HTTP Archive 1.2 (http://www.softwareishard.com/blog/har-12-spec/): cassettes out to browser
/// devtools and proxies, and their captures back in as redacted interactions.
///
/// Export writes one entry per interaction, in cassette then interaction order. Each entry carries
/// `_conformance` (custom fields start with `_` in HAR 1.2) so that import restores what HAR has no
/// place for:
/// ```json
/// "_conformance": {"operationId": "…", "scenario"?: "…", "provider"?: "…", "cassette": 0,
///                  "provenance": {"kind": …, "source": …, "capturedAt"?: …}, "capturedAt"?: "…"}
/// ```
/// Bodies round-trip byte for byte: UTF-8 bodies as `text`, other bytes as base64 (`content.encoding`
/// for responses; `postData._encoding` for requests, which HAR 1.2 has no field for).
public enum HAR {
    /// The `log.version` written.
    public static let version = "1.2"
    /// The `creator.name` written.
    public static let creatorName = "conformance"
    /// The `startedDateTime` of an interaction whose capture time is unknown.
    public static let unknownDate = "1970-01-01T00:00:00.000Z"

    /// A cassette to export, with the names its path gives it (`<provider>/<operationId>/<scenario>.json`).
    public struct Source: Sendable, Hashable {
        public var cassette: Cassette
        /// The provider folder, when known.
        public var provider: String?
        /// The scenario (the file name without `.json`), when known.
        public var scenario: String?

        public init(cassette: Cassette, provider: String? = nil, scenario: String? = nil) {
            self.cassette = cassette
            self.provider = provider
            self.scenario = scenario
        }
    }

    /// The HAR document (`{"log": …}`) of these cassettes.
    public static func export(_ cassettes: [Cassette], creatorVersion: String = "0.1.0", redactor: Redactor = .default)
        -> JSONValue
    {
        export(cassettes.map { Source(cassette: $0) }, creatorVersion: creatorVersion, redactor: redactor)
    }

    /// The HAR document of these cassettes, naming their provider and scenario for import. Every
    /// interaction goes through `redactor` first, so a cassette written by hand (or by an older
    /// version) with a raw credential does not leak through the export; redacted cassettes are
    /// unchanged by it, so export then import still round-trips byte for byte.
    public static func export(_ sources: [Source], creatorVersion: String = "0.1.0", redactor: Redactor = .default)
        -> JSONValue
    {
        var entries: [JSONValue] = []
        for (index, source) in sources.enumerated() {
            for interaction in source.cassette.interactions {
                entries.append(entry(redact(interaction, redactor), source: source, index: index))
            }
        }
        let creator: JSONValue = ["name": .string(creatorName), "version": .string(creatorVersion)]
        return ["log": ["version": .string(version), "creator": creator, "entries": .array(entries)]]
    }

    static func entry(_ interaction: Cassette.Interaction, source: Source, index: Int) -> JSONValue {
        let cassette = source.cassette
        var marker = JSONObject([
            (key: "operationId", value: .string(cassette.operationId)),
            (key: "cassette", value: .number(JSONNumber(Int64(index)))),
        ])
        if let scenario = source.scenario { marker["scenario"] = .string(scenario) }
        if let provider = source.provider { marker["provider"] = .string(provider) }
        var provenance = JSONObject([
            (key: "kind", value: .string(cassette.provenance.kind.name)),
            (key: "source", value: .string(cassette.provenance.source)),
        ])
        if let capturedAt = cassette.provenance.capturedAt { provenance["capturedAt"] = .string(capturedAt) }
        marker["provenance"] = .object(provenance)
        if let capturedAt = interaction.capturedAt { marker["capturedAt"] = .string(capturedAt) }

        let request = interaction.request
        var requestObject = JSONObject([
            (key: "method", value: .string(request.method.rawValue)),
            (key: "url", value: .string(request.url.absoluteString)),
            (key: "httpVersion", value: "HTTP/1.1"), (key: "headers", value: headersJSON(request.headers)),
            (key: "queryString", value: queryJSON(request.url)), (key: "cookies", value: []),
            (key: "headersSize", value: -1),
            (key: "bodySize", value: .number(JSONNumber(Int64(request.body.count)))),
        ])
        if !request.body.isEmpty {
            var postData = JSONObject([(key: "mimeType", value: .string(request.headers["Content-Type"] ?? ""))])
            if let text = String(validating: request.body, as: UTF8.self) {
                postData["text"] = .string(text)
            } else {
                postData["text"] = .string(Data(request.body).base64EncodedString())
                postData["_encoding"] = "base64"
            }
            requestObject["postData"] = .object(postData)
        }

        let response = interaction.response
        var content = JSONObject([
            (key: "size", value: .number(JSONNumber(Int64(response.body.count)))),
            (key: "mimeType", value: .string(response.headers["Content-Type"] ?? "")),
        ])
        if !response.body.isEmpty {
            if let text = String(validating: response.body, as: UTF8.self) {
                content["text"] = .string(text)
            } else {
                content["text"] = .string(Data(response.body).base64EncodedString())
                content["encoding"] = "base64"
            }
        }
        let responseObject = JSONObject([
            (key: "status", value: .number(JSONNumber(Int64(response.status)))),
            (key: "statusText", value: .string(HTTPResponse.reasonPhrase(for: response.status) ?? "")),
            (key: "httpVersion", value: "HTTP/1.1"), (key: "headers", value: headersJSON(response.headers)),
            (key: "cookies", value: []),
            (key: "content", value: .object(content)),
            (key: "redirectURL", value: .string(response.headers["Location"] ?? "")),
            (key: "headersSize", value: -1), (key: "bodySize", value: .number(JSONNumber(Int64(response.body.count)))),
        ])
        let started = interaction.capturedAt ?? cassette.provenance.capturedAt ?? unknownDate
        let comment = "\(cassette.operationId)" + (source.scenario.map { " (\($0))" } ?? "")
        return .object(
            JSONObject([
                (key: "startedDateTime", value: .string(started)), (key: "time", value: 0),
                (key: "request", value: .object(requestObject)),
                (key: "response", value: .object(responseObject)), (key: "cache", value: .object(JSONObject())),
                (key: "timings", value: ["send": 0, "wait": 0, "receive": 0]),
                (key: "comment", value: .string(comment)),
                (key: "_conformance", value: .object(marker)),
            ]))
    }

    static func headersJSON(_ headers: HTTPFields) -> JSONValue {
        .array(headers.map { ["name": .string($0.name), "value": .string($0.value)] })
    }

    /// The decoded query parameters, in order (HAR readers show them; import reads only `url`).
    static func queryJSON(_ url: URL) -> JSONValue {
        let items = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
        return .array(items.map { ["name": .string($0.name), "value": .string($0.value ?? "")] })
    }
}
