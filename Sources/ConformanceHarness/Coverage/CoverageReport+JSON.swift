import JSON

extension CoverageReport {
    /// The report as JSON (for `conformance coverage --format json`):
    /// `{"complete", "contracts", "cassettes", "operations": [{"provider", "contract", "operationId",
    /// "method", "path", "statuses": [{"status", "cassettes", "seen"}], "enums": [{"field", "schema",
    /// "values": [{"value", "count", "cassettes"}]}], "cassettes"}], "problems": [{"kind", "file",
    /// "pointer"?, "line"?, "column"?, "message"}], "accepted": [{"file", "reason", "violations"}]}`.
    public var json: JSONValue {
        .object(
            JSONObject([
                (key: "complete", value: .bool(isComplete)),
                (key: "contracts", value: .array(contracts.map { .string($0) })),
                (key: "cassettes", value: .number(JSONNumber(Int64(cassettes.count)))),
                (key: "operations", value: .array(operations.map(\.json))),
                (key: "problems", value: .array(problems.map(\.json))),
                (
                    key: "accepted",
                    value: .array(
                        accepted.map { item in
                            .object(
                                JSONObject([
                                    (key: "file", value: .string(item.file)),
                                    (key: "reason", value: .string(item.reason)),
                                    (key: "violations", value: .array(item.violations.map(\.json))),
                                ]))
                        })
                ),
            ]))
    }
}

extension CoverageReport.Operation {
    var json: JSONValue {
        let statusValues: [JSONValue] = statuses.map { cell in
            .object(
                JSONObject([
                    (key: "status", value: .string(cell.key)),
                    (key: "cassettes", value: .array(cell.cassettes.map { .string($0) })),
                    (key: "seen", value: .array(cell.seenStatuses.map { .number(JSONNumber(Int64($0))) })),
                ]))
        }
        let enumValues: [JSONValue] = enums.map { field in
            .object(
                JSONObject([
                    (key: "field", value: .string(field.field)), (key: "schema", value: .string(field.schemaLocation)),
                    (
                        key: "values",
                        value: .array(
                            field.values.map { item in
                                .object(
                                    JSONObject([
                                        (key: "value", value: item.value),
                                        (key: "count", value: .number(JSONNumber(Int64(item.cassettes.count)))),
                                        (key: "cassettes", value: .array(item.cassettes.map { .string($0) })),
                                    ]))
                            })
                    ),
                ]))
        }
        return .object(
            JSONObject([
                (key: "provider", value: .string(provider)), (key: "contract", value: .string(contractFile)),
                (key: "operationId", value: .string(operationId)), (key: "method", value: .string(method)),
                (key: "path", value: .string(path)),
                (key: "statuses", value: .array(statusValues)), (key: "enums", value: .array(enumValues)),
                (key: "cassettes", value: .array(cassettes.map { .string($0) })),
            ]))
    }
}

extension CoverageReport.Problem {
    var json: JSONValue {
        var object = JSONObject([(key: "kind", value: .string(kind.name)), (key: "file", value: .string(file))])
        if let pointer { object["pointer"] = .string(pointer.description) }
        if let location {
            object["line"] = .number(JSONNumber(Int64(location.line)))
            object["column"] = .number(JSONNumber(Int64(location.column)))
        }
        object["message"] = .string(message)
        return .object(object)
    }
}
