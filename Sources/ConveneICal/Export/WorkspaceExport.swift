import ConveneCore
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
        let workspace = URL(fileURLWithPath: path)
        let expander = LibicalRecurrenceExpander()
        let plan = try PlanLoader(expander: expander).load(workspace: workspace)
        var records = try WorkspaceRecords.load(workspace: workspace)
        let result = WorkspaceExporter(plan: plan, replies: records.replies, expander: expander, now: now)
            .export(previous: records.exports, parts: parts, progress: { progress?("events", $0, $1) })
        let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.appendingPathComponent(defaultFolder)

        var written: [String] = [], unchanged = 0
        let total = result.files.count
        for (number, (relative, data)) in result.files.sorted(by: { $0.key < $1.key }).enumerated() {
            if (number + 1) % 1000 == 0 { progress?("files", number + 1, total) }
            let url = folder.appendingPathComponent(relative)
            if FileManager.default.contents(atPath: url.path) == data { unchanged += 1; continue }
            try AtomicFile.write(data, to: url)
            written.append(relative)
        }
        // Our own folders hold only what this export produced: remove stale .ics files there.
        var removed: [String] = []
        for sub in managedFolders(parts) {
            let base = folder.appendingPathComponent(sub)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "ics" {
                let relative = sub + "/" + url.path.dropFirst(base.path.count + 1)
                if result.files[relative] == nil {
                    try FileManager.default.removeItem(at: url)
                    removed.append(relative)
                }
            }
        }
        records.exports = result.ledger
        try records.save(workspace: workspace)
        return Summary(outputFolder: folder.path, written: written, unchanged: unchanged, removed: removed.sorted(),
                       added: result.added, updated: result.updated, cancelled: result.cancelled)
    }

    private static func managedFolders(_ parts: ExportParts) -> [String] {
        var folders: [String] = []
        if parts.contains(.invitations) { folders.append("invitations") }
        if parts.contains(.vdir) { folders.append("vdir") }
        if parts.contains(.feeds) { folders.append("feeds") }
        return folders
    }
}
