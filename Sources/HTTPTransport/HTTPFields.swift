/// HTTP header fields in order, with case-insensitive lookup and repeated names kept.
public struct HTTPFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One header line: the name as written and its value.
    public typealias Field = (name: String, value: String)
    private var fields: [Field]

    /// Fields in the given order (names keep their spelling; repeats are kept).
    public init(_ fields: [Field] = []) { self.fields = fields }
    /// `["Accept": "application/json"]`, in literal order.
    public init(dictionaryLiteral elements: (String, String)...) { fields = elements.map { (name: $0.0, value: $0.1) } }

    /// The first value of `name` (case-insensitive); setting replaces every value of that name,
    /// nil removes them.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.lowercased() == name.lowercased() }?.value }
        set {
            let key = name.lowercased()
            guard let newValue else {
                fields.removeAll { $0.name.lowercased() == key }
                return
            }
            if let first = fields.firstIndex(where: { $0.name.lowercased() == key }) {
                fields[first].value = newValue
                fields = fields.enumerated().filter { $0.offset == first || $0.element.name.lowercased() != key }.map(
                    \.element)
            } else {
                fields.append((name: name, value: newValue))
            }
        }
    }

    /// Every value of `name`, in order.
    public func values(for name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    /// Adds a field, keeping existing ones of the same name.
    public mutating func append(name: String, value: String) { fields.append((name: name, value: value)) }

    /// The number of fields, repeats included.
    public var count: Int { fields.count }
    /// True when there are no fields.
    public var isEmpty: Bool { fields.isEmpty }
    /// The fields in order.
    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// Same fields in the same order; names compared case-insensitively, values exactly.
    public static func == (a: HTTPFields, b: HTTPFields) -> Bool {
        a.fields.count == b.fields.count
            && zip(a.fields, b.fields).allSatisfy {
                $0.name.lowercased() == $1.name.lowercased() && $0.value == $1.value
            }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name.lowercased())
            hasher.combine(field.value)
        }
    }
}
