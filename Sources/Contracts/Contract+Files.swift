import JSON
import YAML

extension Contract {
    /// How contract files end in a folder: OpenAPI written as JSON or as YAML.
    package static let fileSuffixes = [".openapi.json", ".openapi.yaml", ".openapi.yml"]

    /// True when the file name `name` ends as a contract's does (``fileSuffixes``).
    package static func isContractFile(_ name: String) -> Bool {
        fileSuffixes.contains { name.hasSuffix($0) }
    }

    /// `bandwidth-v1` for `contracts/bandwidth-v1.openapi.json` (or `.openapi.yaml`, `.openapi.yml`);
    /// the file name itself otherwise.
    package static func stem(ofFile file: String) -> String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        guard let suffix = fileSuffixes.first(where: { name.hasSuffix($0) }) else { return name }
        return String(name.dropLast(suffix.count))
    }

    /// True when `path` names a YAML file (`.yaml` or `.yml`).
    static func isYAMLFile(_ path: String) -> Bool { YAMLReader.isYAMLPath(path) }

    /// The value of a YAML contract file; a malformed file fails with its line and column.
    static func yamlDocument(path: String) throws(ContractError) -> JSONValue {
        do {
            return try YAMLReader.parseSingle(contentsOf: path)
        } catch {
            throw ContractError(file: path, location: error.location, message: error.message)
        }
    }
}
