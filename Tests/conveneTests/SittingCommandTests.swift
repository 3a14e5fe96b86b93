import Foundation
import Testing

/// End-to-end: each sitting of a recurring event (the golden plan's monthly call) is addressed as
/// EVENT@DATE, records its own attendance and replies (a reply with RECURRENCE-ID, made by Python
/// icalendar, answers one sitting), and is reported as its own row with retention across sittings.
@Suite("Sittings of a recurring event")
struct SittingCommandTests {
    static let stamp = ["SOURCE_DATE_EPOCH": "1732700000"]

    func workspace() throws -> URL {
        try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
    }

    /// The report's rows by id, from `--format json`.
    func rows(_ workspace: URL, event: String) throws -> [String: [String: Any]] {
        let result = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", event, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        let events = report["events"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: events.map { ($0["id"] as? String ?? "", $0) })
    }

    @Test func aRecurringEventNeedsItsSittingAndAWrongDateNamesTheNearest() throws {
        let workspace = try workspace()
        let bare = try CLIRunner.run(["attend", "monthly-call", "--person", "leena-korhonen", "--workspace", workspace.path])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("event 'monthly-call' recurs: say which sitting"))
        #expect(bare.stderr.contains("monthly-call@2024-05-02"))
        // 4 July 2024 is excepted in the plan: not a sitting.
        let skipped = try CLIRunner.run(["attend", "monthly-call@2024-07-04", "--person", "leena-korhonen", "--workspace", workspace.path])
        #expect(skipped.status == 2)
        #expect(skipped.stderr.contains("has no sitting on 2024-07-04"), "\(skipped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("records/attendance.json").path))
    }

    @Test func attendanceIsRecordedAndReportedPerSittingWithRetentionAcrossThem() throws {
        let workspace = try workspace()
        for (sitting, people) in [("2024-04-04", ["aino-virtanen", "leena-korhonen"]), ("2024-05-02T09:00", ["leena-korhonen"]),
                                  ("2024-06-06", ["aino-virtanen", "leena-korhonen"])] {
            for person in people {
                let result = try CLIRunner.run(["attend", "monthly-call@\(sitting)", "--person", person, "--workspace", workspace.path])
                #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
            }
        }
        let rows = try rows(workspace, event: "monthly-call")
        // Seven sittings: COUNT=8 less the excepted 4 July.
        #expect(rows.count == 7)
        #expect(rows["monthly-call@2024-04-04"]?["attended"] as? Int == 2)
        #expect(rows["monthly-call@2024-05-02"]?["attended"] as? Int == 1)
        #expect(rows["monthly-call@2024-05-02"]?["absent"] as? Int == 1)  // Aino: invited, not on the record
        #expect(rows["monthly-call@2024-08-01"]?["attendanceRecorded"] as? Bool == false)
        #expect(rows["monthly-call@2024-05-02"]?["sittingOf"] as? String == "monthly-call")
        #expect(rows["monthly-call@2024-05-02"]?["date"] as? String == "2024-05-02")

        let report = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--series", "fi-cooperation", "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
        let series = (json["series"] as? [[String: Any]])?.first { $0["id"] as? String == "fi-cooperation" }
        let steps = series?["steps"] as? [[String: Any]] ?? []
        let step = steps.first { $0["from"] as? String == "monthly-call@2024-04-04" && $0["to"] as? String == "monthly-call@2024-05-02" }
        #expect(step?["before"] as? Int == 2)
        #expect(step?["returned"] as? Int == 1)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aReplyWithRecurrenceIDAnswersOneSitting() throws {
        let workspace = try workspace()
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: Self.stamp).status == 0)
        let out = workspace.appendingPathComponent("reply.ics").path
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path
        let made = try CLIRunner.runTool("python3", [script, workspace.appendingPathComponent("export/invitations/monthly-call.ics").path,
                                                     "leena.korhonen@hel.example", "DECLINED", out,
                                                     "--recurrence-id", "2024-05-02T09:00", "--comment", "On leave in May"])
        #expect(made.status == 0, "\(made.stderr)")
        let imported = try CLIRunner.run(["import", out, "--workspace", workspace.path])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("leena-korhonen declined monthly-call@2024-05-02: \"On leave in May\""))
        let rows = try rows(workspace, event: "monthly-call")
        #expect(rows["monthly-call@2024-05-02"]?["repliesRecorded"] as? Bool == true)
        #expect(rows["monthly-call@2024-06-06"]?["repliesRecorded"] as? Bool == false)
        let records = try String(contentsOf: workspace.appendingPathComponent("records/replies.json"), encoding: .utf8)
        #expect(records.contains("\"comment\":\"On leave in May\""))
        #expect(records.contains("\"occurrence\":\"2024-05-02\""))
    }

    /// A reply whose RECURRENCE-ID is no sitting (4 July is excepted; a one-off event has none) is
    /// refused with the file, the line, the UID, the date and the nearest sittings, and nothing is
    /// recorded; a good reply in the same run is still recorded.
    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aReplyToNoSittingIsRefusedWithTheNearestSittings() throws {
        let workspace = try workspace()
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: Self.stamp).status == 0)
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path
        func reply(_ event: String, _ name: String, _ recurrence: String) throws -> String {
            let out = workspace.appendingPathComponent(name).path
            let made = try CLIRunner.runTool("python3", [script, workspace.appendingPathComponent("export/invitations/\(event).ics").path,
                                                         "leena.korhonen@hel.example", "ACCEPTED", out, "--recurrence-id", recurrence])
            #expect(made.status == 0, "\(made.stderr)")
            return out
        }
        let skipped = try reply("monthly-call", "skipped.ics", "2024-07-04T09:00")
        let oneOff = try reply("cooperation-group-2024", "one-off.ics", "2024-03-28T10:00")
        let good = try reply("monthly-call", "good.ics", "2024-06-06T09:00")
        let imported = try CLIRunner.run(["import", skipped, oneOff, good, "--workspace", workspace.path])
        #expect(imported.status == 1, "\(imported.stdout)\(imported.stderr)")
        let line = try #require(imported.stdout.split(separator: "\n").first { $0.contains("skipped.ics") && $0.contains("ignored reply") })
        let recurrenceLine = try String(contentsOfFile: skipped, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("RECURRENCE-ID") }.map { $0 + 1 }
        #expect(line.contains("skipped.ics:\(try #require(recurrenceLine)): ignored reply for monthly-call@golden-nlc.convene"), "\(line)")
        #expect(line.contains("RECURRENCE-ID 2024-07-04 is not a sitting of 'monthly-call'"))
        #expect(line.contains("monthly-call@2024-06-06") && line.contains("monthly-call@2024-08-01"), "\(line)")
        #expect(imported.stdout.contains("event 'cooperation-group-2024' does not recur"), "\(imported.stdout)")
        let records = try String(contentsOf: workspace.appendingPathComponent("records/replies.json"), encoding: .utf8)
        #expect(records.contains("\"occurrence\":\"2024-06-06\""))
        #expect(!records.contains("2024-07-04") && !records.contains("cooperation-group-2024"), "\(records)")
    }

    /// `report --event EVENT@DATE` is that one sitting; a date that is no sitting names the nearest.
    @Test func theReportOfOneSittingHasOneRow() throws {
        let workspace = try workspace()
        #expect(try CLIRunner.run(["attend", "monthly-call@2024-05-02", "--person", "leena-korhonen", "--workspace", workspace.path]).status == 0)
        let one = try rows(workspace, event: "monthly-call@2024-05-02")
        #expect(Array(one.keys) == ["monthly-call@2024-05-02"])
        #expect(one["monthly-call@2024-05-02"]?["attended"] as? Int == 1)
        #expect(try rows(workspace, event: "monthly-call").count == 7)
        let text = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", "monthly-call@2024-05-02"])
        #expect(text.stdout.contains("event monthly-call@2024-05-02") && !text.stdout.contains("monthly-call@2024-06-06"), "\(text.stdout)")
        let wrong = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", "monthly-call@2024-07-04"])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("event 'monthly-call' has no sitting on 2024-07-04"))
        #expect(wrong.stderr.contains("monthly-call@2024-06-06, monthly-call@2024-08-01"), "\(wrong.stderr)")
        let oneOff = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", "cooperation-group-2024@2024-03-29"])
        #expect(oneOff.status == 2 && oneOff.stderr.contains("does not take place on 2024-03-29"), "\(oneOff.stderr)")
    }
}
