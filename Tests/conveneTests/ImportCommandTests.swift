import Foundation
import Testing

/// End-to-end: `convene import` records replies made by another client (Python icalendar) and the
/// busy time in real-world calendar exports, and rejects broken files without touching the workspace.
@Suite("convene import")
struct ImportCommandTests {
    static let busy = CLIRunner.fixtures.appendingPathComponent("busy")
    static let stamp = ["SOURCE_DATE_EPOCH": "1732700000"]

    func workspace(exported: Bool) throws -> URL {
        let copy = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        if exported {
            let result = try CLIRunner.run(["export", "--workspace", copy.path], environment: Self.stamp)
            #expect(result.status == 0, "\(result.stderr)")
        }
        return copy
    }

    func reply(_ workspace: URL, event: String, email: String, partstat: String, delegate: String? = nil) throws -> String {
        let out = workspace.appendingPathComponent("reply-\(UUID().uuidString).ics").path
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path
        let made = try CLIRunner.runTool("python3", [script, workspace.appendingPathComponent("export/invitations/\(event).ics").path,
                                                     email, partstat, out] + (delegate.map { [$0] } ?? []))
        #expect(made.status == 0, "\(made.stderr)")
        return out
    }

    func replies(of event: String, in workspace: URL) throws -> [String: Int] {
        let listed = try CLIRunner.run(["events", "--workspace", workspace.path, "--format", "json"])
        let events = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        return events.first { $0["id"] as? String == event }?["replies"] as? [String: Int] ?? [:]
    }

    /// Busy intervals recorded for a person, as "start/end" in UTC.
    func busyIntervals(_ workspace: URL) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: workspace.appendingPathComponent("records/busy.json").path) else { return [] }
        let items = try JSONSerialization.jsonObject(with: data) as? [[String: Any]] ?? []
        let format = ISO8601DateFormatter()
        return items.compactMap { item in
            guard let span = item["span"] as? [String: Any], let start = span["start"] as? Int, let end = span["end"] as? Int else { return nil }
            return format.string(from: Date(timeIntervalSince1970: Double(start))) + "/" + format.string(from: Date(timeIntervalSince1970: Double(end)))
        }
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aReplyMadeByAnotherClientShowsUp() throws {
        let workspace = try workspace(exported: true)
        #expect(try replies(of: "cooperation-group-2024", in: workspace)["needs-action"] == 3)  // Aino, Leena, Amira
        let accepted = try reply(workspace, event: "cooperation-group-2024", email: "leena.korhonen@hel.example", partstat: "ACCEPTED")
        let declined = try reply(workspace, event: "cooperation-group-2024", email: "Amira.Haddad@youth.example", partstat: "DECLINED")
        let result = try CLIRunner.run(["import", accepted, declined, "--workspace", workspace.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let counts = try replies(of: "cooperation-group-2024", in: workspace)
        #expect(counts["accepted"] == 1 && counts["declined"] == 1 && counts["needs-action"] == 1, "\(counts)")
        // The next export carries the attendee's PARTSTAT.
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: Self.stamp)
        let invitation = try String(contentsOf: workspace.appendingPathComponent("export/invitations/cooperation-group-2024.ics"), encoding: .utf8)
        #expect(invitation.replacingOccurrences(of: "\r\n ", with: "").contains("PARTSTAT=ACCEPTED:mailto:leena.korhonen@hel.example"))
        // Importing the same reply again changes nothing.
        let before = FileManager.default.contents(atPath: workspace.appendingPathComponent("records/replies.json").path)
        _ = try CLIRunner.run(["import", accepted, "--workspace", workspace.path])
        #expect(FileManager.default.contents(atPath: workspace.appendingPathComponent("records/replies.json").path) == before)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func unknownAttendeesAndStaleSequencesAreReportedAndIgnored() throws {
        let workspace = try workspace(exported: true)
        let stranger = try reply(workspace, event: "monthly-call", email: "someone@else.example", partstat: "ACCEPTED")
        let early = try reply(workspace, event: "cooperation-group-2024", email: "leena.korhonen@hel.example", partstat: "ACCEPTED")
        // The organiser moves the meeting: the invitation goes to SEQUENCE 1; the early reply answered SEQUENCE 0.
        let plan = workspace.appendingPathComponent("plan.yaml")
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(of: "start: 2024-03-28T10:00", with: "start: 2024-03-28T11:00")
            .write(to: plan, atomically: true, encoding: .utf8)
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732800000"])
        let result = try CLIRunner.run(["import", stranger, early, "--workspace", workspace.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("'mailto:someone@else.example' is not invited"))
        #expect(result.stdout.contains("answers SEQUENCE 0, but the invitation is at SEQUENCE 1"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("records/replies.json").path))
    }

    @Test func aBusyCalendarIsNotAReply() throws {
        let workspace = try workspace(exported: false)
        let result = try CLIRunner.run(["import", Self.busy.appendingPathComponent("google-floating-xwrtimezone-override.ics").path,
                                        "--workspace", workspace.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("google-floating-xwrtimezone-override.ics:5:1: error: this is not a reply"))
        #expect(result.stderr.contains("--busy-for"))
    }

    /// Each real-world quirk, with the busy time it must give (UTC).
    @Test(arguments: [
        ("google-floating-xwrtimezone-override.ics", ["2024-09-03T07:00:00Z/2024-09-03T08:00:00Z", "2024-09-04T21:00:00Z/2024-09-05T21:00:00Z",
                                                      "2024-09-17T11:00:00Z/2024-09-17T12:00:00Z", "2024-09-24T07:00:00Z/2024-09-24T08:00:00Z"]),
        ("outlook-windows-zone-names-folded.ics", ["2024-10-15T06:00:00Z/2024-10-15T07:00:00Z", "2024-10-16T07:00:00Z/2024-10-16T08:30:00Z"]),
        ("apple-dst-fallback-alarm.ics", ["2024-11-03T05:30:00Z/2024-11-03T07:30:00Z"]),
        ("thunderbird-floating-lf.ics", ["2024-11-20T11:00:00Z/2024-11-20T12:00:00Z"]),
        ("freebusy-vfreebusy.ics", ["2024-12-02T08:00:00Z/2024-12-02T09:00:00Z", "2024-12-03T08:00:00Z/2024-12-03T08:30:00Z",
                                    "2024-12-05T12:00:00Z/2024-12-05T13:00:00Z"]),
    ])
    func busyCalendarQuirks(file: String, expected: [String]) throws {
        let workspace = try workspace(exported: false)
        let result = try CLIRunner.run(["import", Self.busy.appendingPathComponent(file).path, "--busy-for", "aino-virtanen",
                                        "--workspace", workspace.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try busyIntervals(workspace) == expected)
        // Nothing private is kept: no summary text reaches the records.
        let stored = try String(contentsOf: workspace.appendingPathComponent("records/busy.json"), encoding: .utf8)
        for secret in ["viikkopalaveri", "Kyiv partners", "barangay", "اجتماع", "সভা"] { #expect(!stored.contains(secret)) }
    }

    @Test(arguments: [
        ("not-icalendar.ics", ":1:1: error: this is not an iCalendar file"),
        ("truncated.ics", ":8:1: error: the file ends inside VEVENT"),
        ("broken-line-x-lic-error.ics", ":6:9: error: libical could not read this line"),
    ])
    func brokenFilesAreReportedAndTheOthersStillImport(file: String, message: String) throws {
        let workspace = try workspace(exported: false)
        let result = try CLIRunner.run(["import", Self.busy.appendingPathComponent(file).path,
                                        Self.busy.appendingPathComponent("thunderbird-floating-lf.ics").path,
                                        "--busy-for", "aino-virtanen", "--workspace", workspace.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains(file + message), "\(result.stderr)")
        #expect(try busyIntervals(workspace) == ["2024-11-20T11:00:00Z/2024-11-20T12:00:00Z"])
        // A failed import on its own changes nothing.
        let alone = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        let failed = try CLIRunner.run(["import", Self.busy.appendingPathComponent(file).path, "--busy-for", "aino-virtanen", "--workspace", alone.path])
        #expect(failed.status == 2)
        #expect(!FileManager.default.fileExists(atPath: alone.appendingPathComponent("records").path))
    }

    @Test func busyTimeCountsInCheck() throws {
        let workspace = try workspace(exported: false)
        // Aino chairs the monthly call on the first Thursday; her own calendar has her busy on 2024-06-06 09:30 Helsinki.
        let calendar = workspace.appendingPathComponent("aino.ics")
        try "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nBEGIN:VEVENT\r\nUID:x1\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:20240606T063000Z\r\nDTEND:20240606T073000Z\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            .write(to: calendar, atomically: true, encoding: .utf8)
        let before = try CLIRunner.run(["check", "--workspace", workspace.path, "--today", "2024-06-01", "--format", "csv"])
        #expect(!before.stdout.contains("person-busy-elsewhere"))
        let imported = try CLIRunner.run(["import", calendar.path, "--busy-for", "aino-virtanen", "--workspace", workspace.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let after = try CLIRunner.run(["check", "--workspace", workspace.path, "--today", "2024-06-01", "--format", "csv"])
        #expect(after.status == 1)
        #expect(after.stdout.contains("error,person-busy-elsewhere,monthly-call"), "\(after.stdout)")
        #expect(!after.stdout.contains("Dentist"))
    }
}
