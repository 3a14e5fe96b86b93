import Foundation
import Testing

/// End-to-end: replies that Python's `email` and `icalendar` build the way Outlook (inline
/// text/calendar; method=REPLY, base64) and Gmail (quoted-printable calendar plus an invite.ics
/// attachment) build them, and one forwarded inside another message, land in a Maildir and an
/// mbox; `convene import` records each exactly once.
@Suite("convene import from mail")
struct MailImportTests {
    /// Recorded status by person for one event, from `records/replies.json`.
    func replies(of event: String, in workspace: URL) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: workspace.appendingPathComponent("records/replies.json").path) else { return [:] }
        let replies = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["replies"] as? [[String: Any]] ?? []
        var statuses: [String: String] = [:]
        for reply in replies where reply["eventID"] as? String == event {
            statuses[reply["personID"] as? String ?? ""] = reply["status"] as? String
        }
        return statuses
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func repliesFromAMaildirAndAnMboxAreRecordedExactlyOnce() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities"))
        let folder = workspace.deletingLastPathComponent()
        let maildir = folder.appendingPathComponent("Maildir"), mbox = folder.appendingPathComponent("replies.mbox")
        let event = "uganda-esa-roundtable-2024"
        let before = try replies(of: event, in: workspace)
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/mail_replies.py").path
        let made = try CLIRunner.runTool("python3", [script, workspace.appendingPathComponent("export/invitations").path, maildir.path, mbox.path,
                                                     "\(event),regina.bakitte@nansana.example,ACCEPTED,outlook,maildir",
                                                     "\(event),moses.kato@nctc-ug.example,DECLINED,gmail,maildir",
                                                     "\(event),sarah.achieng@molg-ug.example,TENTATIVE,forward,mbox",
                                                     "\(event),harriet.nabirye@nctc-ug.example,COUNTER,outlook,mbox",
                                                     "note,,,,maildir", "request,\(event),,,mbox"])
        #expect(made.status == 0, "\(made.stderr)")

        let imported = try CLIRunner.run(["import", "--maildir", maildir.path, mbox.path, "--workspace", workspace.path])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("6 messages read: 3 replies recorded, 1 proposal, 2 without a reply, 0 already imported."), "\(imported.stdout)")
        #expect(imported.stdout.contains("mailto:harriet.nabirye@nctc-ug.example proposes another time"))
        #expect(imported.stdout.contains("2024-10-15T07:00:00Z"), "the COUNTER's start, an hour later, in UTC")
        var expected = before
        expected["regina-bakitte"] = "accepted"
        expected["moses-kato"] = "declined"
        expected["sarah-achieng"] = "tentative"
        #expect(try replies(of: event, in: workspace) == expected, "the COUNTER changes nothing")
        #expect(before["moses-kato"] != "declined" && before["sarah-achieng"] != "tentative", "the sample must not hold these already")

        // Again: nothing new, no record file changes.
        let records = workspace.appendingPathComponent("records")
        let snapshot = try FileManager.default.contentsOfDirectory(atPath: records.path).sorted().map { try Data(contentsOf: records.appendingPathComponent($0)) }
        let again = try CLIRunner.run(["import", "--maildir", maildir.path, mbox.path, "--workspace", workspace.path, "--format", "json"])
        #expect(again.status == 0)
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(summary["alreadyRead"] as? Int == 6 && (summary["recorded"] as? [Any])?.isEmpty == true, "\(again.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: records.path).sorted().map { try Data(contentsOf: records.appendingPathComponent($0)) } == snapshot)

        // The next export carries the PARTSTATs.
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1796500000"])
        let invitation = try String(contentsOf: workspace.appendingPathComponent("export/invitations/\(event).ics"), encoding: .utf8)
            .replacingOccurrences(of: "\r\n ", with: "")
        #expect(invitation.contains("PARTSTAT=ACCEPTED:mailto:regina.bakitte@nansana.example"))
        #expect(invitation.contains("PARTSTAT=DECLINED:mailto:moses.kato@nctc-ug.example"))
    }

    @Test func mailAndCalendarFilesAreImportedInSeparateRuns() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities"))
        let eml = workspace.appendingPathComponent("note.eml")
        try Data("From: a@b.example\r\nSubject: hi\r\n\r\nno calendar here\r\n".utf8).write(to: eml)
        let mixed = try CLIRunner.run(["import", eml.path, workspace.appendingPathComponent("export/invitations/global-summit-2023.ics").path,
                                       "--workspace", workspace.path])
        #expect(mixed.status == 64 || mixed.status == 2, "\(mixed.stderr)")
        #expect(mixed.stderr.contains("separate runs"))
        let note = try CLIRunner.run(["import", eml.path, "--workspace", workspace.path])
        #expect(note.status == 0)
        #expect(note.stdout.contains("1 message read: 0 replies recorded, 0 proposals, 1 without a reply"), "\(note.stdout)")
        let notMaildir = try CLIRunner.run(["import", "--maildir", workspace.path, "--workspace", workspace.path])
        #expect(notMaildir.status == 2)
        #expect(notMaildir.stderr.contains("this is not a Maildir"))
    }
}
