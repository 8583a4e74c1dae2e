import Cassettes
import Foundation
import HTTPTransport
import JSON
import Testing

@testable import ConformanceCLI

/// `har import` of a foreign capture with a secret planted in every place browsers and proxies
/// put one, and `har export` of a cassette written by hand with a raw credential: no planted value
/// reaches the files or the output.
@Suite struct HARSecretsTests {
    /// `planted-<n>-…`: unique per place, built at run time.
    static func planted(_ number: Int) -> String { "planted-\(number)-" + "Zq8Wv3Kx" }

    static func header(_ name: String, _ value: String) -> JSONValue {
        ["name": .string(name), "value": .string(value)]
    }

    static func entry(
        url: String, method: String = "GET", headers: [JSONValue] = [], postData: JSONValue? = nil,
        responseHeaders: [JSONValue] = [], mimeType: String = "application/json", text: String = "{}"
    ) -> JSONValue {
        var request = JSONObject([
            (key: "method", value: .string(method)), (key: "url", value: .string(url)),
            (key: "httpVersion", value: "HTTP/1.1"), (key: "headers", value: .array(headers)),
        ])
        if let postData { request["postData"] = postData }
        return [
            "startedDateTime": "2026-03-04T15:00:00.000Z",
            "request": .object(request),
            "response": [
                "status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1", "headers": .array(responseHeaders),
                "content": ["size": 2, "mimeType": .string(mimeType), "text": .string(text)],
            ],
        ]
    }

    static let entries: [JSONValue] = {
        let p = planted
        let api = "https://api.example.com/v1"
        return [
            entry(
                url: "\(api)/oauth/token", method: "POST",
                postData: [
                    "mimeType": "application/x-www-form-urlencoded",
                    "params": [
                        ["name": "password", "value": .string(p(1))],
                        ["name": "client_secret", "value": .string(p(2))],
                    ],
                ]),
            entry(
                url: "\(api)/login", method: "POST",
                postData: [
                    "mimeType": "application/x-www-form-urlencoded", "text": .string("username=ann&pwd=\(p(3))"),
                ]),
            entry(
                url: "\(api)/login", method: "POST", headers: [header("Content-Type", "application/json")],
                postData: ["mimeType": "application/json", "text": .string("password=\(p(4))&user=ann")]),
            entry(url: "\(api)/a?refresh_token=\(p(5))&id_token=\(p(6))&access-token=\(p(7))"),
            entry(url: "\(api)/s3?X-Amz-Signature=\(p(8))&X-Amz-Credential=\(p(9))"),
            entry(url: "\(api)/callback?code=\(p(10))&state=xyz"),
            entry(url: "\(api)/callback#access_token=\(p(11))&token_type=bearer"),
            entry(
                url: "\(api)/h",
                headers: [
                    header("Private-Token", p(12)), header("X-Auth", p(13)), header("Token", p(14)),
                    header("Ocp-Apim-Subscription-Key", p(15)), header("X-Goog-Api-Key", p(16)),
                    header("X-Amz-Security-Token", p(17)), header("X-Csrf-Token", p(18)),
                ]),
            entry(
                url: "\(api)/r",
                text:
                    #"{"id_token":"\#(p(19))","secretKey":"\#(p(20))","private_key":"\#(p(21))","nested":{"sessionToken":"\#(p(22))"}}"#
            ),
            entry(
                url: "\(api)/upload", method: "POST",
                headers: [header("Content-Type", "multipart/form-data; boundary=B")],
                postData: [
                    "mimeType": "multipart/form-data; boundary=B",
                    "text": .string(
                        "--B\r\nContent-Disposition: form-data; name=\"password\"\r\n\r\n\(p(23))\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhello\r\n--B--\r\n"
                    ),
                ]),
            entry(url: "\(api)/t", mimeType: "text/plain", text: "token: \(p(24))\n{\"password\": \"\(p(25))\",}"),
            entry(
                url: "\(api)/redirect",
                responseHeaders: [
                    header("Location", "https://app.example.com/cb?access_token=\(p(26))"),
                    header("Link", "<https://api.example.com/v1/r?api_key=\(p(27))>; rel=\"next\""),
                ]),
            entry(url: "https://ann:\(p(28))@api.example.com/v1/basic"),
            entry(
                url: "\(api)/echo", headers: [header("Authorization", "Bearer \(p(29))")],
                responseHeaders: [header("X-Echo", p(29))], text: #"{"echo":"\#(p(29))"}"#),
            entry(
                url: "\(api)/form-response", mimeType: "application/x-www-form-urlencoded",
                text: "id_token=\(p(30))&sessionToken=\(p(31))&expires_in=3600"),
        ]
    }()

    static let plantedCount = 31

    func everyFile(under directory: String) -> [String] {
        (FileManager.default.subpaths(atPath: directory) ?? []).map { directory + "/" + $0 }.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }

    @Test func noPlantedSecretIsImported() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("har-secrets-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let harPath = root + "/capture.har"
        let har: JSONValue = ["log": ["version": "1.2", "creator": ["name": "test"], "entries": .array(Self.entries)]]
        try Data(JSONWriter.write(har)).write(to: URL(fileURLWithPath: harPath))
        let run = Run(["har", "import", harPath, "--to", root + "/recordings", "--provider", "example"])
        #expect(run.code == 0, "\(run.stderr)")
        let files = everyFile(under: root + "/recordings")
        #expect(!files.isEmpty)
        var leaked: [String] = []
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            for number in 1...Self.plantedCount where text.contains(Self.planted(number)) {
                leaked.append("\(number)")
            }
            #expect(try SecretScanner.scan(file) == [])
        }
        #expect(leaked == [], "planted secrets imported: \(leaked.joined(separator: ", "))")
        for number in 1...Self.plantedCount { #expect(!run.stdout.contains(Self.planted(number))) }
    }

    @Test func exportPrintsNoRawCredential() throws {
        let key = "sk_live_" + "51HandWrittenKey000"
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("har-export-\(UUID().uuidString)").path
        let cassette = Cassette(
            operationId: "getMessage", provenance: .init(kind: .documented, source: "hand-written"),
            interactions: [
                Cassette.Interaction(
                    request: HTTPRequest(
                        url: URL(string: "https://api.example.com/v1/m?token=\(key)")!,
                        headers: ["Authorization": "Bearer \(key)"]),
                    response: HTTPResponse(
                        status: 200, headers: ["Content-Type": "application/json"],
                        body: Array(#"{"id":"m1","echo":"\#(key)"}"#.utf8)))
            ])
        try cassette.write(to: root + "/example/getMessage/raw.json")
        let run = Run(["har", "export", root])
        #expect(run.code == 0)
        #expect(!run.stdout.contains(key))
        #expect(run.stdout.contains("<redacted:authorization>"))
        #expect(SecretScanner.scan(text: run.stdout, file: "out.har") == [])
    }
}
