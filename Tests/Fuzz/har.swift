// libFuzzer target for the HAR importer (`HAR.read` after parsing, what `HAR.load(path:)` and
// `conformance har import` run), built and run by `.ci/fuzz.sh har`. Whatever imports must group into
// cassettes that encode and load back, and export to HAR again.
import Cassettes
import JSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHAR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? JSONDocument.parse(bytes) else { return 0 }
    let imported: HAR.Import
    do {
        imported = try HAR.read(document.value(), file: "fuzz.har")
    } catch {
        _ = error.description
        return 0
    }
    for skipped in imported.skipped { _ = skipped.description }
    let cassettes = HAR.cassettes(from: imported, source: "fuzz.har")
    for item in cassettes {
        _ = item.relativePath
        let encoded = item.cassette.encoded()
        do {
            let loaded = try Cassette(json: try JSONDocument.parse(encoded).value(), file: item.relativePath)
            guard loaded == item.cassette else { fatalError("an imported cassette changed when loaded back") }
        } catch {
            fatalError("an imported cassette does not load: \(error)\n\(String(decoding: encoded, as: UTF8.self))")
        }
    }
    let exported = JSONWriter.write(
        HAR.export(cassettes.map { HAR.Source(cassette: $0.cassette, provider: $0.provider, scenario: $0.scenario) }))
    do {
        _ = try HAR.read(try JSONDocument.parse(exported).value(), file: "exported.har")
    } catch {
        fatalError("an exported HAR does not import: \(error)")
    }
    return 0
}
