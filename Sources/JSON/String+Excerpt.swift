extension String {
    /// The text as a message quotes it: whole when it is at most `limit` bytes of UTF-8, else its start
    /// and its end around `…(N bytes)…`, so that a 100 KB number or a 5 MB path cannot flood a message.
    /// Cuts fall between Unicode scalars.
    package func excerpt(_ limit: Int = 120) -> String {
        let size = utf8.count
        guard size > limit else { return self }
        let keep = max(limit / 2 - 8, 8)
        var head = String.UnicodeScalarView()
        var taken = 0
        for scalar in unicodeScalars {
            taken += UTF8.width(scalar)
            if taken > keep { break }
            head.append(scalar)
        }
        var tail: [Unicode.Scalar] = []
        taken = 0
        for scalar in unicodeScalars.reversed() {
            taken += UTF8.width(scalar)
            if taken > keep / 2 { break }
            tail.append(scalar)
        }
        var result = String(head)
        result += "…(\(size) bytes)…"
        result.unicodeScalars.append(contentsOf: tail.reversed())
        return result
    }
}
