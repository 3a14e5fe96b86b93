import Testing
@testable import ConveneCore

/// `convene suggest` on small plans whose answers are known, each slot then written into the plan
/// and checked with every rule.
@Suite("Scheduler: known answers")
struct SchedulingKnownAnswerTests {
    typealias F = SchedulingFixtures

    /// Every slot, written into the plan, passes `convene check` with no errors.
    func expectClean(_ result: SuggestResult, _ text: String, busy: [BusyInterval] = [],
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for slot in result.slots {
            let errors = try F.errorsOnceWritten(slot, into: text, event: result.eventID, busy: busy)
            #expect(errors.isEmpty, "slot \(slot.start): \(errors.map(\.message))", sourceLocation: sourceLocation)
        }
    }

    @Test func exactlyOneSlotWorks() throws {
        // A full working day (8 h) in Nansana, Mon 8 to Wed 10 July 2024. Monday: the NCTC director is in
        // a meeting at 09:00. Wednesday: the hall is booked in the afternoon. Only Tuesday 09:00 is left.
        let text = PlanFixtures.plan(events:
            F.pending("wg", duration: "8h", window: ("2024-07-08", "2024-07-10"), invite: "[{person: nctc-director, role: required}]")
            + F.timed("briefing", start: "2024-07-08T09:00", end: "2024-07-08T10:00", invite: "[{person: nctc-director, role: required}]")
            + F.timed("hall-booking", venue: "nansana-hall", start: "2024-07-10T15:00", end: "2024-07-10T16:00", invite: "[{person: aino, role: required}]"))
        let result = try F.suggest(text, event: "wg")
        #expect(result.startsFeasible == 1)
        #expect(result.slots.map(\.start) == ["2024-07-09T09:00"])
        #expect(result.slots.first?.end == "2024-07-09T17:00")
        #expect(result.slots.first?.utcStart == "2024-07-09T06:00:00Z")
        // Fewer than five: the report names both obstacles, each the only one on its day.
        let blocking = try #require(result.blocking)
        let obstacles = Dictionary(uniqueKeysWithValues: blocking.obstacles.map { ($0.kind, $0) })
        #expect(obstacles["required-invitee"]?.id == "nctc-director")
        #expect(obstacles["required-invitee"]?.onlyObstacle == 1)
        #expect(obstacles["venue"]?.id == "nansana-hall")
        #expect(Set(blocking.rules.map(\.rule)) == ["person-double-booked", "venue-double-booked"])
        try expectClean(result, text)
    }

    @Test func onlyTheDeputyMakesItPossible() throws {
        // Regina's own calendar is full on Tuesday 9 July (09:00-18:00 in Kampala); her deputy is free.
        let text = PlanFixtures.plan(events: F.pending("wg", duration: "3h", window: ("2024-07-09", "2024-07-09")))
        let busy = [F.busy("regina", "2024-07-09T06:00", "2024-07-09T15:00")]
        let result = try F.suggest(text, event: "wg", busy: busy)
        #expect(result.slots.first?.start == "2024-07-09T09:00")
        #expect(result.slots.allSatisfy { $0.standIns == [StandIn(personID: "deputy-mayor", onBehalfOf: "regina")] })
        #expect(result.slots.first?.score == -5)
        #expect(result.slots.first?.terms.contains { $0.kind == "stand-ins" && $0.detail.contains("Deputy Mayor for Regina Bakitte") } == true)
        try expectClean(result, text, busy: busy)
        // Written without the stand-in, the same slot is an error: the check above can fail.
        var bare = try #require(result.slots.first)
        bare.standIns = []
        #expect(try F.errorsOnceWritten(bare, into: text, event: "wg", busy: busy).contains { $0.rule == "person-busy-elsewhere" })

        // When the deputy is busy too (at a plan event), nothing fits, and the report says who.
        let both = PlanFixtures.plan(events: F.pending("wg", duration: "3h", window: ("2024-07-09", "2024-07-09"))
            + F.timed("council", start: "2024-07-09T08:00", end: "2024-07-09T17:30", invite: "[{person: deputy-mayor, role: required}]"))
        let none = try F.suggest(both, event: "wg", busy: busy)
        #expect(none.slots.isEmpty)
        let blocking = try #require(none.blocking)
        #expect(blocking.obstacles.first?.description == "Regina Bakitte (or deputy Deputy Mayor)")
        let day = try #require(blocking.nearestDays.first)
        #expect(day.date == "2024-07-09")
        #expect(day.obstacles.count == 1)
        #expect(day.obstacles[0].contains("Regina Bakitte is busy in their own calendar"))
        #expect(day.obstacles[0].contains("deputy Deputy Mayor is at 'Council'"))
        #expect(Set(blocking.rules.map(\.rule)) == ["person-busy-elsewhere", "person-double-booked"])
    }

    @Test func aTwoHourCallBetweenTorontoAndHelsinkiFitsOnlyBetweenTheDSTChanges() throws {
        // Toronto 09:00-17:00 and Helsinki 09:00-17:00 overlap by 1 h in winter (EST/EET, 7 h apart) and
        // after both changes (EDT/EEST), but by 2 h from 10 March (North America springs forward) until
        // 31 March 2024 (Europe does). A 2-hour call fits only on those three weeks' weekdays, 09:00 Toronto.
        let text = PlanFixtures.plan(events: F.pending("fpt-sync", venue: "fpt-call", duration: "2h", window: ("2024-03-04", "2024-04-05"),
                                                       invite: "[{person: sam, role: required}, {person: aino, role: required}]"))
        let result = try F.suggest(text, event: "fpt-sync", count: 30)
        let expected = (11...29).map { String(format: "2024-03-%02dT09:00", $0) }
            .filter { CivilDateTime(iso: $0)!.date.isoWeekday <= 5 }
        #expect(result.slots.map(\.start).sorted() == expected)
        #expect(result.startsFeasible == 15)
        #expect(result.slots.allSatisfy { $0.utcStart.hasSuffix("T13:00:00Z") })  // 09:00 EDT = 15:00 EET
        try expectClean(result, text)
        // Before the first change the overlap is one hour: nothing fits, and working hours are why.
        let winter = try F.suggest(text, event: "fpt-sync", between: ("2024-03-04", "2024-03-08"))
        #expect(winter.slots.isEmpty)
        #expect(winter.blocking?.rules.first?.rule == "outside-working-hours")
        #expect(winter.blocking?.nearestDays.first?.obstacles.contains { $0.contains("Europe/Helsinki") || $0.contains("America/Toronto") } == true)
    }

    @Test func theGridFollowsTheVenueDayAcrossAChange() throws {
        // In-person in Helsinki across 31 March 2024 (02:00 EET -> 03:00 EEST... at 03:00 local):
        // the venue's 09:00 stays 09:00 local, so its UTC start moves from 07:00 to 06:00.
        let text = PlanFixtures.plan(events: F.pending("fi-meeting", venue: "helsinki", duration: "8h", window: ("2024-03-28", "2024-04-02"),
                                                       invite: "[{person: aino, role: required}]"))
        let result = try F.suggest(text, event: "fi-meeting", count: 10)
        #expect(result.slots.map(\.start) == ["2024-03-28T09:00", "2024-03-29T09:00", "2024-04-01T09:00", "2024-04-02T09:00"])
        #expect(result.slots.map(\.utcStart) == ["2024-03-28T07:00:00Z", "2024-03-29T07:00:00Z", "2024-04-01T06:00:00Z", "2024-04-02T06:00:00Z"])
        try expectClean(result, text)
    }

    @Test func blockedByTravel() throws {
        // The NCTC director is in Helsinki until 09:00 on 10 July 2024 (06:00Z), when Kampala's working
        // day begins. Kampala is 6,700 km away: about 9.5 h in the air plus 3 h, so no 3-hour slot in
        // Kampala works that day, though the venue and his calendar are free all day.
        let helsinki = F.timed("helsinki-meeting", venue: "helsinki", start: "2024-07-10T07:00", end: "2024-07-10T09:00",
                               invite: "[{person: nctc-director, role: required}]")
        let talk = { (window: (String, String)) in
            F.pending("talk", venue: "kampala", duration: "3h", window: window, invite: "[{person: nctc-director, role: required}]")
        }
        let text = PlanFixtures.plan(events: talk(("2024-07-10", "2024-07-10")) + helsinki)
        let result = try F.suggest(text, event: "talk")
        #expect(result.slots.isEmpty)
        let blocking = try #require(result.blocking)
        #expect(blocking.rules.map(\.rule) == ["travel-time"])
        #expect(blocking.rules.first?.startsBlocked == blocking.startsConsidered)
        let obstacle = try #require(blocking.nearestDays.first?.obstacles.first)
        #expect(obstacle.contains("NCTC Director cannot travel between 'Helsinki-Meeting' in Helsinki (2024-07-10T07:00+03:00) and Kampala in time"), "\(obstacle)")
        #expect(obstacle.contains("km, about 12 h"), "\(obstacle)")
        // The next morning works; and so does the same day if the Helsinki meeting is online.
        let twoDays = PlanFixtures.plan(events: talk(("2024-07-10", "2024-07-11")) + helsinki)
        let nextDay = try F.suggest(twoDays, event: "talk")
        #expect(nextDay.slots.map(\.start) == ["2024-07-11T09:00"])
        try expectClean(nextDay, twoDays)
        let online = PlanFixtures.plan(events: talk(("2024-07-10", "2024-07-10"))
            + F.timed("helsinki-meeting", venue: "fpt-call", start: "2024-07-10T00:00", end: "2024-07-10T02:00",
                      invite: "[{person: nctc-director, role: required}]"))
        #expect(try F.suggest(online, event: "talk").slots.first?.start == "2024-07-10T09:00")
    }

    @Test func blockedByQuorum() throws {
        // National and local government must both be there; the only national invitee is optional
        // and busy on Tuesday 9 July, so only Wednesday works; busy both days, nothing does.
        let event = F.pending("nlc", duration: "3h", window: ("2024-07-09", "2024-07-10"),
                              invite: "[{person: regina, role: required}, {person: nctc-director, role: optional}]",
                              extra: "    requires: {levels: [national, local]}")
        let text = PlanFixtures.plan(events: event)
        let tuesday = F.busy("nctc-director", "2024-07-09T05:00", "2024-07-09T15:00")
        let result = try F.suggest(text, event: "nlc", busy: [tuesday])
        #expect(result.slots.map(\.start) == ["2024-07-10T09:00"])
        try expectClean(result, text, busy: [tuesday])
        let both = [tuesday, F.busy("nctc-director", "2024-07-10T05:00", "2024-07-10T15:00")]
        let none = try F.suggest(text, event: "nlc", busy: both)
        #expect(none.slots.isEmpty)
        let top = try #require(none.blocking?.obstacles.first)
        #expect(top.kind == "level-quorum")
        #expect(top.id == "national")
        #expect(top.description == "fewer than 1 national participant can come")
        #expect(none.blocking?.advice.first == "invite more national participants, or lower the event's `minimum:`")
    }

    @Test func aPerLevelMinimumCountsOptionalInviteesWhoCanCome() throws {
        // Two local participants needed: Regina (required) and her deputy (optional, busy on Tuesday).
        let event = F.pending("nlc", duration: "3h", window: ("2024-07-09", "2024-07-10"),
                              invite: "[{person: regina, role: required}, {person: deputy-mayor, role: optional}]",
                              extra: "    requires: {levels: [local], minimum: {local: 2}}")
        let text = PlanFixtures.plan(events: event)
        let result = try F.suggest(text, event: "nlc", busy: [F.busy("deputy-mayor", "2024-07-09T05:00", "2024-07-09T15:00")])
        #expect(result.slots.map(\.start) == ["2024-07-10T09:00"])
        #expect(result.blocking?.obstacles.first?.description == "fewer than 2 local participants can come")
    }

    @Test func noAnswerSaysWhichPeopleDaysAndRulesBlock() throws {
        // Tuesday 8 October 2024: the NCTC director is at a budget meeting all day. Wednesday 9 October:
        // Uganda's Independence Day. Nothing fits; each is the only obstacle on its day.
        let blackouts = "blackouts:\n  - {id: ug-independence, name: Independence Day, from: 2024-10-09, country: UG}\n"
        let text = PlanFixtures.plan(events:
            F.pending("wg", duration: "4h", window: ("2024-10-08", "2024-10-09"),
                      invite: "[{person: regina, role: required}, {person: nctc-director, role: required}]")
            + F.timed("budget", start: "2024-10-08T08:30", end: "2024-10-08T17:00", invite: "[{person: nctc-director, role: required}]"),
            extra: blackouts)
        let result = try F.suggest(text, event: "wg")
        #expect(result.slots.isEmpty)
        let blocking = try #require(result.blocking)
        #expect(blocking.startsConsidered == 34)  // 09:00-13:00 each day, quarter-hourly
        #expect(Set(blocking.rules.map(\.rule)) == ["person-double-booked", "blackout-date"])
        #expect(blocking.rules.allSatisfy { $0.startsBlocked == 17 })
        let byKind = Dictionary(uniqueKeysWithValues: blocking.obstacles.map { ($0.kind, $0) })
        #expect(byKind["required-invitee"]?.description == "NCTC Director")
        #expect(byKind["required-invitee"]?.onlyObstacle == 17)
        #expect(byKind["blackout"]?.description == "blackout 'Independence Day' (2024-10-09)")
        #expect(byKind["blackout"]?.onlyObstacle == 17)
        #expect(blocking.obstacles.count == 2)  // Regina blocks nothing
        #expect(blocking.nearestDays.map(\.date) == ["2024-10-08", "2024-10-09"])
        #expect(blocking.nearestDays[0].obstacles == ["NCTC Director is at 'Budget' in Kampala (2024-10-08T08:30+03:00) (person-double-booked)"])
        #expect(blocking.nearestDays[1].obstacles == ["blackout 'Independence Day' (2024-10-09)"])
        #expect(blocking.advice.contains("ask NCTC Director to free time, or give them a `deputy:` in plan.yaml who could stand in"))
    }

    @Test func aFollowUpStartsAfterTheEventItFollows() throws {
        let text = PlanFixtures.plan(events:
            F.timed("roundtable", venue: "kampala", start: "2024-07-09T09:00", end: "2024-07-09T16:00", invite: "[{person: aino, role: required}]")
            + F.pending("follow-up", duration: "3h", window: ("2024-07-08", "2024-07-10"), extra: "    follows: roundtable"))
        let result = try F.suggest(text, event: "follow-up")
        // Monday is before it; Tuesday after 16:00 leaves no 3 hours of the working day.
        #expect(result.slots.map(\.start) == ["2024-07-10T09:00"])
        #expect(result.blocking?.obstacles.contains { $0.kind == "follows" && $0.id == "roundtable" } == true)
        try expectClean(result, text)
    }

    @Test func optionalInviteesAndThePreferredDateRankSlots() throws {
        // Monday to Friday, 8-12 July 2024; the optional NCTC director is free only on Thursday.
        let text = PlanFixtures.plan(events: F.pending("wg", duration: "8h", window: ("2024-07-08", "2024-07-12"),
                                                       invite: "[{person: regina, role: required}, {person: nctc-director, role: optional}]"))
        let busy = ["08", "09", "10", "12"].map { F.busy("nctc-director", "2024-07-\($0)T05:00", "2024-07-\($0)T15:00") }
        let ranked = try F.suggest(text, event: "wg", busy: busy)
        #expect(ranked.slots.map(\.start).first == "2024-07-11T09:00")
        #expect(ranked.slots.first?.score == 10)
        #expect(ranked.slots.dropFirst().map(\.start) == ["2024-07-08T09:00", "2024-07-09T09:00", "2024-07-10T09:00", "2024-07-12T09:00"])
        // Without the optional invitee, the preferred date decides: Friday first, then Thursday.
        let plain = PlanFixtures.plan(events: F.pending("wg", duration: "8h", window: ("2024-07-08", "2024-07-12")))
        let preferred = try F.suggest(plain, event: "wg", count: 2, prefer: "2024-07-12")
        #expect(preferred.slots.map(\.start) == ["2024-07-12T09:00", "2024-07-11T09:00"])
        #expect(preferred.slots.map(\.score) == [0, -1])
    }

    @Test func remoteOptionalInviteesOutsideTheirHoursLowerTheScore() throws {
        // A Toronto call from 09:00: Jo in Vancouver (optional) would join at 06:00, three hours early.
        let text = PlanFixtures.plan(events: F.pending("call", venue: "fpt-call", duration: "1h", window: ("2024-07-09", "2024-07-09"),
                                                       invite: "[{person: sam, role: required}, {person: jo, role: optional}]"))
        let result = try F.suggest(text, event: "call", count: 1)
        // 12:00 Toronto is 09:00 Vancouver: inside both days, and the best start of the day.
        #expect(result.slots.first?.start == "2024-07-09T12:00")
        #expect(result.slots.first?.score == 10)
        #expect(result.slots.first?.minutesOutsideHours == 0)
        let early = try F.suggest(text, event: "call", between: ("2024-07-09", "2024-07-09"))
        #expect(early.startsFeasible == 29)  // 09:00 to 16:00 Toronto
    }
}
