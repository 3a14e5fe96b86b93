import Foundation
import Testing
@testable import ConveneCore

/// The representation report gives each sitting of a recurring event its own row, counts the
/// attendance and replies of that sitting only, and computes retention across the sittings (a
/// recurring event in no series is a series of its own).
@Suite("Representation report: sittings of a recurring event")
struct SittingReportTests {
    static let plan: Plan = {
        let organisations = [Organisation(id: "mc", name: "Municipal Corporation", country: "IN", constituency: .level(.local)),
                             Organisation(id: "wards", name: "Ward Sabhas", country: "IN", constituency: .level(.neighbourhood))]
        let people = [Person(id: "kavita", name: "Kavita Thakur", email: "k@mc.example", organisationID: "mc"),
                      Person(id: "sunil", name: "Sunil Negi", email: "s@wards.example", organisationID: "wards"),
                      Person(id: "meena", name: "Meena Sharma", email: "m@wards.example", organisationID: "wards")]
        let event = Event(id: "sabha", kind: .forum, title: "Ward Sabha",
                          timing: .timed(start: CivilDateTime(iso: "2023-05-25T10:00")!, end: CivilDateTime(iso: "2023-05-25T13:00")!,
                                         timeZone: "Asia/Kolkata"),
                          recurrence: Recurrence(rule: "FREQ=MONTHLY;INTERVAL=6;COUNT=3"), country: "IN", status: .held,
                          invitations: [Invitation(invitee: .organisation("wards"), role: .host),
                                        Invitation(invitee: .person("kavita"), role: .chair)])
        return Plan(name: "t", organizer: Organizer(name: "T", email: "t@t.example"), organisations: organisations,
                    people: people, events: [event])
    }()

    static let sittings = SittingCalendar(starts: ["sabha": ["2023-05-25T10:00", "2023-11-25T10:00", "2024-05-25T10:00"].map { CivilDateTime(iso: $0)! }])

    static func record(_ person: String, _ occurrence: String?, _ status: AttendanceStatus = .attended) -> AttendanceRecord {
        AttendanceRecord(eventID: "sabha", personID: person, status: status, occurrence: occurrence)
    }

    @Test func eachSittingIsARowWithItsOwnAttendanceAndReplies() throws {
        // Records made before sittings were told apart (no occurrence) count for the first sitting.
        let book = AttendanceBook(records: [Self.record("sunil", nil), Self.record("kavita", nil),
                                            Self.record("sunil", "2023-11-25"), Self.record("meena", "2023-11-25", .excused)])
        let replies = ReplyBook(replies: [Reply(eventID: "sabha", personID: "meena", status: .accepted),
                                          Reply(eventID: "sabha", personID: "meena", status: .declined, occurrence: "2023-11-25")])
        let report = RepresentationReport.compute(index: PlanIndex(Self.plan), replies: replies, attendance: book, sittings: Self.sittings)
        #expect(report.events.map(\.id) == ["sabha@2023-05-25", "sabha@2023-11-25", "sabha@2024-05-25"])
        let first = report.events[0], second = report.events[1], third = report.events[2]
        #expect(first.attended == 2 && first.absent == 1)           // Meena: invited, on no record
        #expect(second.attended == 1 && second.excused == 1 && second.absent == 1)  // Kavita on no record
        #expect(!third.attendanceRecorded)
        // Meena accepted the series but declined the November sitting.
        #expect(first.accepted == 1 && second.accepted == 0 && third.accepted == 1)
        #expect(second.date == "2023-11-25" && second.sittingOf == "sabha")

        let series = try #require(report.series.first { $0.id == "sabha" })
        #expect(series.events == report.events.map(\.id))
        let step = try #require(series.steps.first)
        #expect(step.from == "sabha@2023-05-25" && step.to == "sabha@2023-11-25")
        #expect(step.before == 2 && step.returned == 1)
        #expect(series.participation.first { $0.constituency == "neighbourhood" }?.attended == [1, 1, nil])
    }

    @Test func withoutSittingsTheEventIsOneRow() {
        let report = RepresentationReport.compute(index: PlanIndex(Self.plan))
        #expect(report.events.map(\.id) == ["sabha"])
        #expect(report.series.isEmpty)
    }

    @Test func theBookKeepsSittingsApartAndReplacesOneSittingsSheet() {
        var book = AttendanceBook()
        book.record([AttendanceRecord(eventID: "sabha", personID: "sunil", status: .attended, source: "a.csv:2", occurrence: "2023-05-25")])
        book.record([AttendanceRecord(eventID: "sabha", personID: "sunil", status: .attended, source: "a.csv:2", occurrence: "2023-11-25")])
        #expect(book.records.count == 2)
        // Recording the November sheet again without Sunil removes his November record only.
        let change = book.record([AttendanceRecord(eventID: "sabha", personID: "meena", status: .attended, source: "a.csv:3", occurrence: "2023-11-25")],
                                 replacingSheet: "a.csv", eventID: "sabha@2023-11-25")
        #expect(change.removed == 1)
        #expect(book.records.map(\.sittingKey) == ["sabha@2023-05-25", "sabha@2023-11-25"])
        #expect(Set(book.slicesByEvent().keys) == ["sabha@2023-05-25", "sabha@2023-11-25"])
    }
}

/// Which replies still count after a reschedule: the latest of each person, to the current SEQUENCE.
@Suite("Replies: history and reschedules")
struct ReplyHistoryTests {
    @Test func onlyAnswersToTheCurrentInvitationCount() {
        var book = ReplyBook()
        book.record(Reply(eventID: "e", personID: "a", status: .accepted, sequence: 0))
        book.record(Reply(eventID: "e", personID: "b", status: .declined, sequence: 0))
        book.record(Reply(eventID: "e", personID: "b", status: .tentative, sequence: 1))
        book.record(Reply(eventID: "e", personID: "b", status: .accepted, sequence: 1))  // replaces the tentative one
        #expect(book.replies.count == 3)
        let current = book.current(sequences: ["e": 1])
        #expect(current.replies.map(\.personID) == ["b"])
        #expect(current.status(of: "b", at: "e") == .accepted)
        #expect(current.status(of: "a", at: "e") == nil)
        #expect(book.status(of: "a", at: "e", answering: 1) == nil)
        #expect(book.status(of: "b", at: "e", answering: 1) == .accepted)
        #expect(book.stale(in: ExportLedger(entries: ["e": .init(uid: "u", sequence: 1, fingerprint: "", contentHash: "", dtstamp: "")])).count == 2)
        // Nothing exported yet: every latest answer counts.
        #expect(book.current(sequences: [:]).replies.count == 2)
    }

    /// A reply file written out of order (by hand, or by another tool) gives the same current
    /// replies, in the same order, as the same replies recorded one by one (which keeps the book
    /// sorted): by event, sitting, person (as text, non-ASCII ids included) and SEQUENCE, the last
    /// of equal ones counting.
    @Test func anUnsortedBookGivesTheSameCurrentReplies() {
        var generator = SystemRandomNumberGenerator()
        let events = ["e10", "e2", "É1", "e1"], people = ["b", "a", "Ängel", "a2", "z"], sittings: [String?] = [nil, "2026-01-05", "2025-12-01"]
        var replies: [Reply] = []
        for _ in 0..<400 {
            replies.append(Reply(eventID: events.randomElement(using: &generator)!, personID: people.randomElement(using: &generator)!,
                                 status: [.accepted, .declined, .tentative].randomElement(using: &generator)!,
                                 sequence: Int.random(in: 0...3, using: &generator), occurrence: sittings.randomElement(using: &generator)!))
        }
        var recorded = ReplyBook()
        for reply in replies { recorded.record(reply) }
        let sequences = ["e2": 2, "É1": 1]
        let unsorted = ReplyBook(replies: replies).current(sequences: sequences)
        #expect(!unsorted.replies.isEmpty)
        #expect(unsorted.replies == recorded.current(sequences: sequences).replies)
    }
}
