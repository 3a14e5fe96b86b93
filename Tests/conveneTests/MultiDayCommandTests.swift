import Foundation
import Testing

/// End-to-end: a two-day follow-up (`duration: 2d`) in a series with a minimum gap: `suggest` and
/// `schedule` place it on the same two working days in a row, after the gap, 09:00-17:00 each day.
@Suite("convene suggest and schedule: a two-day follow-up")
struct MultiDayCommandTests {
    @Test func suggestAndScheduleAgreeOnTwoWorkingDays() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        let plan = workspace.appendingPathComponent("plan.yaml")
        var text = try String(contentsOf: plan, encoding: .utf8)
        text = text.replacingOccurrences(of: "cadence: {max-gap-months: 6}", with: "cadence: {max-gap-months: 12, min-gap-months: 2}")
        text += """
              - id: two-day-review
                kind: roundtable
                title: Two-day review of the action plan
                series: fi-cooperation
                follows: cooperation-group-2024
                venue: helsinki-hall
                duration: 2d
                window: [2024-04-01, 2024-07-31]
                invite:
                  - {person: aino-virtanen, role: chair}
                  - {person: leena-korhonen, role: required}

            """
        try text.write(to: plan, atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["validate", "--workspace", workspace.path]).status == 0)

        let suggest = try CLIRunner.run(["suggest", "two-day-review", "--workspace", workspace.path, "--format", "json", "--count", "3"])
        #expect(suggest.status == 0, "\(suggest.stderr)")
        let suggested = try JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any] ?? [:]
        let slots = suggested["slots"] as? [[String: Any]] ?? []
        // Two months after 28 March 2024 is Tuesday 28 May: Tuesday and Wednesday, 09:00 to 17:00.
        #expect(slots.first?["start"] as? String == "2024-05-28T09:00", "\(suggest.stdout)")
        #expect(slots.first?["end"] as? String == "2024-05-29T17:00")
        #expect(slots.allSatisfy { ($0["start"] as? String ?? "") >= "2024-05-28" })

        let schedule = try CLIRunner.run(["schedule", "fi-cooperation", "--workspace", workspace.path])
        #expect(schedule.status == 0, "\(schedule.stdout)\(schedule.stderr)")
        #expect(schedule.stdout.contains("  - id: two-day-review    # Europe/Helsinki\n    start: 2024-05-28T09:00\n    end: 2024-05-29T17:00"),
                "\(schedule.stdout)")
    }
}
