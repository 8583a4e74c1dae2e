import Cassettes
import Contracts
import Foundation
import HTTPTransport
import JSON

/// `conformance record`: one live call, recorded as a redacted cassette and checked against the
/// contract at once (a drift report).
enum RecordCommand {
    static let spec = CommandSpec(
        name: "record", summary: "Call a live API once and record the exchange as a cassette, with a drift report.",
        usage: [
            "--provider NAME --operation ID --scenario NAME [--param NAME=VALUE ...] [--base-url URL] [--contracts DIR] [--recordings DIR]"
        ],
        options: [
            OptionSpec("provider", value: "NAME", help: "Provider.", allowed: Provider.all.map(\.name), required: true),
            OptionSpec("operation", value: "ID", help: "operationId in the provider's contract.", required: true),
            OptionSpec(
                "scenario", value: "NAME", help: "Scenario name: recordings/<provider>/<operation>/<scenario>.json.",
                required: true),
            OptionSpec(
                "param", value: "NAME=VALUE", help: "A path or query parameter (repeat for repeated query parameters).",
                repeatable: true),
            OptionSpec(
                "base-url", value: "URL",
                help: "Send to this base URL instead of the contract's server (e.g. a local stand-in)."),
            OptionSpec("contracts", value: "DIR", help: "Folder of the contracts (default: contracts)."),
            OptionSpec("recordings", value: "DIR", help: "Folder of the recordings (default: recordings)."),
        ],
        positionals: nil,
        discussion: """
            Credentials come from the environment and never reach disk or output:
              courier COURIER_API_KEY · sendo SENDO_API_KEY · openphone OPENPHONE_API_KEY ·
              bandwidth BANDWIDTH_USER_ID, BANDWIDTH_API_TOKEN, BANDWIDTH_API_SECRET
            Each value is scrubbed wherever a response echoes it (headers, URLs, bodies; raw, percent-,
            JSON- or base64-encoded) and shows as <redacted:VARIABLE>, in the recorded URL too.
            A redirect to another origin is not followed, so the credentials never leave the API (exit 2).
            Exit status: 0 recorded and conforming, 1 recorded with drift, 2 usage, input or network error.
            """)

    /// A provider's contract file and how it authenticates.
    struct Provider: Sendable {
        let name: String
        let contract: String
        let variables: [String]

        static let all = [
            Provider(name: "courier", contract: "courier.openapi.json", variables: ["COURIER_API_KEY"]),
            Provider(name: "sendo", contract: "sendo.openapi.json", variables: ["SENDO_API_KEY"]),
            Provider(name: "openphone", contract: "openphone.openapi.json", variables: ["OPENPHONE_API_KEY"]),
            Provider(
                name: "bandwidth", contract: "bandwidth-v1.openapi.json",
                variables: ["BANDWIDTH_USER_ID", "BANDWIDTH_API_TOKEN", "BANDWIDTH_API_SECRET"]),
        ]

        /// The authentication headers, and path parameters the credentials supply.
        func credentials(_ environment: [String: String]) -> (headers: HTTPFields, parameters: [String: String]) {
            switch name {
            case "courier", "sendo": return (["Authorization": "Bearer \(environment[variables[0]] ?? "")"], [:])
            case "openphone": return (["Authorization": environment[variables[0]] ?? ""], [:])
            default:
                let pair = "\(environment["BANDWIDTH_API_TOKEN"] ?? ""):\(environment["BANDWIDTH_API_SECRET"] ?? "")"
                return (
                    ["Authorization": "Basic " + Data(pair.utf8).base64EncodedString()],
                    ["userId": environment["BANDWIDTH_USER_ID"] ?? ""]
                )
            }
        }
    }

    static func run(_ context: CommandContext) -> Int32 {
        let arguments = context.arguments
        guard let provider = Provider.all.first(where: { $0.name == arguments.value("provider") }),
            let operationId = arguments.value("operation"), let scenario = arguments.value("scenario")
        else { return context.fail("--provider, --operation and --scenario are required") }
        guard scenario.range(of: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#, options: .regularExpression) != nil else {
            return context.fail("invalid scenario name '\(scenario)' (letters, digits, '.', '_' and '-')")
        }
        let missing = provider.variables.filter { (context.environment[$0] ?? "").isEmpty }
        guard missing.isEmpty else {
            return context.fail(
                "\(provider.name) credentials missing: set \(missing.joined(separator: ", ")) in the environment")
        }
        let contractPath = (arguments.value("contracts") ?? "contracts") + "/" + provider.contract
        let contract: Contract
        let operation: Contracts.Operation
        do {
            (contract, operation) = try ContractOperation.load(contractPath, operationId)
        } catch {
            return context.fail(error.message)
        }
        var values: [(String, String)] = []
        for pair in arguments.all("param") {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                return context.fail("invalid --param '\(pair)' (expected NAME=VALUE)")
            }
            values.append((String(pair[..<equals]), String(pair[pair.index(after: equals)...])))
        }
        let (headers, supplied) = provider.credentials(context.environment)
        let request: HTTPRequest
        do throws(BuildError) {
            request = try buildRequest(
                operation, contract: contract, values: values, supplied: supplied, headers: headers,
                baseURL: arguments.value("base-url"))
        } catch {
            return context.fail(error.message)
        }
        // Cassettes live under the contract's file stem (`bandwidth-v1`), where coverage and verify look.
        let folder = String(provider.contract.dropLast(".openapi.json".count))
        let path = (arguments.value("recordings") ?? "recordings") + "/\(folder)/\(operationId)/\(scenario).json"
        let redactor = redactor(for: request, environment: context.environment, provider: provider)
        let outcome: Result<HTTPResponse, any Error> = runBlocking {
            let transport = try CassetteTransport(
                path: path, mode: .all, live: liveTransport(), operationId: operationId,
                source:
                    "\(request.url.scheme ?? "https")://\(request.url.host ?? "")\(request.url.port.map { ":\($0)" } ?? "") (live)",
                redactor: redactor)
            return try await transport.send(request)
        }
        let response: HTTPResponse
        switch outcome {
        case .success(let value): response = value
        case .failure(let error):
            return context.fail(redactor.scrub(String(describing: error)))
        }
        let printedPath = redactor.scrub(redactor.redact(request.url).path)
        if let target = crossOriginRedirect(response, of: request) {
            return context.fail(
                redactor.scrub(
                    "\(path): \(request.method) \(printedPath) → \(response.status) redirects to another origin (\(origin(of: target))); refused to follow it with the credentials, recorded the \(response.status) only"
                ))
        }
        context.stdout.line("recorded \(path): \(request.method) \(printedPath) → \(response.status)")
        let drift = Drift.report(response, operation: operation, contract: contract)
        if drift.isEmpty {
            context.stdout.line("no drift: the response satisfies \(contractPath) (\(operationId), \(response.status))")
            return CLI.ExitCode.success
        }
        context.stdout.line("drift from \(contractPath) (\(operationId), \(response.status)):")
        for line in drift { context.stdout.line("  " + redactor.scrub(line)) }
        return CLI.ExitCode.failure
    }

    /// The default redactor plus every credential `record` was given, by value: the provider's
    /// environment variables (named after them, `BANDWIDTH_USER_ID` too), every other environment
    /// variable named like a credential, and the request's own authentication.
    static func redactor(for request: HTTPRequest, environment: [String: String], provider: Provider) -> Redactor {
        var values: [String: String] = [:]
        for variable in provider.variables {
            if let value = environment[variable], !value.isEmpty { values[variable] = value }
        }
        let known = Redactor.default.scrubbing(values: values).scrubbing(environment: environment)
        return known.scrubbing(known.credentials(in: request))
    }

    struct BuildError: Error {
        var message: String
    }

    /// The request for `operation`: path parameters filled, query parameters appended in order.
    static func buildRequest(
        _ operation: Contracts.Operation, contract: Contract, values: [(String, String)], supplied: [String: String],
        headers: HTTPFields, baseURL: String?
    ) throws(BuildError) -> HTTPRequest {
        var path = operation.path
        var query: [URLQueryItem] = []
        var available = values
        for (name, value) in supplied where !available.contains(where: { $0.0 == name }) {
            available.append((name, value))
        }
        for (name, value) in available {
            guard let parameter = operation.parameters.first(where: { $0.name == name }) else {
                throw BuildError(
                    message:
                        "\(operation.id) has no parameter '\(name)' (parameters: \(operation.parameters.map(\.name).joined(separator: ", ")))"
                )
            }
            if parameter.location == "path" {
                let encoded =
                    value.addingPercentEncoding(
                        withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? value
                path = path.replacingOccurrences(of: "{\(name)}", with: encoded)
            } else if parameter.location == "query" {
                query.append(URLQueryItem(name: name, value: value))
            }
        }
        let unfilled = Contract.templateNames(path)
        if !unfilled.isEmpty {
            throw BuildError(
                message:
                    "missing path parameter\(unfilled.count == 1 ? "" : "s") \(unfilled.map { "--param \($0)=…" }.joined(separator: ", "))"
            )
        }
        guard let base = baseURL ?? contract.document["servers"]?[0]?["url"]?.stringValue else {
            throw BuildError(message: "\(contract.file) names no server; give --base-url")
        }
        guard
            var components = URLComponents(string: base.hasSuffix("/") ? String(base.dropLast()) + path : base + path),
            components.scheme != nil
        else {
            throw BuildError(message: "invalid base URL '\(base)'")
        }
        if !query.isEmpty { components.queryItems = query }
        guard let url = components.url else {
            throw BuildError(message: "cannot build a URL from '\(base)' and '\(path)'")
        }
        var fields = headers
        fields["Accept"] = "application/json"
        return HTTPRequest(method: HTTPMethod(rawValue: operation.method), url: url, headers: fields)
    }
}
