import Foundation
import Testing
@testable import ConveneCore

/// The representation report on a small workspace whose numbers are worked out by hand below
/// (Fixtures/attendance/workspace: plan.yaml, three sign-in sheets, records/replies.json).
@Suite("Representation report: numbers on a hand-checked workspace")
struct RepresentationReportTests {
    static let workspace = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/attendance/workspace")

    /// The plan, its replies and the three sheets recorded as `convene attend` would.
    static func inputs() throws -> (PlanIndex, ReplyBook, AttendanceBook) {
        let index = PlanIndex(try PlanLoader().load(workspace: workspace))
        let replies = try WorkspaceRecords.load(workspace: workspace).replies
        var book = AttendanceBook()
        for event in ["ug-roundtable", "ug-follow-up", "mw-dialogue"] {
            let sheet = try SignInSheet.read(workspace.appendingPathComponent("attendance/\(event).csv"))
            book.record(try AttendanceImporter.read(sheet, event: try AttendanceImporter.event(event, in: index), index: index).records)
        }
        return (index, replies, book)
    }

    static func report(_ scope: ReportScope = .all) throws -> RepresentationReport {
        let (index, replies, book) = try inputs()
        return RepresentationReport.compute(index: index, replies: replies, attendance: book, scope: scope)
    }

    /// `constituency: invited/accepted/attended`, for compact comparison.
    static func cells(_ event: EventRepresentation) -> [String: String] {
        Dictionary(uniqueKeysWithValues: event.tallies.map { ($0.constituency, "\($0.invited)/\($0.accepted)/\($0.attended)") })
    }

    @Test func theSheetsRecordWhatTheyShould() throws {
        let (_, _, book) = try Self.inputs()
        #expect(book.records.count == 14)
        let roundtable = book.records(for: "ug-roundtable")
        #expect(roundtable.filter { $0.status == .attended }.count == 6)
        #expect(roundtable.first { $0.personID == "moses" }?.status == .attended)      // email in capitals
        #expect(roundtable.first { $0.personID == "jose" }?.status == .attended)       // "Jose" for "José"
        #expect(roundtable.first { $0.personID == "harriet" }?.status == .excused)     // "apologies"
        #expect(roundtable.first { $0.guest != nil }?.guest?.organisation == "Nansana Women's Forum, Central Division")
        #expect(book.records(for: "ug-follow-up").first { $0.personID == "ronald" }?.onBehalfOf == "regina")
    }

    // ug-roundtable invites regina (local), moses + harriet (national, the NCTC), joseph (district),
    // dorothy (local, KCCA), jose (civil society), brian (youth): 7. Replies: regina, moses, jose
    // accepted; harriet declined; joseph tentative. The sheet: regina, moses, dorothy, jose, brian
    // attended, harriet excused, joseph absent, and a walk-in from civil society.
    @Test func perEventCountsByLevelAndSector() throws {
        let report = try Self.report()
        #expect(report.events.map(\.id) == ["ug-roundtable", "mw-dialogue", "ug-follow-up", "ug-working-group"])
        let roundtable = report.events[0]
        #expect(Self.cells(roundtable) == ["national": "2/1/1", "district": "1/0/0", "local": "2/1/2",
                                           "civil-society": "1/1/2", "youth": "1/0/1"])
        #expect((roundtable.invited, roundtable.accepted, roundtable.attended) == (7, 3, 6))
        #expect((roundtable.represented, roundtable.absent, roundtable.excused) == (5, 1, 1))
        #expect((roundtable.guests, roundtable.deputies) == (1, 0))
        #expect(roundtable.missingPlanned == [])
        #expect(roundtable.missingActual == ["district"])
        #expect(roundtable.tally("district")?.gap == .absent)
        #expect(roundtable.tally("local")?.minimum == 2)
        #expect(roundtable.tally("local")?.gap == nil)
        #expect(roundtable.nationalAndLocal == true)

        // ug-follow-up: regina DELEGATED (counts as accepted) and Ronald came for her; dorothy
        // declined then accepted, and was absent. Joseph (district, not required) has no record.
        let followUp = report.events[2]
        #expect(Self.cells(followUp) == ["national": "1/0/1", "district": "1/0/0", "local": "2/2/1", "youth": "1/0/1"])
        #expect((followUp.invited, followUp.accepted, followUp.attended, followUp.represented) == (5, 2, 3, 3))
        #expect(followUp.deputies == 1)
        #expect(followUp.missingActual == [])
        #expect(followUp.tally("district")?.gap == nil)

        // mw-dialogue: no replies imported; civil society required but never invited; the local
        // councillor was absent.
        let malawi = report.events[1]
        #expect(!malawi.repliesRecorded)
        #expect(malawi.missingPlanned == ["civil-society"])
        #expect(malawi.missingActual == ["local", "civil-society"])
        #expect(malawi.tally("civil-society")?.gap == .notInvited)
        #expect(malawi.nationalAndLocal == false)

        // ug-working-group: planned, nothing recorded yet: only the plan can fall short.
        let planned = report.events[3]
        #expect(!planned.attendanceRecorded)
        #expect(planned.missingPlanned == ["neighbourhood"])
        #expect(planned.missingActual == [])
        #expect(planned.nationalAndLocal == nil)
    }

    @Test func theSummaryAddsUp() throws {
        let report = try Self.report()
        #expect(report.summary == ReportSummary(events: 4, held: 3, withAttendance: 3, attended: 10, guests: 1, deputies: 1,
                                                nationalAndLocal: 2, nationalAndLocalInvited: 3, eventsWithGaps: 3))
        #expect(report.columns == ["national", "regional", "district", "local", "neighbourhood", "civil-society", "youth"])
    }

    // Who came back from ug-roundtable to ug-follow-up: of the six there (regina, moses, dorothy,
    // jose, brian, the walk-in), regina's seat (Ronald for her), moses and brian came back.
    @Test func seriesRetentionByLevelAndCadenceGaps() throws {
        let series = try #require(try Self.report().series.first)
        #expect(series.id == "ug-nlc")
        #expect(series.events == ["ug-roundtable", "ug-follow-up", "ug-working-group"])
        let step = try #require(series.steps.first)
        #expect(series.steps.count == 1)
        #expect((step.from, step.to, step.isFollowUp, step.before, step.returned) == ("ug-roundtable", "ug-follow-up", true, 6, 3))
        #expect(step.byLevel.map { "\($0.constituency) \($0.returned)/\($0.before)" }
                == ["national 1/1", "local 1/2", "civil-society 0/2", "youth 1/1"])
        #expect(series.retention == step.byLevel)
        #expect(series.participation.first { $0.constituency == "local" }?.attended == [2, 1, nil])
        #expect(series.participation.first { $0.constituency == "national" }?.eventsPresent == 2)
        // 12 Mar -> 10 Jul 2024 is 4 months; 10 Jul 2024 -> 5 Mar 2025 is 8, over the 6-month cadence.
        #expect(series.gaps.map { "\($0.months) \($0.tooLong) \($0.tooShort)" } == ["4 false false", "8 true false"])
    }

    @Test func countriesAndPillars() throws {
        let report = try Self.report()
        #expect(report.countries.map(\.key) == ["MW", "UG"])
        let uganda = report.countries[1]
        #expect((uganda.events, uganda.held, uganda.withAttendance, uganda.nationalAndLocal) == (3, 2, 2, 2))
        #expect(uganda.levelsAttended == ["national", "local"])
        #expect(uganda.presence.first { $0.constituency == "district" } == GroupPresence(constituency: "district", isLevel: true, invitedAt: 2, attendedAt: 0, missedAt: 2))
        #expect(report.pillars.map(\.key) == ["trust", "coordination", "sustainability"])
        let coordination = report.pillars[1]
        #expect((coordination.events, coordination.withAttendance, coordination.nationalAndLocal) == (3, 3, 2))
        #expect(coordination.presence.first { $0.constituency == "local" }?.missedAt == 1)
    }

    @Test func scopesNarrowTheReport() throws {
        let series = try Self.report(.series("ug-nlc"))
        #expect(series.events.map(\.id) == ["ug-roundtable", "ug-follow-up", "ug-working-group"])
        #expect(series.countries.map(\.key) == ["UG"])
        let country = try Self.report(.country("mw"))
        #expect(country.events.map(\.id) == ["mw-dialogue"])
        #expect(country.series.isEmpty)
        let event = try Self.report(.event("ug-follow-up"))
        #expect(event.events.map(\.id) == ["ug-follow-up"])
        #expect(event.series.isEmpty)
    }

    @Test func anUnknownScopeSuggestsWhatExists() throws {
        let (index, _, _) = try Self.inputs()
        func hint(_ scope: ReportScope) -> String? {
            do { try scope.check(in: index) } catch let error as ReferenceError { return error.hint } catch { return nil }
            return nil
        }
        #expect(hint(.event("ug-roundtabel"))?.hasPrefix("did you mean 'ug-roundtable'?") == true)
        #expect(hint(.series("ug-nlcc"))?.hasPrefix("did you mean 'ug-nlc'?") == true)
        #expect(hint(.country("KE"))?.contains("MW, UG") == true)
        #expect(hint(.country("ug")) == nil)
    }

    @Test func theReportIsAValueThatRoundTripsThroughJSON() throws {
        let report = try Self.report()
        let decoded = try JSONDecoder().decode(RepresentationReport.self, from: try JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    /// A workspace large enough to be counted on every core (thousands of copies of each event,
    /// with their records and replies) counts every copy exactly as the original.
    @Test func eventsCountedInPiecesMatchTheOriginals() throws {
        let (index, replies, book) = try Self.inputs()
        var plan = index.plan
        var records = book.records, answers = replies.replies
        let originals = plan.events
        for copy in 0..<1500 {
            for event in originals {
                var twin = event
                twin.id = "\(event.id)-copy-\(copy)"
                twin.followsID = nil
                twin.seriesID = nil
                plan.events.append(twin)
                records += book.records(for: event.id).map { var r = $0; r.eventID = twin.id; return r }
                answers += replies.replies.filter { $0.eventID == event.id }.map { var r = $0; r.eventID = twin.id; return r }
            }
        }
        let large = RepresentationReport.compute(index: PlanIndex(plan), replies: ReplyBook(replies: answers),
                                                 attendance: AttendanceBook(records: records))
        let small = try Self.report()
        #expect(large.events.count == originals.count * 1501)
        for original in small.events {
            let twins = large.events.filter { $0.id == original.id || $0.id.hasPrefix(original.id + "-copy-") }
            #expect(twins.count == 1501)
            for twin in twins {
                #expect(Self.cells(twin) == Self.cells(original), "\(twin.id)")
                #expect((twin.invited, twin.accepted, twin.attended, twin.represented, twin.guests, twin.deputies)
                        == (original.invited, original.accepted, original.attended, original.represented, original.guests, original.deputies))
            }
        }
    }
}
