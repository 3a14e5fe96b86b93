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
        return WorkspaceRecords(
            replies: try read(ReplyBook.self, folder.appendingPathComponent(repliesFile)) ?? ReplyBook(),
            busy: try read([BusyInterval].self, folder.appendingPathComponent(busyFile)) ?? [],
            exports: try read(ExportLedger.self, folder.appendingPathComponent(exportsFile)) ?? ExportLedger())
    }

    /// Only the imported replies (what reports read).
    public static func loadReplies(workspace: URL) throws -> ReplyBook {
        try read(ReplyBook.self, workspace.appendingPathComponent(folderName).appendingPathComponent(repliesFile)) ?? ReplyBook()
    }

    /// Writes the records that hold anything, each to a temporary name then renamed into place;
    /// a file whose content would not change is not touched.
    public func save(workspace: URL) throws {
        let folder = workspace.appendingPathComponent(Self.folderName)
        try AtomicFile.writeIfChanged(try replies.recordLines(), to: folder.appendingPathComponent(Self.repliesFile), skipEmpty: replies.replies.isEmpty)
        try AtomicFile.writeIfChanged(try busy.recordLines(), to: folder.appendingPathComponent(Self.busyFile), skipEmpty: busy.isEmpty)
        try AtomicFile.writeIfChanged(try exports.recordLines(), to: folder.appendingPathComponent(Self.exportsFile), skipEmpty: exports.entries.isEmpty)
    }
}

/// Writes files so that a reader sees the old content or the new, never half of either.
public enum AtomicFile {
    /// Writes only when the content differs from what is there (keeps timestamps and git quiet).
    /// With `skipEmpty`, a file that does not exist yet is not created.
    public static func writeIfChanged(_ data: Data, to url: URL, skipEmpty: Bool = false) throws {
        if let existing = FileManager.default.contents(atPath: url.path) {
            if existing == data { return }
        } else if skipEmpty {
            return
        }
        try write(data, to: url)
    }

    /// Writes `data` to a temporary file beside `url`, then renames it into place.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        if rename(temporary.path, url.path) != 0 {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, "errno": code])
        }
    }
}
