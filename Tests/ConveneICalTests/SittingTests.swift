import ConveneCore
import Testing
@testable import ConveneICal

/// Sittings of a recurring event: `EVENT@DATE` references resolved against libical's expansion,
/// across a DST change (the venue-local date and time stay put while the UTC instant moves).
@Suite struct SittingTests {
    let expander = LibicalRecurrenceExpander()

    /// Twice-yearly sittings at 10:00 in Helsinki (DST in May, not in November), May 2024 excepted.
    let event = Event(id: "sabha", kind: .forum, title: "Ward Sabha",
                      timing: .timed(start: CivilDateTime(iso: "2023-05-25T10:00")!, end: CivilDateTime(iso: "2023-05-25T13:00")!,
                                     timeZone: "Europe/Helsinki"),
                      recurrence: Recurrence(rule: "FREQ=MONTHLY;INTERVAL=6;COUNT=4", exceptions: [CivilDateTime(iso: "2024-05-25T10:00")!]))
    var window: TimeSpan { TimeSpan(start: 1_600_000_000, end: 1_900_000_000) }

    @Test func referencesParse() {
        #expect(SittingReference(parsing: "sabha") == SittingReference(eventID: "sabha"))
        #expect(SittingReference(parsing: "sabha@2023-11-25")?.date == CivilDate(iso: "2023-11-25"))
        #expect(SittingReference(parsing: "sabha@2023-11-25T10:00")?.time == CivilDateTime(iso: "2023-11-25T10:00"))
        #expect(SittingReference(parsing: "sabha@25/11/2023") == nil)
        #expect(SittingReference(parsing: "sabha@2023-11-25")?.description == "sabha@2023-11-25")
    }

    @Test func sittingsAreVenueLocalStartsWithExceptionsLeftOut() throws {
        let starts = try Sitting.starts(of: event, expander: expander, window: window)
        #expect(starts.map(\.description) == ["2023-05-25T10:00", "2023-11-25T10:00", "2024-11-25T10:00"])
    }

    @Test func resolvingChecksTheDateAndTime() throws {
        #expect(try Sitting.resolve(SittingReference(parsing: "sabha@2023-11-25")!, event: event, expander: expander, window: window) == "2023-11-25")
        #expect(try Sitting.resolve(SittingReference(parsing: "sabha@2023-11-25T10:00")!, event: event, expander: expander, window: window) == "2023-11-25")
        #expect(throws: ReferenceError.self) {
            try Sitting.resolve(SittingReference(parsing: "sabha@2023-11-25T11:00")!, event: event, expander: expander, window: window)
        }
        #expect(throws: ReferenceError.self) {  // excepted
            try Sitting.resolve(SittingReference(parsing: "sabha@2024-05-25")!, event: event, expander: expander, window: window)
        }
        do {
            _ = try Sitting.resolve(SittingReference(parsing: "sabha")!, event: event, expander: expander, window: window)
            Issue.record("a recurring event without a sitting must be refused")
        } catch let error as ReferenceError {
            #expect(error.message.contains("recurs"))
            #expect(error.hint.contains("sabha@2023-11-25"))
        }
        // A one-off event: no occurrence, and a wrong date is refused.
        var once = event
        once.recurrence = nil
        #expect(try Sitting.resolve(SittingReference(parsing: "sabha@2023-05-25")!, event: once, expander: expander, window: window) == nil)
        #expect(throws: ReferenceError.self) {
            try Sitting.resolve(SittingReference(parsing: "sabha@2023-05-26")!, event: once, expander: expander, window: window)
        }
    }
}
