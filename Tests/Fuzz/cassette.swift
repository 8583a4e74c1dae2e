// libFuzzer target for the cassette loader (`Cassette(json:file:)`, what `Cassette.load(path:)` runs
// after reading the file), built and run by `.ci/fuzz.sh cassette`. Whatever loads must encode
// canonically to bytes that load to the same cassette, and replaying its own requests must work.
import Cassettes
import HTTPTransport
import JSON

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCassette(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? JSONDocument.parse(bytes) else { return 0 }
    let cassette: Cassette
    do {
        cassette = try Cassette(json: document.value(), file: "fuzz.json")
    } catch {
        _ = error.description
        return 0
    }
    let encoded = cassette.encoded()
    let again: Cassette
    do {
        again = try Cassette(json: try JSONDocument.parse(encoded).value(), file: "encoded.json")
    } catch {
        fatalError("an encoded cassette does not load: \(error)\n\(String(decoding: encoded, as: UTF8.self))")
    }
    guard again == cassette, again.encoded() == encoded else { fatalError("encode → load changed the cassette") }
    let replay = ReplayTransport(cassette: cassette, file: "fuzz.json")
    for interaction in cassette.interactions {
        do {
            let response = try replay.replay(interaction.request)
            _ = response.status
        } catch {
            _ = error.description
        }
    }
    _ = try? replay.verifyAllUsed()
    return 0
}
