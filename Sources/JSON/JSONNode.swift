/// The kind of one node on a ``JSONDocument``'s tape.
public enum JSONKind: UInt8, Sendable {
    case null = 0
    case `true` = 1
    case `false` = 2
    /// A number literal with no fraction and no exponent (`-12`, `0`, `123456789012345678901234`).
    case integer = 3
    /// A number literal with a fraction or an exponent (`1.5`, `1e3`, `1.0`).
    case float = 4
    case string = 5
    case array = 6
    case object = 7
}

/// One entry of a ``JSONDocument``'s tape: 16 bytes, no references.
///
/// Layout (the contract every consumer relies on):
/// - A container (`array`, `object`) at tape index `i` is followed by its descendants in document
///   order; `end` is the tape index just past its last descendant, so the next sibling is at `end`.
///   `count` is its number of elements (array) or members (object). `start` is the byte offset of
///   its opening bracket.
/// - An object's children alternate key, value: a key is a `string` node, followed by its value's
///   node (and that value's descendants).
/// - A scalar at index `i` has its next sibling at `i + 1`. For `string`, `start..<end` is the byte
///   range of the raw content between the quotes (escapes not decoded) and `flags & JSONNode.hasEscapes`
///   tells whether decoding is needed. For numbers, `start..<end` is the literal's byte range.
///   For `null`/`true`/`false`, `start` is the literal's first byte and `end` is past its last byte.
public struct JSONNode: Sendable, Equatable {
    public var kind: JSONKind
    public var flags: UInt8
    public var count: UInt32
    public var start: UInt32
    public var end: UInt32

    /// Set on a `string` node whose raw content contains at least one backslash escape.
    public static let hasEscapes: UInt8 = 1
    /// Set on a number node whose literal starts with `-`.
    public static let negative: UInt8 = 2

    @inlinable
    public init(kind: JSONKind, flags: UInt8 = 0, count: UInt32 = 0, start: UInt32, end: UInt32) {
        self.kind = kind
        self.flags = flags
        self.count = count
        self.start = start
        self.end = end
    }

    /// The tape index of the next sibling of the node at `index`.
    @inlinable
    public func next(after index: Int) -> Int {
        kind.rawValue >= JSONKind.array.rawValue ? Int(end) : index + 1
    }
}
