// libFuzzer target for the JSON reader (`JSONDocument.parse`), built and run by `.ci/fuzz.sh json`.
// Beyond "no crash": whatever parses must survive the accessors, re-render through `JSONWriter` to
// bytes that parse to the same value, and every value node must be found again by its pointer.
@testable import JSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let options = JSONParseOptions(maxDepth: 64 + (size & 0xFF))
    guard let document = try? JSONDocument.parse(bytes, options: options) else {
        // A failure must still describe itself (location resolution walks the bytes).
        do { _ = try JSONDocument.parse(bytes) } catch { _ = error.description }
        return 0
    }
    let value = document.value()
    for mode in [JSONWriter.Options.compact, .canonical] {
        let written = JSONWriter.write(value, options: mode)
        guard let again = try? JSONDocument.parse(written, options: JSONParseOptions(maxDepth: 1_024)) else {
            fatalError("JSONWriter output does not parse: \(String(decoding: written, as: UTF8.self))")
        }
        let reread = again.value()
        guard mode.sortKeys ? reread.isEqualValue(value) : reread == value else {
            fatalError("round trip changed the value")
        }
    }
    var visited = 0
    func walk(_ node: Int) {
        guard visited < 256 else { return }
        visited += 1
        let pointer = document.pointer(to: node)
        guard document.node(at: pointer) == node else { fatalError("pointer \(pointer) does not find node \(node)") }
        _ = document.location(ofNode: node)
        let raw = Array(document.rawBytes(node))
        guard let piece = try? JSONDocument.parse(raw, options: JSONParseOptions(maxDepth: 1_024)),
            piece.value() == document.value(node)
        else { fatalError("rawBytes of node \(node) do not re-parse to its value") }
        switch document.kind(node) {
        case .array: for element in document.elements(node) { walk(element) }
        case .object:
            for (key, member) in document.members(node) {
                _ = document.string(key)
                walk(member)
            }
        case .integer, .float:
            _ = document.int64(node)
            _ = document.double(node)
            _ = document.number(node).isEqualValue(document.number(node))
        case .string: _ = document.withDecodedUTF8(node) { $0.count }
        default: break
        }
    }
    walk(0)
    // Objects find every member by key (large ones through their index), and a removed key is gone
    // while the others stay found.
    var objects = 0
    func checkObjects(_ value: JSONValue) {
        guard objects < 64 else { return }
        switch value {
        case .object(let object):
            objects += 1
            for member in object.members.prefix(256) where object[member.key] != member.value {
                fatalError("object lookup of \(member.key.excerpt()) misses its member")
            }
            if let first = object.members.first {
                var copy = object
                copy[first.key] = nil
                guard copy[first.key] == nil, copy.count == object.count - 1,
                    object.members.dropFirst().prefix(64).allSatisfy({ copy[$0.key] == $0.value })
                else { fatalError("removing \(first.key.excerpt()) broke the object") }
            }
            for member in object.members.prefix(16) { checkObjects(member.value) }
        case .array(let elements): for element in elements.prefix(16) { checkObjects(element) }
        default: break
        }
    }
    checkObjects(value)
    // A message quotes any text in a bounded excerpt.
    let text = String(decoding: bytes, as: UTF8.self)
    let excerpt = text.excerpt(64 + (size & 0x3F))
    guard excerpt.utf8.count <= 64 + (size & 0x3F) + 32 || excerpt == text else { fatalError("excerpt is not bounded") }
    return 0
}
