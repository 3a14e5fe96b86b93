import Foundation

/// Read-change-write of tool-owned records under the records lock: the records are read after
/// the lock is taken, so a command run at the same time cannot have changed them in between,
/// and written before it is released.
extension WorkspaceRecords {
    /// Reads the records under the lock, lets `change` modify them, and saves them.
    public static func update<T>(workspace: URL, _ change: (inout WorkspaceRecords) throws -> T) throws -> T {
        try RecordsLock.hold(workspace: workspace) {
            var records = try load(workspace: workspace)
            let result = try change(&records)
            try records.save(workspace: workspace)
            return result
        }
    }
}

extension AttendanceBook {
    /// Reads the book under the lock, lets `change` modify it, and saves it (unless `save` is false,
    /// for a dry run).
    public static func update<T>(workspace: URL, save: Bool = true, _ change: (inout AttendanceBook) throws -> T) throws -> T {
        try RecordsLock.hold(workspace: workspace) {
            var book = try load(workspace: workspace)
            let result = try change(&book)
            if save { try book.save(workspace: workspace) }
            return result
        }
    }
}

extension ProposalBook {
    /// Reads the proposals under the lock, lets `change` modify them, and saves them; returns
    /// whether the file changed.
    public static func update(workspace: URL, _ change: (inout ProposalBook) throws -> Void) throws -> Bool {
        try RecordsLock.hold(workspace: workspace) {
            var book = try load(workspace: workspace)
            try change(&book)
            return try book.save(workspace: workspace)
        }
    }
}
