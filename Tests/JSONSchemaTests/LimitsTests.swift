import Foundation
import JSON
import JSONSchema
import Testing

/// Hostile schemas and instances are bounded: a pattern that backtracks forever, `$ref`s that recurse
/// without consuming input, and alternatives that multiply all end with a violation that says which
/// limit was reached — never a hang, never a crash.
@Suite struct LimitsTests {
    func validator(_ schema: String, _ options: SchemaOptions) throws -> Validator {
        try SchemaSet(
            document: try JSONDocument.parse(schema).value(), dialect: .draft2020_12, file: "hostile.json",
            options: options
        )
        .validator()
    }

    static let catastrophic = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"

    @Test func aCatastrophicPatternStopsAtItsStepBudget() throws {
        let hostile = try validator(#"{"pattern": "^(a+)+$"}"#, SchemaOptions(regexStepLimit: 10_000))
        let violations = try hostile.violations(#""\#(Self.catastrophic)""#)
        #expect(
            violations.map(\.description) == [
                #"(root): matching "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"#
                    + #" against pattern ^(a+)+$ took more than 10000 steps; treated as not matching [pattern at #/pattern]"#
            ])
        // Property names go through the same budget.
        let keys = try validator(#"{"patternProperties": {"^(a|a)*$": false}}"#, SchemaOptions(regexStepLimit: 10_000))
        #expect(try keys.accepts(#"{"\#(Self.catastrophic)": 1}"#))
    }

    @Test func recursionThatConsumesNothingStopsAtTheDepthLimit() throws {
        let cyclic = try validator(
            ##"{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}"##,
            SchemaOptions(maxEvaluationDepth: 64))
        let violations = try cyclic.violations("1")
        #expect(violations.map(\.message) == ["schema evaluation nested deeper than 64 levels (a $ref cycle?)"])
    }

    @Test(
        "alternatives that multiply stop at the step budget",
        arguments: [
            // Found in review: each level tries both branches down to the depth limit, 2^1024 paths.
            ##"{"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}"##,
            // No cycle at all: 40 levels of two references to the next level, 2^40 paths.
            "{\"$defs\": {"
                + (0..<40).map {
                    ##""l\##($0)": {"anyOf": [{"$ref": "#/$defs/l\##($0 + 1)"}, {"$ref": "#/$defs/l\##($0 + 1)"}]}"##
                }
                .joined(separator: ", ") + ##", "l40": false}, "$ref": "#/$defs/l0"}"##,
        ])
    func multiplyingAlternatives(_ schema: String) throws {
        let hostile = try validator(schema, SchemaOptions(maxEvaluationSteps: 20_000))
        let violations = try hostile.violations("1")
        #expect(
            violations.last?.description
                == "(root): validation gave up after 21000 subschema evaluations (alternatives that multiply, such as anyOf over recursive $refs); the instance is reported invalid [$ref at #]"
        )
        // `not` cannot turn the abandoned evaluation into a pass.
        let negated = try validator(
            #"{"not": \#(schema.replacingOccurrences(of: "\"#", with: "\"#/not"))}"#,
            SchemaOptions(maxEvaluationSteps: 20_000))
        #expect(try !negated.accepts("1"))
    }

    @Test func theBudgetGrowsWithTheInstance() throws {
        // 1,000 steps per instance node on top of the fixed budget: a large, ordinary instance is not
        // cut short even with a tiny fixed budget.
        let items = try validator(
            #"{"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]}}"#,
            SchemaOptions(maxEvaluationSteps: 1))
        let instance = "[" + (0..<5_000).map { #"{"id": "AC\#($0)"}"# }.joined(separator: ",") + "]"
        #expect(try items.accepts(instance))
    }
}

extension LimitsTests {
    @Test func deepInstancesAgainstRecursiveSchemasFitAThreadStack() async throws {
        // Every level of the instance is three nested evaluations (n, items, allOf), so the
        // evaluation depth limit is reached long before the parser's nesting limit; the recursion
        // must fit the stack of whatever thread validates (here a task's, and a plain Thread's).
        let recursive = try validator(
            ##"{"$defs": {"n": {"type": ["array", "integer"], "items": {"allOf": [{"$ref": "#/$defs/n"}]}}}, "$ref": "#/$defs/n"}"##,
            .default)
        let instance = String(repeating: "[", count: 500) + "1" + String(repeating: "]", count: 500)
        let document = try JSONDocument.parse(instance)
        let fromTask = await Task.detached { recursive.validate(document).map(\.message) }.value
        #expect(fromTask.last == "schema evaluation nested deeper than 1024 levels (a $ref cycle?)")
        let fromThread = await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: recursive.validate(document).map(\.message)) }
        }
        #expect(fromThread == fromTask)
    }
}
