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

extension WorkspaceRecords {
    /// Read-change-write of another module's record file that is a list of records one a line
    /// (`records/sent.json`, `records/mail-read.json`) under the records lock: the list is read
    /// after the lock is taken, so records another command added meanwhile are kept, and written
    /// (unless unchanged, or still empty and never written) before the lock is released.
    public static func updateList<Record: ListedRecord, T>(_: Record.Type, named name: String, workspace: URL, what: String,
                                                           _ change: (inout [Record]) throws -> T) throws -> T {
        try RecordsLock.hold(workspace: workspace) {
            var records = try readList(Record.self, named: name, workspace: workspace, what: what)
            let result = try change(&records)
            try writeList(records, named: name, workspace: workspace, skipEmpty: true)
            return result
        }
    }
}
