import Testing
@testable import ConveneCore

/// A small plan in the same YAML people write, with room for each test's events.
enum PlanFixtures {
    static let header = """
        workspace: test-nlc
        organizer: {name: Test Network, email: convenings@test.example}
        organisations:
          - {id: ug-nctc, name: National Counter Terrorism Centre, country: UG, level: national}
          - {id: nansana, name: Nansana Municipality, country: UG, level: local}
          - {id: youth-forum, name: Kampala Youth Forum, country: UG, sector: youth}
          - {id: fi-interior, name: Ministry of the Interior, country: FI, level: national}
          - {id: ca-psc, name: Public Safety Canada, country: CA, level: federal}
          - {id: bc-mps, name: BC Ministry of Public Safety, country: CA, level: provincial}
        people:
          - {id: regina, name: Regina Bakitte, email: regina@nansana.example, organisation: nansana, timezone: Africa/Kampala, deputy: deputy-mayor}
          - {id: deputy-mayor, name: Deputy Mayor, email: deputy@nansana.example, organisation: nansana, timezone: Africa/Kampala}
          - {id: nctc-director, name: NCTC Director, email: director@nctc.example, organisation: ug-nctc, timezone: Africa/Kampala}
          - {id: aino, name: Aino Virtanen, email: aino@intermin.example, organisation: fi-interior, timezone: Europe/Helsinki}
          - {id: sam, name: Sam Tremblay, email: sam@ps.example, organisation: ca-psc, timezone: America/Toronto, working-hours: {start: "09:00", end: "17:00"}}
          - {id: jo, name: Jo Singh, email: jo@bc.example, organisation: bc-mps, timezone: America/Vancouver}
        venues:
          - {id: kampala, name: Kampala Serena, city: Kampala, country: UG, timezone: Africa/Kampala, geo: [0.3163, 32.5822], capacity: 3}
          - {id: nansana-hall, name: Nansana Town Hall, city: Nansana, country: UG, timezone: Africa/Kampala, geo: [0.3639, 32.5286], capacity: 40}
          - {id: helsinki, name: Helsinki venue, city: Helsinki, country: FI, timezone: Europe/Helsinki, geo: [60.1699, 24.9384], capacity: 40}
          - {id: toronto, name: Toronto venue, city: Toronto, country: CA, timezone: America/Toronto, geo: [43.6532, -79.3832], capacity: 40}
          - {id: fpt-call, name: FPT video call, country: CA, timezone: America/Toronto, mode: virtual, url: https://meet.test.example/fpt}
        series:
          - {id: uganda-nlc, title: Uganda NLC, country: UG, cadence: {max-gap-months: 12}}

        """

    /// `header` followed by `events:` and the given event YAML (already indented by two spaces).
    static func plan(events: String, extra: String = "") -> String {
        header + extra + "events:\n" + events
    }

    static func load(_ text: String, expander: (any RecurrenceExpanding)? = nil) throws -> Plan {
        try PlanLoader(expander: expander).parse(text, file: "plan.yaml")
    }

    /// The diagnostics of plan files that must be refused (the first file is `plan.yaml`).
    static func problems(_ files: [(name: String, text: String)]) -> [Diagnostic] {
        do {
            _ = try PlanLoader().parse(files: files)
            Issue.record("expected the plan to be refused")
            return []
        } catch let error as InputError {
            return error.diagnostics
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    /// Loads and checks a plan with every rule, using an expander that only knows single events.
    static func findings(_ text: String, strict: Bool = false, today: String = "2026-11-27",
                         replies: ReplyBook = ReplyBook(), busy: [BusyInterval] = []) throws -> [Finding] {
        let plan = try load(text)
        let context = try CheckContext(plan: plan, options: CheckOptions(strict: strict, today: CivilDate(iso: today)!),
                                       replies: replies, busy: busy, expander: SingleOccurrenceExpander())
        return ConflictChecker().check(context)
    }
}

/// Expands nothing: enough for rules tested on one-off events (recurrence is tested with libical
/// in ConveneICalTests).
struct SingleOccurrenceExpander: RecurrenceExpanding {
    func problem(inRule rule: String) -> String? { nil }
    func occurrences(of request: RecurrenceRequest, startingIn window: TimeSpan) throws -> [TimeSpan] {
        let start = ZoneClock.instant(request.start, in: request.timeZone)!
        return [TimeSpan(start: start, end: start + request.durationSeconds)]
    }
}
