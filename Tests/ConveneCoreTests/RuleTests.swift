import Testing
@testable import ConveneCore

/// Each rule firing on a small plan, and staying quiet when the plan is fixed.
@Suite("Conflict rules")
struct RuleTests {
    func event(_ id: String, kind: String = "workshop", venue: String = "kampala", start: String, end: String,
               invite: String = "[{person: regina, role: required}]", extra: String = "") -> String {
        """
          - id: \(id)
            kind: \(kind)
            title: \(id.capitalized)
            venue: \(venue)
            start: \(start)
            end: \(end)
            invite: \(invite)
        \(extra.isEmpty ? "" : extra + "\n")
        """
    }

    func rules(_ findings: [Finding]) -> [String] { findings.map(\.rule) }

    @Test func personDoubleBookedAcrossTimeZones() throws {
        // 09:00-12:00 in Kampala (06:00-09:00Z) and 08:00-10:00 in Helsinki in summer (05:00-07:00Z).
        let clash = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "helsinki", start: "2024-07-10T08:00", end: "2024-07-10T10:00")
        let findings = try PlanFixtures.findings(PlanFixtures.plan(events: clash)).filter { $0.rule == "person-double-booked" }
        #expect(findings.count == 1)
        #expect(findings.first?.severity == .error)
        #expect(findings.first?.subjects.contains(.person("regina")) == true)
        // Touching is not overlapping: b ends when a starts.
        let fine = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "helsinki", start: "2024-07-10T07:00", end: "2024-07-10T09:00")
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: fine)).filter { $0.rule == "person-double-booked" }.isEmpty)
    }

    @Test func doubleBookingAcrossTheTorontoFallBack() throws {
        // 01:30 EDT (05:30Z) to 03:00 EST (08:00Z) spans the repeated hour; a Kampala 10:00 (07:00Z) event overlaps.
        let plan = event("night", venue: "toronto", start: "2024-11-03T01:30", end: "2024-11-03T03:00")
            + event("morning", start: "2024-11-03T10:00", end: "2024-11-03T11:00")
        #expect(rules(try PlanFixtures.findings(PlanFixtures.plan(events: plan))).contains("person-double-booked"))
        let later = event("night", venue: "toronto", start: "2024-11-03T01:30", end: "2024-11-03T03:00")
            + event("morning", start: "2024-11-03T11:00", end: "2024-11-03T12:00")
        #expect(!rules(try PlanFixtures.findings(PlanFixtures.plan(events: later))).contains("person-double-booked"))
    }

    @Test func declinedCancelledAndTransparentMakeNobodyBusy() throws {
        let both = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00")
        #expect(rules(try PlanFixtures.findings(PlanFixtures.plan(events: both))).contains("person-double-booked"))
        let declined = ReplyBook(replies: [Reply(eventID: "b", personID: "regina", status: .declined)])
        #expect(!rules(try PlanFixtures.findings(PlanFixtures.plan(events: both), replies: declined)).contains("person-double-booked"))
        let cancelled = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00", extra: "    status: cancelled")
        #expect(!rules(try PlanFixtures.findings(PlanFixtures.plan(events: cancelled))).contains("person-double-booked"))
        let transparent = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00", extra: "    transparent: true")
        #expect(!rules(try PlanFixtures.findings(PlanFixtures.plan(events: transparent))).contains("person-double-booked"))
    }

    @Test func aDeputyIsCheckedInPlaceOfTheInvitee() throws {
        // Regina sends her deputy to b; the deputy is also required at c at the same time.
        let plan = event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00",
                         invite: "[{person: regina, role: required, stand-in: deputy-mayor}]")
            + event("c", start: "2024-07-10T10:30", end: "2024-07-10T12:00", invite: "[{person: deputy-mayor, role: required}]")
            + event("d", venue: "helsinki", start: "2024-07-10T10:30", end: "2024-07-10T12:00", invite: "[{person: regina, role: required}]")
        let findings = try PlanFixtures.findings(PlanFixtures.plan(events: plan)).filter { $0.rule == "person-double-booked" }
        #expect(findings.count == 1, "\(findings)")
        #expect(findings.first?.subjects.contains(.person("deputy-mayor")) == true)
        #expect(findings.first?.message.contains("standing in for Regina Bakitte") == true)
        // A delegated reply sends the declared deputy.
        let delegating = event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00")
            + event("c", start: "2024-07-10T10:30", end: "2024-07-10T12:00", invite: "[{person: deputy-mayor, role: required}]")
        let delegated = ReplyBook(replies: [Reply(eventID: "b", personID: "regina", status: .delegated)])
        let viaReply = try PlanFixtures.findings(PlanFixtures.plan(events: delegating), replies: delegated).filter { $0.rule == "person-double-booked" }
        #expect(viaReply.first?.subjects.contains(.person("deputy-mayor")) == true)
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: delegating)).filter { $0.rule == "person-double-booked" }.isEmpty)
    }

    @Test func optionalInviteesGetAWarning() throws {
        let plan = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "nansana-hall", start: "2024-07-10T10:00", end: "2024-07-10T11:00", invite: "[{person: regina, role: optional}]")
        let finding = try PlanFixtures.findings(PlanFixtures.plan(events: plan)).first { $0.rule == "person-double-booked" }
        #expect(finding?.severity == .warning)
    }

    @Test func venueDoubleBookedAndOverCapacity() throws {
        let plan = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00", invite: "[{person: regina}]")
            + event("b", start: "2024-07-10T11:00", end: "2024-07-10T13:00",
                    invite: "[{organisation: ug-nctc}, {person: aino}, {person: sam}, {person: jo}]")
        let found = try PlanFixtures.findings(PlanFixtures.plan(events: plan))
        #expect(found.filter { $0.rule == "venue-double-booked" }.count == 1)
        let capacity = found.filter { $0.rule == "venue-over-capacity" }
        #expect(capacity.count == 1)
        #expect(capacity.first?.message.contains("4 people are invited") == true)
        let moved = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00", invite: "[{person: regina}]")
            + event("b", venue: "nansana-hall", start: "2024-07-10T11:00", end: "2024-07-10T13:00", invite: "[{person: aino}]")
        let quiet = rules(try PlanFixtures.findings(PlanFixtures.plan(events: moved)))
        #expect(!quiet.contains("venue-double-booked") && !quiet.contains("venue-over-capacity"))
    }

    @Test func travelImpossibleTightAndFine() throws {
        // Kampala -> Helsinki is about 6,200 km: 8.9 h in the air plus 3 h overhead, about 11.9 h.
        func plan(gapStart: String) -> String {
            PlanFixtures.plan(events: event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
                + event("b", venue: "helsinki", start: gapStart, end: "2024-07-11T18:00"))
        }
        let impossible = try PlanFixtures.findings(plan(gapStart: "2024-07-10T18:00")).filter { $0.rule == "travel-time" }
        #expect(impossible.first?.severity == .error)
        let tight = try PlanFixtures.findings(plan(gapStart: "2024-07-11T01:00")).filter { $0.rule == "travel-time" }
        #expect(tight.first?.severity == .warning)
        #expect(try PlanFixtures.findings(plan(gapStart: "2024-07-11T09:00")).filter { $0.rule == "travel-time" }.isEmpty)
        // Kampala -> Nansana is the same city: no journey planned.
        let local = PlanFixtures.plan(events: event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00")
            + event("b", venue: "nansana-hall", start: "2024-07-10T12:30", end: "2024-07-10T14:00"))
        #expect(try PlanFixtures.findings(local).filter { $0.rule == "travel-time" }.isEmpty)
    }

    @Test func greatCircleDistance() {
        let km = TravelTimeRule.greatCircleKilometres(0.3163, 32.5822, 60.1699, 24.9384)
        #expect(km > 6_600 && km < 6_700)
    }

    @Test func workingHoursForVirtualEvents() throws {
        // 09:00 Toronto is 06:00 Vancouver: outside Jo's default 09:00-17:00.
        let early = event("fpt", venue: "fpt-call", start: "2024-09-18T09:00", end: "2024-09-18T10:00",
                          invite: "[{person: sam, role: chair}, {person: jo, role: co-chair}]")
        let found = try PlanFixtures.findings(PlanFixtures.plan(events: early)).filter { $0.rule == "outside-working-hours" }
        #expect(found.count == 1)
        #expect(found.first?.subjects.contains(.person("jo")) == true)
        let noon = event("fpt", venue: "fpt-call", start: "2024-09-18T13:00", end: "2024-09-18T14:00",
                         invite: "[{person: sam, role: chair}, {person: jo, role: co-chair}]")
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: noon)).filter { $0.rule == "outside-working-hours" }.isEmpty)
    }

    @Test func blackoutDatesByCountry() throws {
        let blackouts = "blackouts:\n  - {id: ug-independence, name: Independence Day, from: 2024-10-09, country: UG}\n"
        let onIt = PlanFixtures.plan(events: event("a", start: "2024-10-09T09:00", end: "2024-10-09T12:00"), extra: blackouts)
        #expect(try PlanFixtures.findings(onIt).filter { $0.rule == "blackout-date" }.count == 1)
        let elsewhere = PlanFixtures.plan(events: event("a", venue: "helsinki", start: "2024-10-09T09:00", end: "2024-10-09T12:00"), extra: blackouts)
        #expect(try PlanFixtures.findings(elsewhere).filter { $0.rule == "blackout-date" }.isEmpty)
    }

    @Test func followUpBeforeTheEventEnds() throws {
        let plan = event("a", kind: "conference", start: "2024-10-15T09:00", end: "2024-10-16T17:00")
            + event("b", kind: "follow-up-dialogue", venue: "nansana-hall", start: "2024-10-16T09:00", end: "2024-10-16T12:00",
                    invite: "[{person: aino}]", extra: "    follows: a")
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: plan)).filter { $0.rule == "follow-up-too-early" }.first?.severity == .error)
        let after = event("a", kind: "conference", start: "2024-10-15T09:00", end: "2024-10-16T17:00")
            + event("b", kind: "follow-up-dialogue", venue: "nansana-hall", start: "2024-10-17T09:00", end: "2024-10-17T12:00",
                    invite: "[{person: aino}]", extra: "    follows: a")
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: after)).filter { $0.rule == "follow-up-too-early" }.isEmpty)
    }

    @Test func seriesGapAndSilence() throws {
        let plan = event("a", start: "2022-10-12T09:00", end: "2022-10-12T12:00", extra: "    series: uganda-nlc")
            + event("b", start: "2024-04-12T09:00", end: "2024-04-12T12:00", extra: "    series: uganda-nlc")
        let found = try PlanFixtures.findings(PlanFixtures.plan(events: plan), today: "2026-11-27").filter { $0.rule == "series-cadence" }
        #expect(found.count == 2)
        #expect(found.contains { $0.message.contains("about 18 months after") })
        #expect(found.contains { $0.message.contains("silent since 2024-04-12") })
        let steady = try PlanFixtures.findings(PlanFixtures.plan(events: plan), today: "2024-06-01").filter { $0.rule == "series-cadence" }
        #expect(steady.count == 1)
    }

    @Test func representationAndRoundtables() throws {
        let plan = event("rt", kind: "roundtable", start: "2024-10-15T09:00", end: "2024-10-15T16:00",
                         invite: "[{person: regina, role: chair}]",
                         extra: "    requires: {levels: [national, local], sectors: [youth], minimum: {local: 2}}")
        let found = try PlanFixtures.findings(PlanFixtures.plan(events: plan))
        let missing = found.filter { $0.rule == "missing-representation" }
        #expect(missing.count == 2)
        #expect(missing.contains { $0.message.contains("requires national, youth") })
        #expect(missing.contains { $0.message.contains("at least 2 local participants but invites 1") })
        #expect(missing.allSatisfy { $0.severity == .warning })
        #expect(found.filter { $0.rule == "nlc-roundtable-levels" }.count == 1)
        let strict = try PlanFixtures.findings(PlanFixtures.plan(events: plan), strict: true)
        #expect(strict.filter { $0.rule == "missing-representation" }.allSatisfy { $0.severity == .error })
        let full = event("rt", kind: "roundtable", start: "2024-10-15T09:00", end: "2024-10-15T16:00",
                         invite: "[{organisation: nansana, role: chair}, {organisation: ug-nctc}, {organisation: youth-forum}]",
                         extra: "    requires: {levels: [national, local], sectors: [youth], minimum: {local: 2}}")
        let clean = rules(try PlanFixtures.findings(PlanFixtures.plan(events: full)))
        #expect(!clean.contains("missing-representation") && !clean.contains("nlc-roundtable-levels"))
    }

    @Test func organisationOvercommitted() throws {
        let plan = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00", invite: "[{organisation: ug-nctc, role: required}]")
            + event("b", venue: "nansana-hall", start: "2024-07-10T11:00", end: "2024-07-10T13:00", invite: "[{organisation: ug-nctc, role: required}]")
        let found = try PlanFixtures.findings(PlanFixtures.plan(events: plan)).filter { $0.rule == "organisation-overcommitted" }
        #expect(found.count == 1)
        let optional = event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00", invite: "[{organisation: ug-nctc, role: required}]")
            + event("b", venue: "nansana-hall", start: "2024-07-10T11:00", end: "2024-07-10T13:00", invite: "[{organisation: ug-nctc, role: observer}]")
        #expect(try PlanFixtures.findings(PlanFixtures.plan(events: optional)).filter { $0.rule == "organisation-overcommitted" }.isEmpty)
    }

    @Test func importedBusyTime() throws {
        let plan = PlanFixtures.plan(events: event("a", start: "2024-07-10T09:00", end: "2024-07-10T12:00"))
        let busy = [BusyInterval(personID: "regina", span: TimeSpan(start: ZoneClock.instant(CivilDateTime(iso: "2024-07-10T07:00")!, in: "UTC")!,
                                                                   end: ZoneClock.instant(CivilDateTime(iso: "2024-07-10T08:00")!, in: "UTC")!), source: "regina.ics")]
        let found = try PlanFixtures.findings(plan, busy: busy).filter { $0.rule == "person-busy-elsewhere" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("regina.ics") == true)
        let before = [BusyInterval(personID: "regina", span: TimeSpan(start: 0, end: 3600), source: "regina.ics")]
        #expect(try PlanFixtures.findings(plan, busy: before).filter { $0.rule == "person-busy-elsewhere" }.isEmpty)
    }
}
