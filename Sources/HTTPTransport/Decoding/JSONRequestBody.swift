import Foundation

/// A request body as the clients send it: JSON with members sorted (the same message is the same
/// bytes, so recordings diff cleanly) and slashes unescaped.
public enum JSONRequestBody {
    /// `value` encoded; a value that cannot be encoded is an ``InvalidArgumentError`` naming `argument`.
    public static func encode(_ value: some Encodable, argument: String) throws(InvalidArgumentError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return [UInt8](try encoder.encode(value))
        } catch {
            throw InvalidArgumentError(argument: argument, message: "cannot be encoded: \(error)")
        }
    }
}
