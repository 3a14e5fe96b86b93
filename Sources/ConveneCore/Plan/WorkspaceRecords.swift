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
    public func save(workspace: URL) throws {
        try RecordsLock.hold(workspace: workspace) {
            let folder = Self.folderName + "/"
            try AtomicFile.writeIfChanged(replies.jsonDocument, to: folder + Self.repliesFile, in: workspace, skipEmpty: replies.replies.isEmpty)
            try AtomicFile.writeIfChanged(busy.jsonDocument, to: folder + Self.busyFile, in: workspace, skipEmpty: busy.isEmpty)
            try AtomicFile.writeIfChanged(exports.jsonDocument, to: folder + Self.exportsFile, in: workspace, skipEmpty: exports.entries.isEmpty)
        }
    }

    /// Reads a tool-owned record file; nil when there is none. A damaged file is bad input that
    /// names the file, line and column.
    static func read<T: JSONRecordFile>(_ type: T.Type, _ file: URL, what: String = "record file",
                                        hint: String = "restore it from git (the workspace is meant to be kept in git)") throws -> T? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let shown = PlanLoader.displayPath(file)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw InputError([Diagnostic(location: SourceLocation(file: shown, line: 1), message: "cannot read tool-owned \(what): \(error.localizedDescription)",
                                         hint: "check that it is a file you may read")])
        }
        do {
            return try JSONReader.read(data) { try T(json: &$0) }
        } catch let error as JSONError {
            throw InputError([Diagnostic(location: SourceLocation(file: shown, line: error.line, column: error.column),
                                         message: "tool-owned \(what) is damaged: \(error.message)", hint: hint)])
        }
    }
}
