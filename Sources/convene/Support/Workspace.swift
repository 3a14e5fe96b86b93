import ConveneCore
import ConveneICal
import Foundation

/// Loading a workspace the same way in every command.
enum Workspace {
    static func loadPlan(_ path: String) throws -> Plan {
        try planLoader.load(workspace: URL(fileURLWithPath: path))
    }

    /// The plan loader, checking recurrence rules with libical.
    static var planLoader: PlanLoader { PlanLoader(expander: LibicalRecurrenceExpander()) }

    /// "1 country", "2 countries", "1 person", "1 series": the noun agreeing with the number.
    static func counted(_ number: String, _ plural: String) -> String {
        guard number == "1" else { return "\(number) \(plural)" }
        let singular = ["countries": "country", "people": "person", "series": "series"][plural]
            ?? (plural.hasSuffix("s") ? String(plural.dropLast()) : plural)
        return "1 \(singular)"
    }
}
