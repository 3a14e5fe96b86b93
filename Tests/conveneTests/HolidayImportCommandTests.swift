import Foundation
import Testing

/// End-to-end: a calendar of public holidays made by Python icalendar (all-day, a yearly rule, a
/// two-day holiday, a quote in a name) becomes `blackouts:` lines that a new workspace accepts.
@Suite("convene import --blackouts")
struct HolidayImportCommandTests {
    static let script = """
        import sys, datetime, icalendar
        cal = icalendar.Calendar()
        cal.add('prodid', '-//Test holidays//EN'); cal.add('version', '2.0')
        def holiday(uid, name, start, days, rule=None):
            e = icalendar.Event()
            e.add('uid', uid); e.add('summary', name); e.add('dtstamp', datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc))
            e.add('dtstart', start); e.add('dtend', start + datetime.timedelta(days=days))
            if rule: e.add('rrule', rule)
            cal.add_component(e)
        holiday('ny', "New Year's Day", datetime.date(2020, 1, 1), 1, {'freq': 'yearly'})
        holiday('madaraka', 'Madaraka Day', datetime.date(2027, 6, 1), 1)
        holiday('eid', 'Eid al-Adha "Idd-ul-Azha"', datetime.date(2027, 5, 16), 2)
        open(sys.argv[1], 'wb').write(cal.to_ical())
        """

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func holidaysBecomeBlackoutsThePlanAccepts() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let holidays = folder.appendingPathComponent("ke-holidays.ics")
        #expect(try CLIRunner.runTool("python3", ["-c", Self.script, holidays.path]).status == 0)
        let result = try CLIRunner.run(["import", holidays.path, "--blackouts", "--country", "KE", "--from", "2027-01-01", "--to", "2027-12-31"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            blackouts:
              - {id: ke-holiday-2027-01-01, name: "New Year's Day", from: 2027-01-01, to: 2027-01-01, country: KE}
              - {id: ke-holiday-2027-05-16, name: "Eid al-Adha \\"Idd-ul-Azha\\"", from: 2027-05-16, to: 2027-05-17, country: KE}
              - {id: ke-holiday-2027-06-01, name: "Madaraka Day", from: 2027-06-01, to: 2027-06-01, country: KE}

            """, "\(result.stdout)")

        // Pasted into a new workspace in place of `blackouts: []`, the plan validates.
        let workspace = folder.appendingPathComponent("kenya")
        #expect(try CLIRunner.run(["init", workspace.path, "--country", "KE"]).status == 0)
        let plan = workspace.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8).replacingOccurrences(of: "blackouts: []\n", with: result.stdout)
        try text.write(to: plan, atomically: true, encoding: .utf8)
        let validated = try CLIRunner.run(["validate", "--workspace", workspace.path])
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
    }

    @Test func aFileThatIsNotICalendarIsBadInput() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let file = folder.appendingPathComponent("holidays.ics")
        try "not a calendar\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["import", file.path, "--blackouts"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("holidays.ics:1"), "\(result.stderr)")
    }
}
