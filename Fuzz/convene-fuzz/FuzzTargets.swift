import ConveneCore
import ConveneICal
import Foundation

/// The inputs Convene reads from people and other programs, each as one fuzzing target: bytes in,
/// any outcome but a crash, a hang or unbounded memory. `Scripts/fuzz.sh` runs them under
/// libFuzzer with AddressSanitizer; without libFuzzer this executable replays files through them.
enum FuzzTarget: String, CaseIterable {
    /// `plan.yaml` through the plan loader (Yams, the decoder and the validator with libical RRULEs).
    case plan
    /// A calendar file through `import` (busy time and replies) and `conflicts`.
    case ical
    /// A CSV sign-in sheet through the reader and the attendance matcher.
    case sheet

    /// Runs one input; errors are expected outcomes, only crashes and hangs are findings.
    func run(_ data: Data) {
        switch self {
        case .plan:
            guard let text = String(data: data, encoding: .utf8) else { return }
            _ = try? PlanLoader(expander: Self.expander).parse(text, file: "fuzz.yaml")
        case .ical:
            let input = CalendarInput(name: "fuzz.ics", bytes: [UInt8](data))
            _ = try? BusyCalendarImport.read(input, homeZone: "Europe/London", window: Self.window)
            _ = try? ReplyImport.read(input, plan: Self.samplePlan, ledger: ExportLedger())
        case .sheet:
            guard let sheet = try? SignInSheet.parse(data, file: "fuzz.csv"),
                  let event = try? AttendanceImporter.event("roundtable", in: Self.index) else { return }
            _ = try? AttendanceImporter.read(sheet, event: event, index: Self.index, acceptSuggestions: false)
        }
    }

    static let expander = LibicalRecurrenceExpander()
    static let window = TimeSpan(start: 1_700_000_000, end: 1_800_000_000)

    /// A small plan for replies and sign-in sheets to refer to (shared with the regression tests).
    static let samplePlan: Plan = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/conveneTests/Fixtures/fuzz/workspace/plan.yaml")
        return try! PlanLoader(expander: expander).parse(String(contentsOf: file, encoding: .utf8), file: "fuzz-plan.yaml")
    }()

    static let index = PlanIndex(samplePlan)
}
