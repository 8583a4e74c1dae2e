import Foundation
import HTTPTransport
import Testing

@Suite struct HTTPValueTests {
    @Test func requestsAreValues() {
        let original = HTTPRequest(
            method: .post, url: URL(string: "https://a.example/x")!, headers: ["Accept": "application/json"],
            body: [1, 2])
        var copy = original
        copy.headers.append(name: "accept", value: "text/plain")
        copy.body.append(3)
        copy.method = .put
        #expect(original.headers.values(for: "Accept") == ["application/json"])
        #expect(original.body == [1, 2])
        #expect(original.method == .post)
        #expect(copy != original)
    }

    @Test func fieldsKeepOrderAndRepeats() {
        var fields = HTTPFields([(name: "B", value: "1"), (name: "a", value: "2")])
        fields.append(name: "b", value: "3")
        #expect(fields.map(\.name) == ["B", "a", "b"])
        #expect(fields.values(for: "B") == ["1", "3"])
        #expect(fields["A"] == "2")
        #expect(fields["missing"] == nil)
        fields["b"] = "4"
        #expect(fields.map(\.value) == ["4", "2"], "setting replaces every value in place of the first")
        #expect(
            HTTPFields([(name: "X", value: "1"), (name: "Y", value: "2")])
                != HTTPFields([(name: "Y", value: "2"), (name: "X", value: "1")]))
        #expect(Set([HTTPFields([(name: "X", value: "1")]), HTTPFields([(name: "x", value: "1")])]).count == 1)
    }

    @Test func bodiesAsData() {
        var request = HTTPRequest(url: URL(string: "https://a.example")!, body: Data([7, 8]))
        #expect(request.body == [7, 8])
        request.bodyData = Data("hi".utf8)
        #expect(request.body == Array("hi".utf8))
        let response = HTTPResponse(status: 200, body: [0x6F, 0x6B])
        #expect(response.bodyData == Data("ok".utf8))
        #expect(response.text == "ok")
    }

    @Test func customMethodsAreValues() {
        let method = HTTPMethod(rawValue: "propfind")
        #expect(method.rawValue == "PROPFIND")
        #expect(method.description == "PROPFIND")
        #expect(
            [HTTPMethod.get, .post, .put, .patch, .delete, .head, .options].map(\.rawValue) == [
                "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS",
            ])
    }
}
