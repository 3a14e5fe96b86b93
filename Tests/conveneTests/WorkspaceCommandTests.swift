import Foundation
import Testing

/// End-to-end: the built `convene` on the sample workspace and on broken plans.
@Suite("convene validate, events and check")
struct WorkspaceCommandTests {
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities").path
    static let clashes = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/clashes").path

    @Test func theSampleIsValid() throws {
        let result = try CLIRunner.run(["validate", "--workspace", Self.sample])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid"))
        let json = try CLIRunner.run(["validate", "--workspace", Self.sample, "--format", "json"])
        let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((summary?["events"] as? Int ?? 0) >= 20)
        #expect((summary?["countries"] as? Int ?? 0) >= 10)
    }

    @Test func fiveMistakesGiveFiveLocatedMessages() throws {
        let plan = CLIRunner.fixtures.appendingPathComponent("plans/five-mistakes").path
        let result = try CLIRunner.run(["validate", "--workspace", plan])
        #expect(result.status == 2)
        let errors = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count == 5, "\(result.stderr)")
        for (line, text) in [(7, "unknown sector 'youth-leadership'"), (10, "person 'nctc-director' has no way to be contacted"),
                             (12, "unknown time zone 'Africa/Kampla'"), (19, "ends (2024-10-15T08:00) before or when it starts"),
                             (29, "unknown person 'regina-bakite'")] {
            #expect(errors.contains { $0.contains("plan.yaml:\(line):") && $0.contains(text) }, "line \(line): \(text)\n\(result.stderr)")
        }
        #expect(result.stderr.contains("fix: did you mean 'regina-bakitte'?"))
        #expect(result.stderr.contains("fix: did you mean 'Africa/Kampala'?"))
        // For scripts: one JSON document with every problem.
        let json = try CLIRunner.run(["validate", "--workspace", plan, "--format", "json"])
        #expect(json.status == 2)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(parsed["valid"] as? Bool == false)
        #expect((parsed["problems"] as? [[String: Any]])?.count == 5)
    }

    @Test func aMissingWorkspaceIsBadInput() throws {
        let result = try CLIRunner.run(["events", "--workspace", "/nonexistent/convene"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("does not exist"))
    }

    @Test func eventsCarryCorrectUTCOffsets() throws {
        let result = try CLIRunner.run(["events", "--workspace", Self.sample, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        func event(_ id: String) -> [String: Any]? { events.first { $0["id"] as? String == id } }
        let kampala = try #require(event("uganda-esa-roundtable-2024"))
        #expect((kampala["localStart"] as? String)?.hasSuffix("+03:00") == true)
        #expect(kampala["timeZone"] as? String == "Africa/Kampala")
        let helsinki = try #require(events.first { $0["timeZone"] as? String == "Europe/Helsinki" && ($0["localStart"] as? String)?.contains("-07-") == true })
        #expect((helsinki["localStart"] as? String)?.hasSuffix("+03:00") == true)
        let toronto = try #require(events.first { $0["timeZone"] as? String == "America/Toronto" && ($0["localStart"] as? String)?.contains("-09-") == true && $0["allDay"] as? Bool == false })
        #expect((toronto["localStart"] as? String)?.hasSuffix("-04:00") == true)
        // The UTC start is the local start minus its offset.
        #expect(kampala["utcStart"] as? String == "2024-10-15T06:00:00Z")
        let csv = try CLIRunner.run(["events", "--workspace", Self.sample, "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").count == events.count + 1)
    }

    @Test func theSampleChecksWithoutErrors() throws {
        let result = try CLIRunner.run(["check", "--workspace", Self.sample, "--today", "2026-11-27", "--format", "json"])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["errors"] as? Int == 0)
    }

    @Test func theClashesSampleFiresEveryRule() throws {
        let result = try CLIRunner.run(["check", "--workspace", Self.clashes, "--today", "2026-11-27", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        let rules = Set(groups.flatMap { ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String } })
        for rule in ["person-double-booked", "person-busy-elsewhere", "venue-double-booked", "venue-over-capacity", "travel-time",
                     "outside-working-hours", "blackout-date", "follow-up-too-early", "series-cadence",
                     "missing-representation", "nlc-roundtable-levels", "organisation-overcommitted"] {
            #expect(rules.contains(rule), "rule \(rule) did not fire")
        }
        let strict = try CLIRunner.run(["check", "--workspace", Self.clashes, "--today", "2026-11-27", "--strict", "--format", "csv"])
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("error,missing-representation"))
    }

    @Test func badArgumentsAreUsageErrors() throws {
        let result = try CLIRunner.run(["check", "--workspace", Self.sample, "--today", "27/11/2026"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("YYYY-MM-DD"))
    }

    @Test func aRuleTooLargeToExpandIsBadInputAtItsEvent() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        let plan = workspace.appendingPathComponent("plan.yaml")
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(of: "FREQ=MONTHLY;BYDAY=1TH;COUNT=8", with: "FREQ=MINUTELY")
            .write(to: plan, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["check", "--workspace", workspace.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("plan.yaml:35:5: error: event 'monthly-call': its recurrence 'FREQ=MINUTELY' cannot be expanded"), "\(result.stderr)")
    }
}
