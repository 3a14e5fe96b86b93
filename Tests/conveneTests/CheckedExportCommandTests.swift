import Foundation
import Testing

/// End-to-end: `convene export` runs the rules of `convene check` first. A plan with errors (the
/// clashes workspace: double bookings, a follow-up too early) is refused, its errors printed with
/// file and line and nothing written; `--force` exports without the check and warns on standard error.
@Suite("export behind check")
struct CheckedExportCommandTests {
    static let stamp = ["SOURCE_DATE_EPOCH": "1795000000"]   // 2026-11-18: the clashes plan's errors stand

    func clashes() throws -> URL {
        try CLIRunner.copyOf(CLIRunner.repositoryRoot.appendingPathComponent("Calendars/clashes"))
    }

    @Test func aPlanWithCheckErrorsIsNotExported() throws {
        let workspace = try clashes()
        let before = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path).sorted()
        let check = try CLIRunner.run(["check", "--workspace", workspace.path, "--today", "2026-11-18", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any] ?? [:]
        let errors = try #require(report["errors"] as? Int)
        #expect(errors > 0)

        let refused = try CLIRunner.run(["export", "--workspace", workspace.path], environment: Self.stamp)
        #expect(refused.status == 2, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("error   person-double-booked: Elina Nieminen"))
        #expect(refused.stderr.contains("plan/canada-finland.yaml:25:5"), "\(refused.stderr)")
        #expect(refused.stderr.contains("error: export refused: `convene check` finds \(errors) error\(errors == 1 ? "" : "s") in the plan; nothing was written."))
        #expect(refused.stderr.contains("convene export --force"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("export").path))
        let after = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("records").path).sorted()
        #expect(after == before)   // no export history either

        let forced = try CLIRunner.run(["export", "--workspace", workspace.path, "--force"], environment: Self.stamp)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.contains("warning: --force: exported without the checks of `convene check`"), "\(forced.stderr)")
        #expect(forced.stdout.contains("Exported to"))
        let invitations = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent("export/invitations").path)
        #expect(invitations.contains("uganda-followup-dialogue-2024.ics"))
    }

    /// Many errors are summarised: the first few in full, the rest counted.
    @Test func manyErrorsAreSummarised() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        let plan = workspace.appendingPathComponent("plan.yaml")
        var text = try String(contentsOf: plan, encoding: .utf8)
        // Fourteen one-hour meetings at the same time in a room for forty: each pair double-books the hall.
        for n in 1...14 {
            text += """

                  - id: clash-\(n)
                    kind: workshop
                    title: Clash \(n)
                    venue: helsinki-hall
                    start: 2024-09-10T10:00
                    end: 2024-09-10T11:00
                    invite:
                      - {person: leena-korhonen, role: required}
                """
        }
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let refused = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732700000"])
        #expect(refused.status == 2)
        let shown = refused.stderr.components(separatedBy: "\n  error ").count - 1
        #expect(shown == 10, "\(refused.stderr)")
        #expect(refused.stderr.contains("more, not shown: `convene check` lists them all."))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("export").path))
    }
}
