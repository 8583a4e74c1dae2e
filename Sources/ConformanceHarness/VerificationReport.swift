import JSON

/// Everything one `verify` run established: what was checked (with content hashes), each check's
/// problems, and every case's result. A release pipeline reads its JSON form offline to decide
/// whether a client may ship and against which contracts it was last verified.
public struct VerificationReport: Sendable {
    /// The tool's version.
    public var toolVersion: String
    /// When the run started (RFC 3339, UTC).
    public var startedAt: String
    /// Wall-clock seconds.
    public var duration: Double
    /// Contract files and their SHA-256.
    public var contracts: [HashedFile]
    /// Cassette files and their SHA-256.
    public var recordings: [HashedFile]
    /// Suite-level checks (contract lint, cassettes against contracts, coverage), in order.
    public var checks: [Check]
    /// The clients whose cases ran.
    public var clients: [Client]
    /// One record per case and client.
    public var cases: [CaseRecord]

    /// A file and its content hash.
    public struct HashedFile: Sendable, Hashable {
        public var path: String
        public var sha256: String
    }

    /// A suite-level check and what it found (empty: passed).
    public struct Check: Sendable, Hashable {
        public var name: String
        public var summary: String
        public var problems: [String]
        public var passed: Bool { problems.isEmpty }
    }

    /// A client under test.
    public struct Client: Sendable, Hashable {
        public var name: String
        public var version: String
    }

    /// A case's identity and result.
    public struct CaseRecord: Sendable, Hashable {
        public var id: String
        public var client: String
        public var provider: String
        public var operationId: String
        public var scenario: String
        public var cassette: String
        public var kind: ConformanceCase.Kind
        public var mutation: Mutation?
        /// `view`, `api-error 404`, `reject`.
        public var expected: String
        public var passed: Bool
        public var observed: String
        public var findings: [Finding]
        public var reproduce: String
    }

    /// True when every check and every case passed (and at least one case ran, unless no client was asked for).
    public var passed: Bool { checks.allSatisfy(\.passed) && cases.allSatisfy(\.passed) }

    /// SHA-256 over the sorted `path sha256` lines of the recordings: one value to compare runs by.
    public var recordingsDigest: String { Self.digest(recordings) }
    /// The same over the contracts.
    public var contractsDigest: String { Self.digest(contracts) }

    static func digest(_ files: [HashedFile]) -> String {
        SHA256.hex(files.sorted { $0.path < $1.path }.map { "\($0.path) \($0.sha256)\n" }.joined().utf8)
    }

    /// Per provider, operation and client: counts and the mutation score.
    public var rows: [Row] {
        var order: [String] = []
        var table: [String: Row] = [:]
        for record in cases {
            let key = "\(record.provider)\u{0}\(record.operationId)\u{0}\(record.client)"
            if table[key] == nil {
                order.append(key)
                table[key] = Row(provider: record.provider, operationId: record.operationId, client: record.client)
            }
            table[key]?.add(record)
        }
        return order.compactMap { table[$0] }
    }

    /// One line of the summary table.
    public struct Row: Sendable, Hashable {
        public var provider: String
        public var operationId: String
        public var client: String
        public var cases = 0
        public var passed = 0
        public var mutations = 0
        public var mutationsCaught = 0
        public var failed: Int { cases - passed }
        /// Mutations handled as the policy requires, as a percentage (100 when there are none).
        public var mutationScore: Double { mutations == 0 ? 100 : Double(mutationsCaught) * 100 / Double(mutations) }

        mutating func add(_ record: CaseRecord) {
            cases += 1
            if record.passed { passed += 1 }
            if record.kind == .mutation {
                mutations += 1
                if record.passed { mutationsCaught += 1 }
            }
        }
    }
}

extension Double {
    /// `99.5` with one decimal.
    var oneDecimal: String {
        let scaled = (self * 10).rounded() / 10
        return scaled == scaled.rounded() ? String(Int(scaled)) + ".0" : String(scaled)
    }
}
