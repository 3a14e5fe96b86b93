import Foundation
import Testing

/// `convene conflicts`, run as a user runs it.
@Suite struct ConflictsCommandTests {
    private let google = ConflictsSupport.fixture("google-recurring-with-override.ics")
    private let outlook = ConflictsSupport.fixture("outlook-crlf-folded.ics")

    @Test func countPrintsOneLineAndExitsOneOnConflicts() throws {
        let result = try CLIRunner.run(["conflicts", "--count", google])
        #expect(result.stdout == "5 occurrences, 1 conflicting pairs\n")
        #expect(result.stderr.isEmpty)
        #expect(result.status == 1)
    }

    @Test func noConflictsExitsZero() throws {
        // From November on only the 10 November occurrence is left.
        let result = try CLIRunner.run(["conflicts", "--count", "--from", "2025-11-01", google])
        #expect(result.stdout == "1 occurrences, 0 conflicting pairs\n")
        #expect(result.status == 0)
    }

    @Test func windowEndIsExclusive() throws {
        let before = try CLIRunner.run(["conflicts", "--count", "--to", "2025-10-27", google])
        #expect(before.stdout == "1 occurrences, 0 conflicting pairs\n")
        let day = try CLIRunner.run(["conflicts", "--count", "--from", "2025-10-27", "--to", "2025-10-28", google])
        #expect(day.stdout == "3 occurrences, 1 conflicting pairs\n")
    }

    @Test func jsonListingNamesBothEvents() throws {
        let result = try CLIRunner.run(["conflicts", "--format", "json", outlook])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["occurrences"] as? Int == 3)
        #expect(object["conflictingPairs"] as? Int == 2)
        #expect(object["from"] as? String == "1970-01-01T00:00:00Z")
        #expect(object["to"] as? String == "2100-01-01T00:00:00Z")
        let conflicts = try #require(object["conflicts"] as? [[String: Any]])
        #expect(conflicts.count == 2)
        let first = try #require(conflicts.first)
        #expect(first["attendee"] as? String == "mailto:moussa.diallo@example.org")
        let a = try #require(first["first"] as? [String: Any]), b = try #require(first["second"] as? [String: Any])
        #expect(a["summary"] as? String == "Regional working group")
        #expect(a["start"] as? String == "2025-06-04T07:00:00Z")
        #expect(a["end"] as? String == "2025-06-04T10:00:00Z")
        #expect(b["uid"] as? String == "outlook-mayors-call-20250604")
        #expect(b["start"] as? String == "2025-06-04T09:00:00Z")
        #expect(b["file"] as? String == outlook)
    }

    @Test func csvAndTableListings() throws {
        let csv = try CLIRunner.run(["conflicts", "--format", "csv", outlook])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.count == 3)
        #expect(rows[0] == "attendee,first_file,first_uid,first_summary,first_start,first_end,second_file,second_uid,second_summary,second_start,second_end")
        #expect(rows[2].contains("outlook-press-briefing-20250604"))
        let table = try CLIRunner.run(["conflicts", google])
        #expect(table.stdout.contains("Weekly coordination (moved)"))
        #expect(table.stdout.contains("Donor call"))
        #expect(table.stdout.hasSuffix("5 occurrences, 1 conflicting pairs\n"))
        #expect(table.status == 1)
    }

    @Test func listingsEscapeWhatTheyMust() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("quotes.ics")
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:a\r
            SUMMARY:=SUM(1;2) \\, "quoted" \\\\ back\r
            DTSTART:20250602T090000Z\r
            DTEND:20250602T100000Z\r
            ATTENDEE:mailto:x@example.org\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:b\r
            SUMMARY:Plain\r
            DTSTART:20250602T093000Z\r
            DTEND:20250602T103000Z\r
            ATTENDEE:mailto:x@example.org\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        try text.write(to: file, atomically: true, encoding: .utf8)
        let json = try CLIRunner.run(["conflicts", "--format", "json", file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let pair = try #require((object["conflicts"] as? [[String: Any]])?.first)
        #expect((pair["first"] as? [String: Any])?["summary"] as? String == "=SUM(1;2) , \"quoted\" \\ back")
        let csv = try CLIRunner.run(["conflicts", "--format", "csv", file.path])
        #expect(csv.stdout.contains(",\"'=SUM(1;2) , \"\"quoted\"\" \\ back\","))
    }

    @Test func countInJSONIsOneLine() throws {
        let result = try CLIRunner.run(["conflicts", "--count", "--format", "json", google])
        #expect(result.stdout == "{\"conflictingPairs\":1,\"occurrences\":5}\n")
    }

    @Test func badFilesAreReportedAndTheOthersStillCounted() throws {
        let result = try CLIRunner.run([
            "conflicts", "--count", ConflictsSupport.fixture("truncated.ics"), google,
            ConflictsSupport.fixture("not-icalendar.ics"), ConflictsSupport.fixture("broken-line-x-lic-error.ics"),
            ConflictsSupport.fixture("no-such-file.ics"),
        ])
        #expect(result.status == 2)
        #expect(result.stdout == "5 occurrences, 1 conflicting pairs\n")
        #expect(result.stderr.contains("truncated.ics:9:1: error: the file ends inside VEVENT"))
        #expect(result.stderr.contains("not-icalendar.ics:1:1: error: this is not an iCalendar file"))
        #expect(result.stderr.contains("broken-line-x-lic-error.ics:8:9: error: libical could not read this line"))
        #expect(result.stderr.contains("(event broken@convene.example)"))
        #expect(result.stderr.contains("no-such-file.ics:1:1: error: no such file or folder"))
        #expect(result.stderr.contains("fix: "))
        #expect(result.stderr.contains("4 files could not be used"))
    }

    @Test func aFolderIsReadAsAVdir() throws {
        let result = try CLIRunner.run(["conflicts", "--count", ConflictsSupport.fixture("vdir-khal")])
        #expect(result.stdout == "2 occurrences, 1 conflicting pairs\n")
        #expect(result.status == 1)
    }

    @Test func badArgumentsAreRefused() throws {
        let noFiles = try CLIRunner.run(["conflicts"])
        #expect(noFiles.status != 0)
        #expect(noFiles.stderr.contains("at least one .ics file"))
        let badDate = try CLIRunner.run(["conflicts", "--from", "yesterday", google])
        #expect(badDate.status != 0)
        #expect(badDate.stderr.contains("--from 'yesterday' is not a date"))
        let backwards = try CLIRunner.run(["conflicts", "--from", "2026-01-01", "--to", "2025-01-01", google])
        #expect(backwards.status != 0)
        #expect(backwards.stderr.contains("--from must be before --to"))
    }

    @Test func helpDocumentsTheDefaultWindow() throws {
        let help = try CLIRunner.run(["conflicts", "--help"])
        #expect(help.stdout.contains("1970-01-01 to 2100-01-01"))
        #expect(help.stdout.contains("--count"))
    }
}
