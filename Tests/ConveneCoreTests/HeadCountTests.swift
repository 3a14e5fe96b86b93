import Foundation
import Testing
@testable import ConveneCore

/// Head counts (`attended-count:`) beside named attendance: read from the plan, reported per level
/// and sector as the larger of names and count (never the sum), and flagged apart from names.
@Suite("Head counts beside named attendance")
struct HeadCountTests {
    static func plan(count: String) -> String {
        PlanFixtures.plan(events: """
              - id: training
                kind: training
                title: Training
                start: 2024-10-15T09:00
                end: 2024-10-15T16:00
                venue: nansana-hall
                status: held
                requires: {levels: [national, neighbourhood]}
                attended-count: \(count)
                invite:
                  - {person: regina, role: chair}
                  - {person: nctc-director, role: required}
            """)
    }

    @Test func countsAreReadByLevelSectorAndTotal() throws {
        let plan = try PlanFixtures.load(Self.plan(count: "{barangay: 80, Civil Society: 20, municipal: 1, total: 150}"))
        let count = try #require(plan.events.first?.headCount)
        #expect(count.byConstituency == [.level(.neighbourhood): 80, .sector(.civilSociety): 20, .level(.local): 1])
        #expect(count.total == 150 && count.people == 150)
    }

    @Test func badCountsAreLocatedErrors() throws {
        var messages: [String] = []
        do { _ = try PlanFixtures.load(Self.plan(count: "{barangays: 80, local: many}")) } catch let error as InputError {
            messages = error.diagnostics.map(\.message)
        }
        #expect(messages.contains { $0.contains("unknown level or sector 'barangays'") })
        #expect(messages.contains { $0.contains("attended-count for local") && $0.contains("whole number") })
    }

    @Test func namesAndCountsAreNeverAdded() throws {
        let index = PlanIndex(try PlanFixtures.load(Self.plan(count: "{neighbourhood: 80, local: 1, total: 150}")))
        // Regina (local) signed in by name; the count of local people (1) is the same room.
        let book = AttendanceBook(records: [AttendanceRecord(eventID: "training", personID: "regina", status: .attended)])
        let event = try #require(RepresentationReport.compute(index: index, attendance: book).events.first)
        #expect(event.attended == 1 && event.counted == 150 && event.people == 150)
        let local = try #require(event.tally("local")), neighbourhood = try #require(event.tally("neighbourhood"))
        #expect(local.attended == 1 && local.counted == 1 && local.present == 1)
        #expect(neighbourhood.attended == 0 && neighbourhood.counted == 80 && neighbourhood.present == 80)
        // The count shows neighbourhood government came; national (the director, on no record) did not.
        #expect(event.missingActual == ["national"])
        #expect(event.absent == 1)
        #expect(event.nationalAndLocal == false)
    }

    @Test func aCountAloneIsAttendanceRecordedWithoutInferringAbsence() throws {
        let index = PlanIndex(try PlanFixtures.load(Self.plan(count: "{national: 2, neighbourhood: 80}")))
        let event = try #require(RepresentationReport.compute(index: index).events.first)
        #expect(event.attendanceRecorded && event.attended == 0 && event.absent == 0)
        #expect(event.missingActual.isEmpty && event.nationalAndLocal == true)
        let report = RepresentationReport.compute(index: index)
        #expect(report.summary.counted == 82 && report.summary.withCounts == 1 && report.summary.attended == 0)
    }

    @Test func aRecurringEventIsCountedSittingBySitting() throws {
        let text = PlanFixtures.plan(events: """
              - id: call
                kind: working-group-meeting
                title: Monthly call
                start: 2024-10-01T09:00
                end: 2024-10-01T10:00
                venue: nansana-hall
                recurrence: {rule: "FREQ=MONTHLY;COUNT=3"}
                attended-count:
                  2024-11-01: {local: 12}
                  2024-12-01: {total: 9}
                invite:
                  - {person: regina, role: chair}
            """)
        let index = PlanIndex(try PlanFixtures.load(text))
        let sittings = SittingCalendar(starts: ["call": ["2024-10-01T09:00", "2024-11-01T09:00", "2024-12-01T09:00"].map { CivilDateTime(iso: $0)! }])
        let rows = RepresentationReport.compute(index: index, sittings: sittings).events
        #expect(rows.map(\.counted) == [nil, 12, 9])
        #expect(rows.map(\.attendanceRecorded) == [false, true, true])
        #expect(rows[1].tally("local")?.counted == 12)
        // A bare total says nothing of which levels came: no level is reported missing.
        #expect(rows[2].missingActual.isEmpty && rows[2].nationalAndLocal == nil)
    }
}
