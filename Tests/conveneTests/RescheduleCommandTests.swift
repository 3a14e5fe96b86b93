import Foundation
import Testing

/// End-to-end: a reschedule by the book (RFC 5546 §2.1.4, §3.2.2). Replies made by Python icalendar
/// to the first invitation stop counting once the time changes and the invitation goes out again at
/// a higher SEQUENCE: the new invitation asks again (PARTSTAT=NEEDS-ACTION, RSVP=TRUE, as Python
/// icalendar reads it), `events` and reports count only the answers to the new version, and the
/// record keeps who answered which version.
@Suite("Reschedules by the book")
struct RescheduleCommandTests {
    static let event = "cooperation-group-2024"

    func replies(_ workspace: URL) throws -> [String: Int] {
        let listed = try CLIRunner.run(["events", "--workspace", workspace.path, "--format", "json"])
        let events = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        return events.first { $0["id"] as? String == Self.event }?["replies"] as? [String: Int] ?? [:]
    }

    func reply(_ workspace: URL, _ email: String, _ partstat: String) throws -> String {
        let out = workspace.appendingPathComponent("reply-\(UUID().uuidString).ics").path
        let made = try CLIRunner.runTool("python3", [CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path,
                                                     workspace.appendingPathComponent("export/invitations/\(Self.event).ics").path,
                                                     email, partstat, out])
        #expect(made.status == 0, "\(made.stderr)")
        return out
    }

    /// PARTSTAT and RSVP of an attendee in the exported invitation, as Python icalendar reads them.
    func attendee(_ workspace: URL, _ email: String) throws -> String {
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for event in cal.walk('VEVENT'):
                for a in event.get('attendee', []):
                    if str(a).lower() == 'mailto:' + sys.argv[2]:
                        print(a.params.get('PARTSTAT'), a.params.get('RSVP'), event.get('sequence'))
            """
        let result = try CLIRunner.runTool("python3", ["-c", script,
                                                       workspace.appendingPathComponent("export/invitations/\(Self.event).ics").path, email])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func movingAnEventAsksEveryoneAgainAndKeepsTheHistory() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732700000"]).status == 0)
        let accepted = try reply(workspace, "leena.korhonen@hel.example", "ACCEPTED")
        #expect(try CLIRunner.run(["import", accepted, "--workspace", workspace.path]).status == 0)
        #expect(try replies(workspace)["accepted"] == 1)
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732700000"])
        #expect(try attendee(workspace, "leena.korhonen@hel.example") == "ACCEPTED TRUE 0")

        // The meeting moves by an hour: SEQUENCE 1, and Leena's answer to SEQUENCE 0 no longer counts.
        let plan = workspace.appendingPathComponent("plan.yaml")
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(of: "start: 2024-03-28T10:00", with: "start: 2024-03-28T11:00")
            .write(to: plan, atomically: true, encoding: .utf8)
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732800000"]).status == 0)
        #expect(try attendee(workspace, "leena.korhonen@hel.example") == "NEEDS-ACTION TRUE 1")
        let counts = try replies(workspace)
        #expect(counts["accepted"] == nil && counts["needs-action"] == 3, "\(counts)")
        let report = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", Self.event, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
        #expect((json["events"] as? [[String: Any]])?.first?["accepted"] as? Int == 0)

        // She answers the new version: it counts, and the record keeps both answers.
        let declined = try reply(workspace, "leena.korhonen@hel.example", "DECLINED")
        #expect(try CLIRunner.run(["import", declined, "--workspace", workspace.path]).status == 0)
        #expect(try replies(workspace)["declined"] == 1)
        let record = try String(contentsOf: workspace.appendingPathComponent("records/replies.json"), encoding: .utf8)
        #expect(record.contains("\"personID\":\"leena-korhonen\",\"sequence\":0,\"status\":\"accepted\""))
        #expect(record.contains("\"personID\":\"leena-korhonen\",\"sequence\":1,\"status\":\"declined\""))
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732800000"])
        #expect(try attendee(workspace, "leena.korhonen@hel.example") == "DECLINED TRUE 1")
    }
}
