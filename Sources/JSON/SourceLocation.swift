/// A place in a text: 1-based line and column, 0-based byte offset.
///
/// Columns count Unicode scalars from the start of the line, so they match what an editor shows for
/// most text; `offset` is exact in bytes.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }

    /// Computes the location of `offset` in `bytes` (clamped to the buffer).
    public static func of(offset: Int, in bytes: [UInt8], from start: Int = 0) -> SourceLocation {
        let target = min(max(offset, start), bytes.count)
        var line = 1
        var column = 1
        var index = start
        while index < target {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourceLocation(line: line, column: column, offset: target - start)
    }
}
