/// A Unicode property usable in `\p{…}`: general categories (short and long names) and a few
/// binary properties. Scripts are not available from the toolchain's Unicode data.
struct UnicodeProperty: Sendable {
    private let categories: Set<String>
    private let binary: String?

    init?(name: String, value: String?) {
        if let value {
            guard name == "General_Category" || name == "gc" else { return nil }
            guard let set = UnicodeProperty.categorySets[value] else { return nil }
            categories = set
            binary = nil
            return
        }
        if let set = UnicodeProperty.categorySets[name] {
            categories = set
            binary = nil
        } else if [
            "ASCII", "Any", "Alphabetic", "Alpha", "White_Space", "space", "Uppercase", "Lowercase", "ASCII_Hex_Digit",
        ].contains(name) {
            categories = []
            binary = name
        } else {
            return nil
        }
    }

    func contains(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        if let binary {
            switch binary {
            case "ASCII": return value < 128
            case "Any": return true
            case "Alphabetic", "Alpha": return scalar.properties.isAlphabetic
            case "White_Space", "space": return scalar.properties.isWhitespace
            case "Uppercase": return scalar.properties.isUppercase
            case "Lowercase": return scalar.properties.isLowercase
            default: return scalar.properties.isASCIIHexDigit
            }
        }
        return categories.contains(UnicodeProperty.code(scalar.properties.generalCategory))
    }

    private static func code(_ category: Unicode.GeneralCategory) -> String {
        switch category {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }

    private static let categorySets: [String: Set<String>] = {
        let groups: [String: [String]] = [
            "L": ["Lu", "Ll", "Lt", "Lm", "Lo"], "M": ["Mn", "Mc", "Me"], "N": ["Nd", "Nl", "No"],
            "P": ["Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"], "S": ["Sm", "Sc", "Sk", "So"], "Z": ["Zs", "Zl", "Zp"],
            "C": ["Cc", "Cf", "Cs", "Co", "Cn"], "LC": ["Lu", "Ll", "Lt"],
        ]
        let long: [String: String] = [
            "Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
            "Titlecase_Letter": "Lt",
            "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M", "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc",
            "Enclosing_Mark": "Me", "Number": "N", "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl",
            "Other_Number": "No", "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc",
            "Dash_Punctuation": "Pd",
            "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi", "Final_Punctuation": "Pf",
            "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm", "Currency_Symbol": "Sc",
            "Modifier_Symbol": "Sk",
            "Other_Symbol": "So", "Separator": "Z", "Space_Separator": "Zs", "Line_Separator": "Zl",
            "Paragraph_Separator": "Zp", "Other": "C", "Control": "Cc", "cntrl": "Cc", "Format": "Cf",
            "Surrogate": "Cs",
            "Private_Use": "Co", "Unassigned": "Cn",
        ]
        var sets: [String: Set<String>] = [:]
        for (name, members) in groups { sets[name] = Set(members) }
        for members in groups.values { for member in members { sets[member] = [member] } }
        for (name, short) in long { sets[name] = sets[short] }
        return sets
    }()
}
