import JSON
import JSONSchema

/// One operation of a contract: method, path template, parameters and documented responses.
public struct Operation: Sendable {
    public let id: String
    /// Upper-case HTTP method.
    public let method: String
    /// The path template, e.g. `/v1/messages/{id}`.
    public let path: String
    public let parameters: [Parameter]
    /// Documented responses in document order.
    public let responses: [ResponseSpec]
    /// Where the operation object is in the document.
    public let pointer: JSONPointer

    /// The response documented for `status`: the exact code, then its range (`5XX`), then `default`.
    public func response(forStatus status: Int) -> ResponseSpec? {
        responses.first { $0.statusKey == String(status) }
            ?? responses.first { $0.statusKey.uppercased() == "\(status / 100)XX" }
            ?? responses.first { $0.statusKey == "default" }
    }

    /// The documented response with this status key (`200`, `5XX`, `default`).
    public func response(forKey key: String) -> ResponseSpec? {
        responses.first { $0.statusKey.uppercased() == key.uppercased() }
    }
}

/// A documented parameter.
public struct Parameter: Sendable, Hashable {
    public let name: String
    /// `path`, `query`, `header` or `cookie`.
    public let location: String
    public let required: Bool
    /// The parameter's schema in the document.
    public let schemaPointer: JSONPointer?
    /// True for `style: form, explode: true` arrays: repeated `name=value` pairs.
    public let isRepeatable: Bool
    /// The schema is an array.
    public let isArray: Bool
    /// `form`, `simple`, `spaceDelimited`, `pipeDelimited`, … (OpenAPI's default for the location when absent).
    public let style: String
    /// Whether an array is sent as repeated parameters (true) or one delimited value (false).
    public let explode: Bool
    /// Every `explode` the provider accepts: the documented one, plus any `x-accepted-explode` lists
    /// (a provider that also takes comma-joined values for a repeatable filter, with its source).
    public let acceptedExplode: Set<Bool>

    /// The delimiter of a non-exploded array in this style (`,` for form and simple).
    public var delimiter: Character {
        switch style {
        case "spaceDelimited": " "
        case "pipeDelimited": "|"
        default: ","
        }
    }
}

/// A documented response: its status key, its JSON schema and the validator compiled from it.
public struct ResponseSpec: Sendable {
    /// `200`, `404`, `5XX` or `default`.
    public let statusKey: String
    public let description: String
    /// The JSON schema of the body (nil when no JSON body is documented).
    public let schemaPointer: JSONPointer?
    /// Every documented example body (`example`, then each of `examples`), where it is in the document.
    let documentedExamples: [DocumentedExample]
    /// The contract file and the response object's place in it, for messages.
    let file: String
    let pointer: JSONPointer
    let compiled: Result<Validator, ContractError>?

    /// The first documented example body, when there is one.
    public var example: JSONValue? { documentedExamples.first?.value }

    /// The validator for this response's body.
    public func validator() throws(ContractError) -> Validator {
        switch compiled {
        case .success(let validator)?: return validator
        case .failure(let error)?: throw error
        case nil:
            throw ContractError(file: file, pointer: pointer, message: "response \(statusKey) documents no JSON body")
        }
    }

    /// True when the status key covers `status`.
    public func covers(_ status: Int) -> Bool {
        statusKey == String(status) || statusKey.uppercased() == "\(status / 100)XX" || statusKey == "default"
    }
}

/// An example body a response documents, and where the document holds it.
struct DocumentedExample: Sendable {
    let pointer: JSONPointer
    let value: JSONValue
}
