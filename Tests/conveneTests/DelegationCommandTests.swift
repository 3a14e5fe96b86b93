import Foundation
import Testing

/// End-to-end: delegation by the book (RFC 5546 §3.2.2.3). A DELEGATED reply made by Python icalendar
/// puts DELEGATED-TO on the invitee and invites the delegate with DELEGATED-FROM (a plan person, or a
/// guest address as given), as Python icalendar reads the next export; the delegate who attends
/// takes the invitee's seat in reports.
@Suite("Delegation by the book")
struct DelegationCommandTests {
    static let event = "cooperation-group-2024"

    func exported() throws -> URL {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732700000"]).status == 0)
        return workspace
    }

    func delegate(_ workspace: URL, from email: String, to delegate: String) throws {
        let out = workspace.appendingPathComponent("reply-\(UUID().uuidString).ics").path
        let made = try CLIRunner.runTool("python3", [CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path,
                                                     workspace.appendingPathComponent("export/invitations/\(Self.event).ics").path,
                                                     email, "DELEGATED", out, delegate])
        #expect(made.status == 0, "\(made.stderr)")
        let imported = try CLIRunner.run(["import", out, "--workspace", workspace.path])
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1732700000"]).status == 0)
    }

    /// `address PARTSTAT DELEGATED-TO DELEGATED-FROM` per attendee, as Python icalendar reads them.
    func attendees(_ workspace: URL) throws -> [String] {
        let script = """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for event in cal.walk('VEVENT'):
                for a in event.get('attendee', []):
                    print(str(a).lower(), a.params.get('PARTSTAT'), a.params.get('DELEGATED-TO', '-').lower(), a.params.get('DELEGATED-FROM', '-').lower(), a.params.get('RSVP'))
            """
        let result = try CLIRunner.runTool("python3", ["-c", script, workspace.appendingPathComponent("export/invitations/\(Self.event).ics").path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aDelegateOutsideThePlanIsInvitedAndTakesTheSeat() throws {
        let workspace = try exported()
        try delegate(workspace, from: "leena.korhonen@hel.example", to: "sanna.aho@hel.example")
        let lines = try attendees(workspace)
        #expect(lines.contains("mailto:leena.korhonen@hel.example DELEGATED mailto:sanna.aho@hel.example - TRUE"), "\(lines)")
        #expect(lines.contains("mailto:sanna.aho@hel.example NEEDS-ACTION - mailto:leena.korhonen@hel.example TRUE"), "\(lines)")
        // The history keeps her address among the event's cancellation lines, to cancel with the rest.
        let history = try JSONSerialization.jsonObject(with: Data(contentsOf: workspace.appendingPathComponent("records/exports.json"))) as? [String: Any]
        let entry = (history?["entries"] as? [String: Any])?[Self.event] as? [String: Any]
        let cancellation = (entry?["cancellationLines"] as? String ?? "").split(separator: "\n").map(String.init)
        #expect(cancellation.contains("ATTENDEE:mailto:sanna.aho@hel.example"), "\(cancellation)")
        #expect(cancellation.contains("ATTENDEE:mailto:leena.korhonen@hel.example"), "\(cancellation)")

        // Sanna signs in as a walk-in: she is recorded in Leena's seat (local government).
        let sheet = workspace.appendingPathComponent("sheet.csv")
        try "name,email,organisation\nSanna Aho,sanna.aho@hel.example,City of Helsinki\nAino Virtanen,aino.virtanen@intermin.example,Ministry\n"
            .write(to: sheet, atomically: true, encoding: .utf8)
        let attended = try CLIRunner.run(["attend", Self.event, "--csv", sheet.path, "--workspace", workspace.path])
        #expect(attended.status == 0, "\(attended.stdout)\(attended.stderr)")
        #expect(attended.stdout.contains("delegate line 2: Sanna Aho for Leena Korhonen (leena-korhonen)"), "\(attended.stdout)")
        let report = try CLIRunner.run(["report", "levels", "--workspace", workspace.path, "--event", Self.event, "--format", "json"])
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any] ?? [:]
        let row = (json["events"] as? [[String: Any]])?.first ?? [:]
        #expect(row["represented"] as? Int == 2)   // Aino in person, Leena through her delegate
        #expect(row["deputies"] as? Int == 1)
        #expect(row["accepted"] as? Int == 1)      // Leena's DELEGATED counts as a yes for her seat
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aDelegateInThePlanIsInvitedWithTheirOwnLine() throws {
        let workspace = try exported()
        try delegate(workspace, from: "amira.haddad@youth.example", to: "mikko.laine@intermin.example")
        let lines = try attendees(workspace)
        #expect(lines.contains("mailto:amira.haddad@youth.example DELEGATED mailto:mikko.laine@intermin.example - TRUE"), "\(lines)")
        #expect(lines.filter { $0.hasPrefix("mailto:mikko.laine@intermin.example") }.count == 1, "\(lines)")
    }
}
