extension RequestDifference {
    /// How far a recorded request is from a live one, for naming the nearest interaction when none
    /// matches. A different method outweighs any number of path, query, header or body differences,
    /// a different path outweighs query and header differences, and so on: the nearest recording is
    /// the one a person would call "the same call with a wrong detail".
    static func distance(_ differences: [RequestDifference]) -> Int {
        differences.reduce(0) { $0 + $1.weight }
    }

    var weight: Int {
        if part == "method" { return 100_000 }
        if part == "path" { return 10_000 }
        if part.hasPrefix("query parameter") { return 100 }
        if part.hasPrefix("header") { return 10 }
        if part == "body" || part.hasPrefix("body at ") { return 5 }
        return 1
    }
}
