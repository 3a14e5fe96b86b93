import ConveneCore
import ConveneICal
import Testing

/// The plan's conflict rules over recurring events expanded by libical: DST edges in Helsinki
/// (March and October), EXDATE, and series kept alive by their occurrences.
@Suite("Rules over recurring plan events")
struct PlanRecurrenceRuleTests {
    static let plan = """
        workspace: recurrence-test
        organizer: {name: Test, email: t@test.example}
        organisations:
          - {id: fi-interior, name: Ministry of the Interior, country: FI, level: national}
          - {id: nansana, name: Nansana Municipality, country: UG, level: local}
        people:
          - {id: aino, name: Aino Virtanen, email: aino@intermin.example, organisation: fi-interior, timezone: Europe/Helsinki}
        venues:
          - {id: call, name: Weekly call, country: FI, timezone: Europe/Helsinki, mode: virtual, url: "https://meet.example/call"}
          - {id: kampala-call, name: Kampala call, country: UG, timezone: Africa/Kampala, mode: virtual, url: "https://meet.example/ug"}
        series:
          - {id: weekly, title: Weekly coordination, cadence: {max-gap-months: 2}}
        events:
          - id: weekly-call
            kind: working-group-meeting
            title: Weekly call
            series: weekly
            venue: call
            start: 2024-03-21T10:00
            end: 2024-03-21T11:00
            recurrence: {rule: "FREQ=WEEKLY;COUNT=6", except: [2024-04-04T10:00]}
            invite: [{person: aino, role: chair}]

        """

    func findings(_ extra: String, today: String = "2024-05-01") throws -> [Finding] {
        let expander = LibicalRecurrenceExpander()
        let plan = try PlanLoader(expander: expander).parse(Self.plan + extra, file: "plan.yaml")
        let context = try CheckContext(plan: plan, options: CheckOptions(today: CivilDate(iso: today)!), expander: expander)
        return ConflictChecker().check(context).filter { $0.rule == "person-double-booked" || $0.rule == "series-cadence" }
    }

    /// A one-off Kampala call at `start` (Kampala wall time, +03:00 all year) for one hour.
    func kampala(_ start: String, _ end: String) -> String {
        """
          - id: kampala-call-event
            kind: workshop
            title: Kampala call
            venue: kampala-call
            start: \(start)
            end: \(end)
            invite: [{person: aino, role: required}]

        """
    }

    @Test func helsinkiSpringForwardMovesTheUTCTime() throws {
        // 21 March: 10:00 EET = 08:00Z = 11:00 Kampala. 28 March: still EET. 4 April: excepted.
        // 11 April: 10:00 EEST = 07:00Z = 10:00 Kampala.
        let before = try findings(kampala("2024-03-28T11:00", "2024-03-28T11:30"))
        #expect(before.count == 1, "\(before)")
        let afterChange = try findings(kampala("2024-04-11T10:00", "2024-04-11T10:30"))
        #expect(afterChange.count == 1, "\(afterChange)")
        // The hour that would clash before the change does not after it.
        #expect(try findings(kampala("2024-04-11T11:00", "2024-04-11T11:30")).isEmpty)
    }

    @Test func anExceptedOccurrenceMakesNobodyBusy() throws {
        // 4 April 10:00 EEST is 10:00 Kampala: excepted, so no clash.
        #expect(try findings(kampala("2024-04-04T10:00", "2024-04-04T10:30")).isEmpty)
        // The week after is not excepted.
        #expect(try findings(kampala("2024-04-18T10:00", "2024-04-18T10:30")).count == 1)
    }

    @Test func helsinkiFallBackInOctober() throws {
        let october = Self.plan.replacingOccurrences(of: "2024-03-21", with: "2024-10-17")
            .replacingOccurrences(of: "except: [2024-04-04T10:00]", with: "except: []")
        let expander = LibicalRecurrenceExpander()
        // 24 October 10:00 EEST = 07:00Z; 31 October 10:00 EET = 08:00Z (= 11:00 Kampala).
        for (day, kampalaStart, clashes) in [("2024-10-24", "10:00", true), ("2024-10-31", "10:00", false), ("2024-10-31", "11:00", true)] {
            let plan = try PlanLoader(expander: expander).parse(october + kampala("\(day)T\(kampalaStart)", "\(day)T\(kampalaStart.prefix(2)):30"), file: "plan.yaml")
            let context = try CheckContext(plan: plan, options: CheckOptions(today: CivilDate(iso: "2024-12-01")!), expander: expander)
            let found = ConflictChecker().check(context).filter { $0.rule == "person-double-booked" }
            #expect(found.isEmpty != clashes, "\(day) \(kampalaStart)")
        }
    }

    @Test func aRecurringMeetingKeepsItsSeriesAlive() throws {
        // The last of six weekly calls is 25 April; two months later the series is silent.
        #expect(try findings("", today: "2024-06-01").isEmpty)
        #expect(try findings("", today: "2024-07-01").contains { $0.message.contains("silent since 2024-04-25") })
    }
}
