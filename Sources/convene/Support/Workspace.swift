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
}
