import Foundation

/// What a representation report reads from a workspace: the plan, the imported replies and the
/// attendance records. The three are read at the same time (each on its own thread, each
/// spreading its own pieces over the cores), so that the cores stay busy until all are read.
public struct ReportInputs: Sendable {
    public var index: PlanIndex
    public var replies: ReplyBook
    public var attendance: AttendanceBook

    public init(index: PlanIndex, replies: ReplyBook, attendance: AttendanceBook) {
        self.index = index
        self.replies = replies
        self.attendance = attendance
    }

    /// One of the three reads.
    private enum Part: Sendable {
        case index(Result<PlanIndex, any Error>)
        case replies(Result<ReplyBook, any Error>)
        case attendance(Result<AttendanceBook, any Error>)
    }

    /// Reads the workspace; a problem in the plan is reported before one in the records.
    public static func load(workspace: URL, planLoader: PlanLoader) throws -> ReportInputs {
        let parts = Parallel.map(count: 3, workers: 3) { job -> Part in
            switch job {
            case 0: .index(Result { PlanIndex(try planLoader.load(workspace: workspace)) })
            // Only replies to each event's current invitation count (a rescheduled event asks again).
            case 1: .replies(Result { try WorkspaceRecords.load(workspace: workspace).currentReplies })
            default: .attendance(Result { try AttendanceBook.load(workspace: workspace) })
            }
        }
        guard case .index(let index) = parts[0], case .replies(let replies) = parts[1], case .attendance(let attendance) = parts[2] else {
            preconditionFailure("the three parts come back in order")
        }
        return ReportInputs(index: try index.get(), replies: try replies.get(), attendance: try attendance.get())
    }
}
