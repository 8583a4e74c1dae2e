import JSON

/// Machine renderings: JUnit XML for CI test tabs and a JSON record for release pipelines.
extension VerificationReport {
    /// JUnit XML: one test suite per client and operation plus one for the suite-level checks; each
    /// case a test case named by its id, a failure carrying the findings and the reproduce command.
    public func junitXML() -> String {
        var suites: [(name: String, records: [CaseRecord])] = []
        for record in cases {
            let name = "\(record.client).\(record.provider).\(record.operationId)"
            if let index = suites.firstIndex(where: { $0.name == name }) {
                suites[index].records.append(record)
            } else {
                suites.append((name, [record]))
            }
        }
        let failures = cases.filter { !$0.passed }.count + checks.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"conformance\" tests=\"\(cases.count + checks.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(duration.threeDecimals)\">\n"
        xml +=
            "  <testsuite name=\"checks\" tests=\"\(checks.count)\" failures=\"\(checks.filter { !$0.passed }.count)\" errors=\"0\" skipped=\"0\">\n"
        for check in checks {
            xml += "    <testcase classname=\"checks\" name=\"\(Self.xmlEscape(check.name))\""
            if check.passed {
                xml += "/>\n"
            } else {
                xml +=
                    ">\n      <failure message=\"\(Self.xmlEscape(check.summary))\">\(Self.xmlEscape(check.problems.joined(separator: "\n")))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n"
        for suite in suites {
            let failed = suite.records.filter { !$0.passed }.count
            xml +=
                "  <testsuite name=\"\(Self.xmlEscape(suite.name))\" tests=\"\(suite.records.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
            for record in suite.records {
                xml += "    <testcase classname=\"\(Self.xmlEscape(suite.name))\" name=\"\(Self.xmlEscape(record.id))\""
                if record.passed {
                    xml += "/>\n"
                } else {
                    let message = record.findings.first?.description ?? record.observed
                    let body = failureLines(record).joined(separator: "\n")
                    xml +=
                        ">\n      <failure message=\"\(Self.xmlEscape(message))\">\(Self.xmlEscape(body))</failure>\n    </testcase>\n"
                }
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>\n"
        return xml
    }

    /// Escapes text for XML attributes and content; characters XML 1.0 cannot carry become U+FFFD.
    static func xmlEscape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let value = scalar.value
                let allowed =
                    (value >= 0x20 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// The JSON record (format version 1).
    public func json() -> JSONValue {
        func files(_ list: [HashedFile]) -> JSONValue {
            .array(list.map { ["path": .string($0.path), "sha256": .string($0.sha256)] })
        }
        let caseList: [JSONValue] = cases.map { record in
            var object = JSONObject([
                ("id", .string(record.id)), ("client", .string(record.client)), ("provider", .string(record.provider)),
                ("operationId", .string(record.operationId)), ("scenario", .string(record.scenario)),
                ("cassette", .string(record.cassette)),
                ("kind", .string(record.kind.rawValue)),
            ])
            if let mutation = record.mutation {
                var described = JSONObject([
                    ("kind", .string(mutation.kind.name)), ("pointer", .string(mutation.pointer.description)),
                    ("field", .string(mutation.fieldPath)),
                ])
                if let value = mutation.value { described["value"] = value }
                object["mutation"] = .object(described)
            }
            object["expected"] = .string(record.expected)
            object["result"] = .string(record.passed ? "passed" : "failed")
            object["observed"] = .string(record.observed)
            if !record.passed {
                object["findings"] = .array(record.findings.map(\.json))
                object["reproduce"] = .string(record.reproduce)
            }
            return .object(object)
        }
        let rowList: [JSONValue] = rows.map { row in
            [
                "provider": .string(row.provider), "operationId": .string(row.operationId),
                "client": .string(row.client), "cases": .integer(Int64(row.cases)),
                "passed": .integer(Int64(row.passed)), "failed": .integer(Int64(row.failed)),
                "mutations": .integer(Int64(row.mutations)),
                "mutationsCaught": .integer(Int64(row.mutationsCaught)),
            ]
        }
        return .object(
            JSONObject([
                ("format", "conformance-report"), ("version", 1),
                ("tool", ["name": "conformance", "version": .string(toolVersion)]),
                ("result", .string(passed ? "passed" : "failed")), ("startedAt", .string(startedAt)),
                ("durationSeconds", .number(JSONNumber(literal: duration.threeDecimals) ?? JSONNumber(0))),
                ("clients", .array(clients.map { ["name": .string($0.name), "version": .string($0.version)] })),
                ("contracts", ["sha256": .string(contractsDigest), "files": files(contracts)]),
                ("recordings", ["sha256": .string(recordingsDigest), "files": files(recordings)]),
                (
                    "checks",
                    .array(
                        checks.map {
                            [
                                "name": .string($0.name), "result": .string($0.passed ? "passed" : "failed"),
                                "summary": .string($0.summary), "problems": .array($0.problems.map { .string($0) }),
                            ]
                        })
                ),
                ("summary", .array(rowList)),
                ("cases", .array(caseList)),
            ]))
    }
}

extension Double {
    var threeDecimals: String {
        let thousandths = Int((self * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}
