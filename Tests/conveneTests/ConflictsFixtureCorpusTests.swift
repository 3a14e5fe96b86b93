import Testing

/// Each real-world quirk in `Fixtures/ics/` gives the counts worked out by hand (see the comments
/// in the fixtures) and the right exit code.
@Suite struct ConflictsFixtureCorpusTests {
    @Test(arguments: [
        ("google-recurring-with-override.ics", "5 occurrences, 1 conflicting pairs"),
        ("outlook-crlf-folded.ics", "3 occurrences, 2 conflicting pairs"),
        ("apple-all-day.ics", "4 occurrences, 2 conflicting pairs"),
        ("thunderbird-floating-time.ics", "3 occurrences, 2 conflicting pairs"),
        ("evolution-builtin-tzid.ics", "2 occurrences, 1 conflicting pairs"),
        ("handwritten-rdate-exdate-dst.ics", "6 occurrences, 2 conflicting pairs"),
        ("vdir-khal", "2 occurrences, 1 conflicting pairs"),
    ])
    func goodCalendars(file: String, totals: String) throws {
        let result = try CLIRunner.run(["conflicts", "--count", ConflictsSupport.fixture(file)])
        #expect(result.stdout == totals + "\n")
        #expect(result.stderr.isEmpty)
        #expect(result.status == 1)
    }

    @Test(arguments: [
        ("truncated.ics", "truncated.ics:9:1", "truncated"),
        ("not-icalendar.ics", "not-icalendar.ics:1:1", "not an iCalendar file"),
        ("broken-line-x-lic-error.ics", "broken-line-x-lic-error.ics:8:9", "2025-06-02 09:00"),
        ("unknown-tzid.ics", "unknown-tzid.ics:7:9", "Mars/Olympus_Mons"),
    ])
    func badCalendars(file: String, location: String, mention: String) throws {
        let result = try CLIRunner.run(["conflicts", "--count", ConflictsSupport.fixture(file)])
        #expect(result.status == 2)
        #expect(result.stderr.contains(location))
        #expect(result.stderr.contains(mention))
        #expect(result.stdout == "0 occurrences, 0 conflicting pairs\n")
    }
}
