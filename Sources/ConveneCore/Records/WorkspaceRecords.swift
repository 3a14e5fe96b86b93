import Foundation

/// What the tool records in a workspace, kept apart from the hand-written plan in `records/`:
/// replies from attendees and the busy time imported from people's own calendars.
public struct WorkspaceRecords: Sendable, Hashable {
    /// The folder, inside the workspace, of tool-owned files.
    public static let folderName = "records"

    public var replies: ReplyBook
    public var busy: [BusyInterval]
    public var exports: ExportLedger

    public init(replies: ReplyBook = ReplyBook(), busy: [BusyInterval] = [], exports: ExportLedger = ExportLedger()) {
        self.replies = replies
        self.busy = busy
        self.exports = exports
    }

    static let repliesFile = "replies.json"
    static let busyFile = "busy.json"
    static let exportsFile = "exports.json"

    /// Reads the records; a workspace without them has none.
    public static func load(workspace: URL) throws -> WorkspaceRecords {
        let folder = workspace.appendingPathComponent(folderName)
        let records = WorkspaceRecords(
            replies: try read(ReplyBook.self, folder.appendingPathComponent(repliesFile)) ?? ReplyBook(),
            busy: try read([BusyInterval].self, folder.appendingPathComponent(busyFile)) ?? [],
            exports: try read(ExportLedger.self, folder.appendingPathComponent(exportsFile)) ?? ExportLedger())
        try RecordsCheck.check(records.exports, file: PlanLoader.displayPath(folder.appendingPathComponent(exportsFile)))
        return records
    }

    /// Only the imported replies (what reports read).
    public static func loadReplies(workspace: URL) throws -> ReplyBook {
        try read(ReplyBook.self, workspace.appendingPathComponent(folderName).appendingPathComponent(repliesFile)) ?? ReplyBook()
    }

    /// Writes the records that hold anything, each to a temporary name then renamed into place
    /// (``AtomicFile``), holding the records lock; a file whose content would not change is not
    /// touched. To change records, use ``update(workspace:_:)``, which reads them under the lock.
    /// - Parameter beforeReplacing: runs once every file's bytes are written to its temporary file
    ///   (or found unchanged), before any takes the place of the file there: an export waits there
    ///   for its files to reach the disk, flushed while the history is encoded and written, so
    ///   that the history never names a file the disk does not hold yet.
    public func save(workspace: URL, beforeReplacing: () throws -> Void = {}) throws {
        try RecordsLock.hold(workspace: workspace) {
            let folder = Self.folderName + "/"
            let files = [(try replies.recordPieces(), Self.repliesFile, replies.replies.isEmpty),
                         (try busy.recordPieces(), Self.busyFile, busy.isEmpty),
                         (try exports.recordPieces(), Self.exportsFile, exports.entries.isEmpty)]
            var prepared: [AtomicFileWriter] = []
            for (pieces, name, empty) in files {
                if let writer = try AtomicFile.prepare(pieces: pieces, to: folder + name, in: workspace, skipEmpty: empty) { prepared.append(writer) }
            }
            try beforeReplacing()
            for writer in prepared { try writer.finish() }
        }
    }
}
