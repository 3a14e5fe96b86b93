import Foundation
import Testing

/// End-to-end: `convene send` hands the sample's invitations to Debian's msmtp, which delivers
/// them to a real SMTP server (PyPI aiosmtpd) on loopback; Python's `email` package reads every
/// delivered message and Python `icalendar` every calendar part, and both are compared with the
/// export and the plan.
@Suite("convene send", .serialized)
struct SendCommandTests {
    static let stamp = ["SOURCE_DATE_EPOCH": "1796500000"]
    static let organizer = "convenings@strongcities.example"

    /// A temporary copy of the sample, exported there.
    func sample() throws -> URL {
        let copy = try CLIRunner.copyOf(CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities"))
        let exported = try CLIRunner.run(["export", "--workspace", copy.path], environment: Self.stamp)
        #expect(exported.status == 0, "\(exported.stderr)")
        return copy
    }

    /// Event id to (uid, sequence) from the export ledger.
    func ledger(_ workspace: URL) throws -> [String: (uid: String, sequence: Int)] {
        let data = try Data(contentsOf: workspace.appendingPathComponent("records/exports.json"))
        let entries = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["entries"] as? [String: [String: Any]] ?? [:]
        return entries.mapValues { ($0["uid"] as? String ?? "", $0["sequence"] as? Int ?? -1) }
    }

    func event(of message: [String: Any]) -> String {
        let id = message["messageID"] as? String ?? ""
        return String(id.dropFirst("<convene.".count).split(separator: ".").first ?? "")
    }

    @Test(.enabled(if: LoopbackSMTPServer.available), .timeLimit(.minutes(5)))
    func theSampleIsDeliveredThroughARealSMTPServerOnceOnly() throws {
        let workspace = try sample()
        let server = try LoopbackSMTPServer(in: workspace.deletingLastPathComponent())
        defer { server.stop() }
        let sent = try CLIRunner.run(["send", "--workspace", workspace.path, "--sendmail", server.msmtp(from: Self.organizer)], environment: Self.stamp)
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")

        let ledger = try ledger(workspace)
        let invitations = workspace.appendingPathComponent("export/invitations")
        let messages = try server.delivered()
        #expect(messages.count == ledger.count, "one message per exported event")
        #expect(Set(messages.map(event(of:))) == Set(ledger.keys))
        #expect(Set(messages.compactMap { $0["messageID"] as? String }).count == messages.count)
        for message in messages {
            let id = event(of: message)
            let calendars = message["calendars"] as? [[String: Any]] ?? []
            #expect((message["defects"] as? [String])?.isEmpty == true, "\(id): \(message["defects"] ?? "")")
            #expect(message["fromAddress"] as? String == Self.organizer)
            #expect(String(describing: message["structure"] ?? "")
                    == String(describing: ["multipart/mixed": [["multipart/alternative": ["text/plain", "text/calendar"]], "application/ics"]]))
            #expect(calendars.count == 2)
            guard let inline = calendars.first, let attachment = calendars.last, let expected = ledger[id] else { continue }
            // The calendar is the export's, byte for byte, both inline and as invite.ics.
            let file = try String(contentsOf: invitations.appendingPathComponent("\(id).ics"), encoding: .utf8)
            // (The SMTP server stores lines with LF: only the base64 attachment keeps CRLF.)
            func lines(_ text: Any?) -> String { (text as? String ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
            #expect(lines(inline["bytes"]) == lines(file), "\(id)")
            #expect(attachment["bytes"] as? String == file, "\(id)")
            #expect(attachment["filename"] as? String == "invite.ics")
            #expect(attachment["disposition"] as? String == "attachment")
            let method = inline["method"] as? String ?? ""
            #expect(["REQUEST", "CANCEL"].contains(method))
            #expect(inline["methodParameter"] as? String == method, "RFC 6047 §2.4: the method parameter matches METHOD")
            #expect((inline["charset"] as? String)?.lowercased() == "utf-8")
            let events = inline["events"] as? [[String: Any]] ?? []
            #expect(events.count == 1)
            guard let vevent = events.first else { continue }
            #expect(vevent["uid"] as? String == expected.uid)
            #expect(vevent["sequence"] as? Int == expected.sequence)
            // Recipients: the message's To, the SMTP envelope, and the invitation's attendees agree.
            let attendees = Set(vevent["attendees"] as? [String] ?? []).subtracting([Self.organizer])
            #expect(Set(message["to"] as? [String] ?? []) == attendees, "\(id)")
            #expect(Set(message["rcptTo"] as? [String] ?? []) == attendees, "\(id)")
            // The text says when, in UTC, as Python icalendar reads the calendar.
            let text = message["text"] as? String ?? ""
            if let start = vevent["startUTC"] as? String, vevent["allDay"] as? Bool == false {
                #expect(text.contains("\(start) to ") && text.contains(" UTC"), "\(id): \(start) not in the text")
            }
        }
        // The plan's names: the mayor of Nansana is addressed by name, with her level.
        let roundtable = try #require(messages.first { event(of: $0) == "uganda-esa-roundtable-2024" })
        #expect((roundtable["toNames"] as? [String])?.contains("Regina Bakitte") == true)
        let text = roundtable["text"] as? String ?? ""
        #expect(text.contains("Tuesday 15 October 2024, 09:00 to 16:00 Africa/Kampala (UTC+03:00)"))
        #expect(text.contains("2024-10-15 06:00 to 13:00 UTC"))
        #expect(text.contains("Local government (5):") && text.contains("Regina Bakitte (Nansana Municipal Council)"))
        #expect(roundtable["subject"] as? String == "Invitation: ESA Regional Hub roundtable: local government in the review of the national strategy, Tue 15 Oct 2024, Kampala")

        // A second run sends nothing.
        let again = try CLIRunner.run(["send", "--workspace", workspace.path, "--sendmail", server.msmtp(from: Self.organizer)], environment: Self.stamp)
        #expect(again.status == 0)
        #expect(again.stdout.contains("0 messages sent, 0 failed, \(ledger.count) events already sent."), "\(again.stdout)")
        #expect(try server.delivered().count == messages.count)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aChangedEventIsSentAgainAndACancellationOnce() throws {
        let workspace = try sample()
        let out = workspace.appendingPathComponent("outbox")
        let first = try CLIRunner.run(["send", "uganda-esa-roundtable-2024", "--workspace", workspace.path, "--out", out.path], environment: Self.stamp)
        #expect(first.status == 0, "\(first.stderr)")
        // Moved by an hour: SEQUENCE rises, and only that event is due again.
        let plan = workspace.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "    start: 2024-10-15T09:00\n    end: 2024-10-15T16:00", with: "    start: 2024-10-15T10:00\n    end: 2024-10-15T16:00")
            .write(to: plan, atomically: true, encoding: .utf8)
        // Sending before exporting is refused: the invitation would not say what the plan says.
        let stale = try CLIRunner.run(["send", "uganda-esa-roundtable-2024", "--workspace", workspace.path, "--out", out.path], environment: Self.stamp)
        #expect(stale.status == 2)
        #expect(stale.stderr.contains("the plan has changed since the last export"), "\(stale.stderr)")
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1796600000"])
        let dry = try CLIRunner.run(["send", "--workspace", workspace.path, "--out", out.path, "--dry-run", "--format", "json"], environment: Self.stamp)
        #expect(dry.status == 0)
        let planned = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any] ?? [:]
        let due = planned["sent"] as? [[String: Any]] ?? []
        // The roundtable's update, and every other event (never sent).
        #expect(due.contains { $0["event"] as? String == "uganda-esa-roundtable-2024" && $0["sequence"] as? Int == 1
            && ($0["subject"] as? String)?.hasPrefix("Updated invitation: ") == true })
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("uganda-esa-roundtable-2024-1-request").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).count == 1, "a dry run writes nothing")

        let update = try CLIRunner.run(["send", "uganda-esa-roundtable-2024", "--workspace", workspace.path, "--out", out.path, "--bcc"], environment: Self.stamp)
        #expect(update.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == 2)
        let updated = try #require(files.first { $0.hasPrefix("uganda-esa-roundtable-2024-1-request") })
        let checked = try CLIRunner.runTool("python3", ["-c", """
            import sys, email, icalendar
            from email import policy
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=policy.default)
            cal = next(p for p in m.walk() if p.get_content_type() == 'text/calendar')
            c = icalendar.Calendar.from_ical(cal.get_payload(decode=True))
            e = next(iter(c.walk('VEVENT')))
            print(m['To'].addresses[0].addr_spec, len(m['Bcc'].addresses), c['METHOD'], e['SEQUENCE'], e.decoded('dtstart').isoformat())
            """, out.appendingPathComponent(updated).path])
        #expect(checked.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(Self.organizer) 17 REQUEST 1 2024-10-15T10:00:00+03:00", "\(checked.stdout)\(checked.stderr)")

        // Cancelled in the plan: one CANCEL, then nothing.
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(of: "    venue: ug-kampala-serena\n    status: held", with: "    venue: ug-kampala-serena\n    status: cancelled")
            .write(to: plan, atomically: true, encoding: .utf8)
        _ = try CLIRunner.run(["export", "--workspace", workspace.path], environment: ["SOURCE_DATE_EPOCH": "1796700000"])
        let cancel = try CLIRunner.run(["send", "uganda-esa-roundtable-2024", "--workspace", workspace.path, "--out", out.path], environment: Self.stamp)
        #expect(cancel.stdout.contains("wrote CANCEL uganda-esa-roundtable-2024 (SEQUENCE 2)"), "\(cancel.stdout)\(cancel.stderr)")
        let once = try CLIRunner.run(["send", "uganda-esa-roundtable-2024", "--workspace", workspace.path, "--out", out.path], environment: Self.stamp)
        #expect(once.stdout.contains("0 messages written"), "\(once.stdout)")
        let log = try String(contentsOf: workspace.appendingPathComponent("records/sent.json"), encoding: .utf8)
        #expect(log.split(separator: "\n").count == 3 + 2, "one record a line between [ and ]")
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func aTransportFailureIsReportedAndTheOthersGoOn() throws {
        let workspace = try sample()
        let inbox = workspace.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        // A sendmail stand-in that refuses one event's message, as a transport refuses a bad address.
        let script = workspace.appendingPathComponent("fake-sendmail.sh")
        try """
            #!/bin/sh
            message=$(cat)
            case "$message" in *"X-Convene-Event: canada-fpt-2024-04;"*) echo "recipient address rejected" >&2; exit 75;; esac
            printf '%s\\n' "$message" > "\(inbox.path)/$(date +%s%N).eml"
            """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        // The plan names the mail command (settings.mail.sendmail); --sendmail overrides it.
        let plan = workspace.appendingPathComponent("plan.yaml")
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(
            of: "  working-hours: {start: \"09:00\", end: \"17:00\", days: [mon, tue, wed, thu, fri]}\n",
            with: "  working-hours: {start: \"09:00\", end: \"17:00\", days: [mon, tue, wed, thu, fri]}\n  mail: {sendmail: \"'\(script.path)' -t -oi\"}\n")
            .write(to: plan, atomically: true, encoding: .utf8)
        let chosen = ["canada-fpt-2023-12", "canada-fpt-2024-04", "canada-fpt-2024-09"]
        let result = try CLIRunner.run(["send"] + chosen + ["--workspace", workspace.path], environment: Self.stamp)
        #expect(result.status == 1)
        #expect(result.stderr.contains("canada-fpt-2024-04: not sent:") && result.stderr.contains("recipient address rejected"), "\(result.stderr)")
        #expect(result.stdout.contains("2 messages sent, 1 failed"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).count == 2)
        // Fixed transport: only the failed one goes.
        let retry = try CLIRunner.run(["send"] + chosen + ["--workspace", workspace.path, "--out", workspace.appendingPathComponent("outbox").path], environment: Self.stamp)
        #expect(retry.status == 0)
        #expect(retry.stdout.contains("wrote REQUEST canada-fpt-2024-04") && retry.stdout.contains("1 message written"), "\(retry.stdout)")
        // A missing program is a failure with a hint, not a crash.
        let missing = try CLIRunner.run(["send", "global-summit-2023", "--workspace", workspace.path, "--sendmail", "no-such-sendmail -t"], environment: Self.stamp)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no mail program 'no-such-sendmail'"), "\(missing.stderr)")
        let unknown = try CLIRunner.run(["send", "uganda-esa-roundtable", "--workspace", workspace.path, "--dry-run"], environment: Self.stamp)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'uganda-esa-roundtable-2024'?"), "\(unknown.stderr)")
    }
}
