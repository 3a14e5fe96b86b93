import Foundation
import Testing

/// The built `convene` on a plan spread over `plan.yaml` and `plan/*.yaml` (the clashes sample).
@Suite("CLI: plans in several files")
struct MultiFilePlanCommandTests {
    static let clashes = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/clashes")

    @Test func theSplitSampleReadsAsOnePlan() throws {
        let result = try CLIRunner.run(["validate", "--workspace", Self.clashes.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["events"] as? Int == 16)
        #expect(summary["people"] as? Int == 23)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.clashes.appendingPathComponent("plan").path)
        #expect(files.filter { $0.hasSuffix(".yaml") }.count >= 4)
    }

    /// An id written again in another desk's file, a syntax error elsewhere: exit 2, each message
    /// with its file, line and column.
    @Test func problemsNameTheirOwnFile() throws {
        let workspace = try CLIRunner.copyOf(Self.clashes)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let extra = workspace.appendingPathComponent("plan/zz-late-desk.yaml")
        try """
            events:
              - id: uganda-roundtable-2024
                kind: roundtable
                title: The same id again
                venue: kampala-serena
                start: 2027-01-10T09:00
                end: 2027-01-10T12:00

            """.write(to: extra, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["validate", "--workspace", workspace.path])
        #expect(result.status == 2)
        let first = try #require(result.stderr.split(separator: "\n").first)
        #expect(first.contains("plan/zz-late-desk.yaml:2:9: error: duplicate id 'uganda-roundtable-2024' (first declared at "), "\(result.stderr)")
        #expect(first.contains("plan/uganda.yaml:"), "\(result.stderr)")

        try "events:\n  - id: broken\n\tkind: roundtable\n".write(to: extra, atomically: true, encoding: .utf8)
        let syntax = try CLIRunner.run(["validate", "--workspace", workspace.path])
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("plan/zz-late-desk.yaml:3:1: error: YAML syntax:"), "\(syntax.stderr)")
        #expect(syntax.stderr.contains("fix: indent with spaces, not tabs"), "\(syntax.stderr)")
    }
}
