import ConveneCore
import Dispatch
import Foundation

/// `convene export` as one call: load the plan and records, export, write every file atomically,
/// remove files of ours that no longer belong, and record the export history.
public enum WorkspaceExport {
    public struct Summary: Sendable, Codable {
        public var outputFolder: String
        public var written: [String]
        public var unchanged: Int
        public var removed: [String]
        public var added: [String]
        public var updated: [String]
        public var cancelled: [String]
    }

    /// The default output folder inside a workspace.
    public static let defaultFolder = "export"

    /// - Parameter progress: reports (step, done, total) on long exports, e.g. to draw a progress line.
    public static func run(workspace path: String, out: String?, now: UnixSeconds,
                           parts: ExportParts = .all,
                           progress: ((String, Int, Int) -> Void)? = nil) throws -> Summary {
        // The export history is read, extended and written under the records lock: an import
        // or attend run at the same time waits, and loses nothing.
        try RecordsLock.hold(workspace: URL(fileURLWithPath: path)) {
            try runHoldingLock(workspace: path, out: out, now: now, parts: parts, progress: progress)
        }
    }

    private static func runHoldingLock(workspace path: String, out: String?, now: UnixSeconds, parts: ExportParts,
                                       progress: ((String, Int, Int) -> Void)?) throws -> Summary {
        let workspace = URL(fileURLWithPath: path)
        let expander = LibicalRecurrenceExpander()
        let exported: Leftover<Plan>
        var result: ExportResult
        var records: WorkspaceRecords
        let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.appendingPathComponent(defaultFolder)
        do {
            let plan = try PlanLoader(expander: expander).load(workspace: workspace)
            records = try WorkspaceRecords.load(workspace: workspace)
            // A managed folder that is a symbolic link is refused before anything is written.
            for sub in managedFolders(.all) { _ = try SafeFolder.open(root: folder.path, relative: sub, create: false) }
            let exporter = WorkspaceExporter(plan: plan, replies: records.replies, expander: expander, now: now)
            result = try exporter.export(previous: records.exports, parts: parts, to: folder, progress: progress)
            exported = Leftover(plan)
        }

        // Our own folders hold only what this export produced: remove stale .ics files there.
        var removed: [String] = []
        for sub in managedFolders(parts) {
            guard let managed = try SafeFolder.open(root: folder.path, relative: sub, create: false) else { continue }
            try removeStale(in: managed, relative: sub, keeping: result.produced, removed: &removed)
        }
        // Every exported file is on disk before the history says it was exported: the file system
        // is flushed on another thread while the history is encoded and written to its temporary
        // file, which replaces the history only once the flush is done.
        let flushed = DispatchGroup()
        if let root = try SafeFolder.open(root: folder.path, create: false) {
            DispatchQueue.global(qos: .userInitiated).async(group: flushed) { AtomicFileWriter.syncFileSystem(of: root) }
        }
        records.exports = result.ledger
        result.ledger = ExportLedger()
        try records.save(workspace: workspace, beforeReplacing: { flushed.wait() })
        let written = Leftover(records.exports)
        records.exports = ExportLedger()
        // Freed only now: freeing 20 000 events beside the encoding of the history slowed it.
        exported.letGo()
        written.letGo()
        return Summary(outputFolder: folder.path, written: result.written, unchanged: result.unchanged, removed: removed.sorted(),
                       added: result.added, updated: result.updated, cancelled: result.cancelled)
    }

    private static func managedFolders(_ parts: ExportParts) -> [String] {
        var folders: [String] = []
        if parts.contains(.invitations) { folders.append("invitations") }
        if parts.contains(.vdir) { folders.append("vdir") }
        if parts.contains(.feeds) { folders.append("feeds") }
        return folders
    }

    /// Removes every `.ics` file under `folder` whose path is not in `keeping`, looking into
    /// sub-folders but never through symbolic links (a link is removed, not followed), and the
    /// temporary files killed runs left behind.
    private static func removeStale(in folder: SafeFolder, relative: String, keeping: Set<String>, removed: inout [String]) throws {
        folder.removeStaleTemporaries()
        for name in folder.names() {
            let path = relative + "/" + name
            if folder.isFolder(name) {
                guard let inner = try folder.subfolder(name, create: false) else { continue }
                try removeStale(in: inner, relative: path, keeping: keeping, removed: &removed)
            } else if name.hasSuffix(".ics") && name.count > 4 && !keeping.contains(path) {
                try folder.removeFile(name)
                removed.append(path)
            }
        }
    }
}
