import Foundation

/// What a representation report reads from a workspace: the plan, the imported replies and the
/// attendance records. The plan is read on one core while the records are read on another.
public struct ReportInputs: Sendable {
    public var index: PlanIndex
    public var replies: ReplyBook
    public var attendance: AttendanceBook

    public init(index: PlanIndex, replies: ReplyBook, attendance: AttendanceBook) {
        self.index = index
        self.replies = replies
        self.attendance = attendance
    }

    /// Reads the workspace; a problem in the plan is reported before one in the records.
    public static func load(workspace: URL, planLoader: PlanLoader) throws -> ReportInputs {
        nonisolated(unsafe) var records: Result<(ReplyBook, AttendanceBook), any Error>?
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            // Only replies to each event's current invitation count (a rescheduled event asks again).
            records = Result { (try WorkspaceRecords.load(workspace: workspace).currentReplies, try AttendanceBook.load(workspace: workspace)) }
        }
        let plan = Result { try planLoader.load(workspace: workspace) }
        group.wait()
        let index = PlanIndex(try plan.get())
        guard let (replies, attendance) = try records?.get() else { preconditionFailure("records were read") }
        return ReportInputs(index: index, replies: replies, attendance: attendance)
    }
}
