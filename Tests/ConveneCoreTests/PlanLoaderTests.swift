import Testing
@testable import ConveneCore

@Suite("Plan loading and validation")
struct PlanLoaderTests {
    let goodEvent = """
          - id: roundtable
            kind: roundtable
            title: Roundtable
            venue: kampala
            start: 2024-10-15T09:00
            end: 2024-10-15T16:00
            series: uganda-nlc
            invite:
              - {person: regina, role: chair}
              - {organisation: ug-nctc, role: required}

        """

    @Test func loadsAValidPlanAndResolvesTheVenueZone() throws {
        let plan = try PlanFixtures.load(PlanFixtures.plan(events: goodEvent))
        #expect(plan.events.count == 1)
        #expect(plan.events[0].timing.timeZone == "Africa/Kampala")
        #expect(plan.people.count == 6)
        #expect(plan.organisations.first { $0.id == "ca-psc" }?.constituency == .level(.national))
        #expect(plan.organisations.first { $0.id == "bc-mps" }?.constituency == .level(.regional))
        #expect(EventClock.firstStart(of: plan.events[0]).map(ZoneClock.formatUTC) == "2024-10-15T06:00:00Z")
    }

    /// Loads, expecting failure, and returns the diagnostics.
    func problems(_ text: String) -> [Diagnostic] { PlanFixtures.problems([("plan.yaml", text)]) }

    @Test func reportsEveryMistakeAtOnceWithLocations() throws {
        let text = PlanFixtures.header + """
            events:
              - id: first
                kind: roundtable
                title: First
                venue: kampalaa
                start: 2024-10-15T09:00
                end: 2024-10-15T16:00
              - id: second
                kind: workshop
                title: Second
                timezone: Africa/Kampal
                start: 2024-10-16T09:00
                end: 2024-10-16T08:00
              - id: third
                kind: workshop
                title: Third
                venue: nansana-hall
                start: 2024-11-16T09:00
                end: 2024-11-16T10:00
                recurrence: {rule: "FREQ=FORTNIGHTLY"}
                requires: {levels: [national, city-council]}

            """
        let found = problems(text)
        #expect(found.count == 5, "\(found)")
        let messages = found.map(\.message).joined(separator: "\n")
        #expect(messages.contains("unknown venue 'kampalaa'"))
        #expect(messages.contains("unknown time zone 'Africa/Kampal'"))
        #expect(messages.contains("ends (2024-10-16T08:00) before or when it starts"))
        #expect(messages.contains("FREQ=FORTNIGHTLY"))
        #expect(messages.contains("unknown level 'city-council'"))
        #expect(found.allSatisfy { $0.location.file == "plan.yaml" && $0.location.line > 1 })
        #expect(found.first { $0.message.contains("kampalaa") }?.hint == "did you mean 'kampala'?")
        // Sorted by line.
        #expect(found.map(\.location.line) == found.map(\.location.line).sorted())
    }

    @Test func unknownAndDuplicateIds() {
        let found = problems(PlanFixtures.plan(events: goodEvent + goodEvent.replacingOccurrences(of: "{person: regina, role: chair}", with: "{person: regin, role: chair}")))
        #expect(found.contains { $0.message.contains("duplicate id 'roundtable'") })
        let duplicate = found.first { $0.message.contains("duplicate id") }
        #expect(duplicate?.location.line == PlanFixtures.plan(events: goodEvent).split(separator: "\n", omittingEmptySubsequences: false).count + 0)
        #expect(found.contains { $0.message.contains("unknown person 'regin'") && $0.hint.contains("'regina'") })
    }

    @Test func personWithNoWayToContact() {
        let text = PlanFixtures.header.replacingOccurrences(of: "email: jo@bc.example, ", with: "") + "events: []\n"
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found[0].message == "person 'jo' has no way to be contacted")
        #expect(found[0].location.line == 16)
    }

    @Test func unknownLevelAndSector() {
        let text = PlanFixtures.header
            .replacingOccurrences(of: "country: UG, sector: youth}", with: "country: UG, sector: youngsters}")
            .replacingOccurrences(of: "country: FI, level: national}", with: "country: FI, level: civil-society}") + "events: []\n"
        let found = problems(text)
        #expect(found.count == 2)
        #expect(found.contains { $0.message.contains("unknown sector 'youngsters'") })
        #expect(found.contains { $0.message.contains("unknown level 'civil-society'") && $0.hint.contains("is a sector") })
    }

    @Test func followingALaterEvent() {
        let events = goodEvent + """
              - id: earlier
                kind: training
                title: Earlier
                venue: nansana-hall
                follows: roundtable
                start: 2023-10-15T09:00
                end: 2023-10-15T16:00

            """
        let found = problems(PlanFixtures.plan(events: events))
        #expect(found.count == 1)
        #expect(found[0].message.contains("follows 'roundtable', which is later"))
    }

    /// Only the events on a loop are reported, each once; one following into the loop is not.
    @Test func followUpCycles() {
        func event(_ id: String, follows: String, day: Int) -> String {
            """
              - id: \(id)
                kind: training
                title: \(id)
                venue: nansana-hall
                follows: \(follows)
                start: 2024-11-\(10 + day)T09:00
                end: 2024-11-\(10 + day)T16:00

            """
        }
        let events = event("a", follows: "b", day: 1) + event("b", follows: "a", day: 2)
            + event("into", follows: "a", day: 3) + event("self", follows: "self", day: 4)
        let found = problems(PlanFixtures.plan(events: events))
        let cycles = found.filter { $0.message.contains("follow-up cycle") }.map(\.message).sorted()
        #expect(cycles == ["event 'a' is part of a follow-up cycle", "event 'b' is part of a follow-up cycle"])
        #expect(found.contains { $0.message == "event 'self' follows itself" })
    }

    /// A large plan reports every problem, a duplicate far from its first included, at its line.
    @Test func largePlansReadInPiecesReportAsOne() {
        var events = ""
        for i in 0..<5000 {
            let id = i == 4321 ? "event-12" : "event-\(i)"  // a duplicate far from its first
            events += "  - id: \(id)\n    kind: roundtable\n    title: Event \(i)\n    venue: \(i == 3000 ? "kampalla" : "kampala")\n"
            events += "    start: 2024-10-15T09:00\n    end: 2024-10-15T\(i == 4999 ? "08" : "16"):00\n"
            events += "    invite:\n      - {person: regina, role: chair}\n"
        }
        let found = problems(PlanFixtures.plan(events: events))
        let lines = PlanFixtures.plan(events: "").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        #expect(found.count == 3)
        #expect(found.contains { $0.message == "duplicate id 'event-12' (first declared at plan.yaml:\(lines + 1 + 12 * 8):9)" && $0.location.line == lines + 1 + 4321 * 8 })
        #expect(found.contains { $0.message.contains("unknown venue 'kampalla'") && $0.location.line == lines + 4 + 3000 * 8 })
        #expect(found.contains { $0.message.contains("event 'event-4999' ends") })
    }

    @Test func unknownKeysSuggestTheNearestOne() {
        let found = problems(PlanFixtures.plan(events: goodEvent.replacingOccurrences(of: "    start:", with: "    strat:")))
        #expect(found.contains { $0.message == "unknown key 'strat' in an event" && $0.hint == "did you mean 'start'?" })
    }

    @Test func yamlSyntaxErrorsCarryTheLine() {
        let found = problems("workspace: x\nevents:\n  - id: a\n   kind: [roundtable\n")
        #expect(found.count == 1)
        #expect(found[0].message.hasPrefix("YAML syntax"))
        #expect(found[0].location.line >= 4)
    }

    @Test func allDayAndUnscheduledEvents() throws {
        let events = """
              - {id: montreal, kind: conference, title: Montreal, venue: toronto, date: 2024-05-30, end-date: 2024-05-31}
              - {id: next, kind: working-group-meeting, title: Next, venue: kampala, duration: 3h, window: [2027-01-11, 2027-03-26]}

            """
        let plan = try PlanFixtures.load(PlanFixtures.plan(events: events))
        let montreal = try #require(plan.events.first { $0.id == "montreal" })
        let span = try #require(EventClock.firstSpan(of: montreal))
        #expect(ZoneClock.formatUTC(span.start) == "2024-05-30T04:00:00Z")
        #expect(span.duration == 2 * 86_400)
        let next = try #require(plan.events.first { $0.id == "next" })
        #expect(!next.isScheduled)
        #expect(next.timing == .unscheduled(durationMinutes: 180, earliest: CivilDate(year: 2027, month: 1, day: 11),
                                            latest: CivilDate(year: 2027, month: 3, day: 26), timeZone: "Africa/Kampala"))
    }
}
