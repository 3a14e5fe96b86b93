import Foundation
import Testing

/// End-to-end: `convene schedule` on the sample workspace, with and without `--write`.
@Suite("convene schedule")
struct ScheduleCommandTests {
    static let sample = SuggestCommandTests.sample

    @Test func theMalawiFollowUpIsPlacedWithinTheCadence() throws {
        let result = try CLIRunner.run(["schedule", "malawi-nlc", "--workspace", Self.sample.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("malawi-followup-dialogue-2027  Mon 2027-01-18 09:00  16:00  Africa/Blantyre"))
        #expect(result.stdout.contains("at most 12 months after 'malawi-committee-zomba-2026' (2026-05-20): by 2027-05-20"))
        #expect(result.stdout.contains("  - id: malawi-followup-dialogue-2027    # Africa/Blantyre\n    start: 2027-01-18T09:00\n    end: 2027-01-18T16:00"))
        let yaml = try CLIRunner.run(["schedule", "malawi-nlc", "--workspace", Self.sample.path, "--format", "yaml"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout.hasPrefix("# Paste into plan.yaml"))
        let json = try CLIRunner.run(["schedule", "uganda-nlc", "--workspace", Self.sample.path, "--format", "json"])
        #expect(json.status == 0)
        let schedule = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let placements = try #require(schedule["placements"] as? [[String: Any]])
        #expect(placements.map { $0["eventID"] as? String } == ["uganda-working-group-2027"])
        #expect((placements.first?["slot"] as? [String: Any])?["start"] as? String == "2027-01-11T09:00")
    }

    @Test func writeRecordsProposalsAndNeverTouchesThePlan() throws {
        let folder = try SuggestCommandTests.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let planFile = folder.appendingPathComponent("plan.yaml")
        let before = try Data(contentsOf: planFile)
        let proposals = folder.appendingPathComponent("records/proposals.yaml")
        try? FileManager.default.removeItem(at: proposals)
        let first = try CLIRunner.run(["schedule", "malawi-nlc", "--workspace", folder.path, "--write"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("wrote"))
        let again = try CLIRunner.run(["schedule", "malawi-nlc", "--workspace", folder.path, "--write"])
        #expect(again.stderr.contains("unchanged"))
        let uganda = try CLIRunner.run(["schedule", "uganda-nlc", "--workspace", folder.path, "--write"])
        #expect(uganda.status == 0)
        let text = try String(contentsOf: proposals, encoding: .utf8)
        #expect(text.contains("  malawi-nlc:\n    - event: malawi-followup-dialogue-2027\n      start: \"2027-01-18T09:00\"\n      end: \"2027-01-18T16:00\"\n      timezone: Africa/Blantyre"))
        #expect(text.contains("  uganda-nlc:\n    - event: uganda-working-group-2027\n      start: \"2027-01-11T09:00\""))
        #expect(try Data(contentsOf: planFile) == before)
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("records").path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func theProposalPassesCheckOnceWritten() throws {
        let folder = try SuggestCommandTests.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let planFile = folder.appendingPathComponent("plan.yaml")
        var text = try String(contentsOf: planFile, encoding: .utf8)
        for series in ["malawi-nlc", "uganda-nlc"] {
            let json = try CLIRunner.run(["schedule", series, "--workspace", folder.path, "--format", "json"])
            let schedule = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            for placement in schedule["placements"] as? [[String: Any]] ?? [] {
                let slot = try #require(placement["slot"] as? [String: Any])
                text = SuggestCommandTests.write(start: slot["start"] as! String, end: slot["end"] as! String, standIns: [],
                                                 event: placement["eventID"] as! String, into: text)
            }
        }
        try text.write(to: planFile, atomically: true, encoding: .utf8)
        let check = try CLIRunner.run(["check", "--workspace", folder.path, "--today", "2026-11-27"])
        #expect(check.status == 0, "\(check.stdout)")
        // Both are placed now: nothing left to schedule.
        let nothing = try CLIRunner.run(["schedule", "malawi-nlc", "--workspace", folder.path])
        #expect(nothing.status == 0)
        #expect(nothing.stdout.contains("Nothing to schedule"))
    }

    @Test func anUnknownSeriesIsBadInput() throws {
        let result = try CLIRunner.run(["schedule", "malawi-nlx", "--workspace", Self.sample.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no series 'malawi-nlx' in the plan"))
        #expect(result.stderr.contains("did you mean 'malawi-nlc'?"))
    }
}
