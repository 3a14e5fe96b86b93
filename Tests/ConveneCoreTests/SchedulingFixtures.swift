import Foundation
@testable import ConveneCore

/// Small plans for the scheduler, in the same YAML people write, on top of ``PlanFixtures``.
enum SchedulingFixtures {
    /// A scheduled event (venue-local times).
    static func timed(_ id: String, venue: String = "kampala", start: String, end: String,
                      invite: String = "[{person: regina, role: required}]", extra: String = "") -> String {
        """
          - id: \(id)
            kind: workshop
            title: \(id.capitalized)
            venue: \(venue)
            start: \(start)
            end: \(end)
            invite: \(invite)
        \(extra.isEmpty ? "" : extra + "\n")
        """
    }

    /// An event still to be placed.
    static func pending(_ id: String, venue: String = "nansana-hall", duration: String, window: (String, String),
                        invite: String = "[{person: regina, role: required}]", extra: String = "") -> String {
        """
          - id: \(id)
            kind: working-group-meeting
            title: \(id.capitalized)
            venue: \(venue)
            duration: \(duration)
            window: [\(window.0), \(window.1)]
            invite: \(invite)
        \(extra.isEmpty ? "" : extra + "\n")
        """
    }

    /// Busy time from an imported calendar, between two UTC wall times.
    static func busy(_ person: String, _ from: String, _ to: String) -> BusyInterval {
        BusyInterval(personID: person, span: TimeSpan(start: CivilDateTime(iso: from)!.secondsAsIfUTC, end: CivilDateTime(iso: to)!.secondsAsIfUTC),
                     source: "\(person)-calendar.ics")
    }

    static func context(_ text: String, busy: [BusyInterval] = [], replies: ReplyBook = ReplyBook()) throws -> CheckContext {
        try CheckContext(plan: try PlanFixtures.load(text), options: CheckOptions(today: CivilDate(iso: "2024-06-01")!),
                         replies: replies, busy: busy, expander: SingleOccurrenceExpander())
    }

    /// `convene suggest` on a plan.
    static func suggest(_ text: String, event: String, busy: [BusyInterval] = [], count: Int = 5, prefer: String? = nil,
                        between: (String, String)? = nil) throws -> SuggestResult {
        let range = between.map { CivilDate(iso: $0.0)!...CivilDate(iso: $0.1)! }
        return try SlotFinder(context: try context(text, busy: busy)).suggest(
            SlotRequest(eventID: event, between: range, count: count, prefer: prefer.flatMap(CivilDate.init(iso:)),
                        today: CivilDate(iso: "2024-06-01")!))
    }

    /// The plan text with the event's `duration:` and `window:` lines replaced by the slot's start and
    /// end, and `stand-in:` added to the invitations of those a deputy stands in for: what a person
    /// pastes into `plan.yaml`.
    static func write(_ slot: SlotSuggestion, into text: String, event: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(of: "  - id: \(event)") else { return text }
        var i = first + 1
        while i < lines.count, lines[i].hasPrefix("    ") {
            if lines[i].hasPrefix("    duration:") {
                lines[i] = "    start: \(slot.start)\n    end: \(slot.end)"
            } else if lines[i].hasPrefix("    window:") {
                lines[i] = ""
            } else if lines[i].hasPrefix("    invite:") {
                for standIn in slot.standIns {
                    let written = "{person: \(standIn.onBehalfOf), role: required}"
                    let line = "{person: \(standIn.onBehalfOf), role: required, stand-in: \(standIn.personID)}"
                    lines[i] = lines[i].contains(written) ? lines[i].replacingOccurrences(of: written, with: line)
                        : lines[i].replacingOccurrences(of: "]", with: ", \(line)]")
                }
            }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    /// Errors `convene check` (every rule) finds once the slot is written into the plan.
    static func errorsOnceWritten(_ slot: SlotSuggestion, into text: String, event: String,
                                  busy: [BusyInterval] = []) throws -> [Finding] {
        try PlanFixtures.findings(write(slot, into: text, event: event), today: "2024-06-01", busy: busy).filter { $0.severity == .error }
    }
}
