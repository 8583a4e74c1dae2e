import JSON

extension FieldReader {
    /// Rejects members the format does not define, so a typo in a hand-written cassette
    /// (`"header"` for `"headers"`) is an error naming the place instead of silently ignored data.
    func onlyKnown(_ object: JSONObject, at pointer: JSONPointer, _ allowed: [String]) throws(CassetteError) {
        for key in object.keys where !allowed.contains(key) {
            throw fail(pointer.appending(key), "unknown member (expected \(allowed.joined(separator: ", ")))")
        }
    }
}
