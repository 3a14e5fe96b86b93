import ConveneCore
import Foundation

// convene-suggest-bench: times `convene suggest`'s search on the issue's workload.
//
//   swift build -c release --product convene-suggest-bench
//   .build/release/convene-suggest-bench [--runs 15] [--required 300] [--per-person 125,250,500]
//
// For each busy load (occurrences per person over a year), a virtual all-hands for the required
// invitees in five time zones, 15-minute grain, the 5 best slots in a 3-month window:
//   search    SlotFinder(context:) + suggest: grouping every booking by person, one start set per
//             person (and deputy), working hours per zone, quorum, intersection, ranking;
//   suggest   the same with the bookings already grouped (reusing a SlotFinder);
//   no slot   the same search when nothing fits, including the report of what blocks it;
//   context   CheckContext (expanding the plan and working out who attends each event): paid once by
//             every command, not part of the search.
// Each figure is the median of --runs runs; "per booking" divides the search by the bookings.

func option(_ name: String) -> String? {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count else { return nil }
    return CommandLine.arguments[i + 1]
}

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let runs = max(1, Int(option("--runs") ?? "") ?? 15)
let required = Int(option("--required") ?? "") ?? 300
let loads = (option("--per-person") ?? "125,250,500").split(separator: ",").compactMap { Int($0) }
let today = CivilDate(year: 2027, month: 1, day: 4)
let request = SlotRequest(eventID: SuggestWorkload.eventID, count: 5, today: today)

print("workload: virtual all-hands, \(required) required invitees (every sixth with a deputy) + 30 optional in "
    + "\(SuggestWorkload.zones.count) zones (\(SuggestWorkload.zones.joined(separator: ", "))), 1 h, 15-min grain, "
    + "window \(SuggestWorkload.window.0) to \(SuggestWorkload.window.1), 5 best slots; median of \(runs) runs")
print("per person  bookings  people   context ms   search ms  suggest ms  no-slot ms  search ns/booking  slots found")
for perPerson in loads {
    let workload = SuggestWorkload(required: required, perPerson: perPerson)
    let blocked = SuggestWorkload(required: required, perPerson: perPerson, focusTime: false)
    var context: CheckContext!
    let contextTimes = try (0..<max(3, runs / 3)).map { _ in
        try milliseconds {
            context = try CheckContext(plan: workload.plan, options: CheckOptions(today: today), busy: workload.busy, expander: NoRecurrence())
        }
    }
    let blockedContext = try CheckContext(plan: blocked.plan, options: CheckOptions(today: today), busy: blocked.busy, expander: NoRecurrence())
    var result: SuggestResult!
    let search = try (0..<runs).map { _ in try milliseconds { result = try SlotFinder(context: context).suggest(request) } }
    let finder = SlotFinder(context: context)
    let suggest = try (0..<runs).map { _ in try milliseconds { _ = try finder.suggest(request) } }
    var none: SuggestResult!
    let noSlot = try (0..<runs).map { _ in try milliseconds { none = try SlotFinder(context: blockedContext).suggest(request) } }
    precondition(none.slots.isEmpty && none.blocking != nil, "the blocked workload should have no slot")
    let slots = result.slots.map { "\($0.start.suffix(16))" }.joined(separator: " ")
    print(String(format: "%10d  %8d  %6d  %11.1f  %10.1f  %10.1f  %10.1f  %17.0f", perPerson, workload.bookings, workload.plan.people.count,
                 median(contextTimes), median(search), median(suggest), median(noSlot), median(search) * 1e6 / Double(workload.bookings))
        + "  \(result.slots.count): \(slots)")
}
