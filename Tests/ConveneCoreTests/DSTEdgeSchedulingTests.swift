import Testing
@testable import ConveneCore

/// Working hours and `suggest` across the 2025 DST changes of zones that change differently:
/// Helsinki and Toronto (ordinary), Dublin (negative daylight saving in tzdata), Casablanca (an
/// hour back for Ramadan), Sydney (southern hemisphere) and Kampala (no DST). Working hours stay
/// 09:00-17:00 on the clock, so their UTC start moves with each change. The expected instants are
/// Python's `zoneinfo` on the same system tzdata, written out.
@Suite struct DSTEdgeSchedulingTests {
    static func plan(zone: String, events: String) -> String {
        """
        workspace: dst-edges
        organizer: {name: Test Network, email: convenings@test.example}
        organisations:
          - {id: city, name: City, country: XX, level: local}
        people:
          - {id: officer, name: City Officer, email: officer@city.example, organisation: city, timezone: \(zone), working-hours: {start: "09:00", end: "17:00"}}
        venues:
          - {id: call, name: Video call, country: XX, timezone: \(zone), mode: virtual, url: https://meet.test.example/call}
        events:
        \(events)
        """
    }

    /// The zone, a Friday before its change, the Monday after, and 09:00 local as UTC on each.
    static let edges: [(zone: String, friday: String, monday: String, before: String, after: String)] = [
        ("Europe/Helsinki", "2025-03-28", "2025-03-31", "2025-03-28T07:00:00Z", "2025-03-31T06:00:00Z"),
        ("America/Toronto", "2025-03-07", "2025-03-10", "2025-03-07T14:00:00Z", "2025-03-10T13:00:00Z"),
        ("Europe/Dublin", "2025-03-28", "2025-03-31", "2025-03-28T09:00:00Z", "2025-03-31T08:00:00Z"),
        ("Africa/Casablanca", "2025-04-04", "2025-04-07", "2025-04-04T09:00:00Z", "2025-04-07T08:00:00Z"),
        ("Australia/Sydney", "2025-04-04", "2025-04-07", "2025-04-03T22:00:00Z", "2025-04-06T23:00:00Z"),
        ("Africa/Kampala", "2025-03-28", "2025-03-31", "2025-03-28T06:00:00Z", "2025-03-31T06:00:00Z"),
    ]

    @Test(arguments: 0..<6)
    func suggestFollowsTheWorkingDayAcrossTheChange(edge: Int) throws {
        let (zone, friday, monday, before, after) = Self.edges[edge]
        let text = Self.plan(zone: zone, events: SchedulingFixtures.pending(
            "meeting", venue: "call", duration: "8h", window: (friday, monday), invite: "[{person: officer, role: required}]"))
        let result = try SchedulingFixtures.suggest(text, event: "meeting", count: 10)
        #expect(result.slots.map(\.start) == ["\(friday)T09:00", "\(monday)T09:00"], "\(zone)")
        #expect(result.slots.map(\.utcStart) == [before, after], "\(zone)")
    }

    @Test(arguments: 0..<6)
    func workingHoursRuleReadsTheLocalClock(edge: Int) throws {
        let (zone, friday, monday, before, after) = Self.edges[edge]
        // Two one-hour calls at the same UTC time of day, 09:00 local on the Friday: on the Monday
        // that is 10:00 where clocks went forward (inside the working day), 08:00 where they went
        // back (Sydney in April: outside), 09:00 in Kampala.
        func call(_ id: String, _ date: String, _ utc: String) -> String {
            let instant = CivilDateTime(iso: String(utc.prefix(16)))!.secondsAsIfUTC
            let wall = ZoneClock.wallTime(at: instant, in: zone)!
            let end = ZoneClock.wallTime(at: instant + 3_600, in: zone)!
            return SchedulingFixtures.timed(id, venue: "call", start: wall.description, end: end.description,
                                            invite: "[{person: officer, role: required}]")
        }
        let mondayAtFridayTime = String(after.prefix(11)) + String(before.dropFirst(11))
        let text = Self.plan(zone: zone, events: call("friday-call", friday, before) + call("monday-call", monday, mondayAtFridayTime))
        let flagged = try PlanFixtures.findings(text).filter { $0.rule == "outside-working-hours" }.flatMap(\.subjects).map(\.description)
        let shift = CivilDateTime(iso: String(after.prefix(16)))!.secondsAsIfUTC - CivilDateTime(iso: String(mondayAtFridayTime.prefix(16)))!.secondsAsIfUTC
        #expect(!flagged.contains("event:friday-call"), "\(zone)")
        #expect(flagged.contains("event:monday-call") == (shift > 0), "\(zone) \(flagged)")
    }
}
