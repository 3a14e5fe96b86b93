import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let folder = out.map { URL(fileURLWithPath: $0) } ?? workspace.appendingPathComponent(defaultFolder)
        let exporter = WorkspaceExporter(plan: plan, replies: records.replies, expander: expander, now: now)
        let result = try exporter.export(previous: records.exports, parts: parts, to: folder, progress: progress)

        // Our own folders hold only what this export produced: remove stale .ics files there.
        var removed: [String] = []
        for sub in managedFolders(parts) {
            try removeStale(in: folder.path + "/" + sub, relative: sub, keeping: result.produced, removed: &removed)
        }
        records.exports = result.ledger
        try records.save(workspace: workspace)
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

    /// Removes every `.ics` file (or folder) under `folder` whose path is not in `keeping`, looking
    /// into sub-folders but not through symbolic links.
    private static func removeStale(in folder: String, relative: String, keeping: Set<String>, removed: inout [String]) throws {
        guard let directory = opendir(folder) else { return }
        var names: [(name: String, isFolder: Bool)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
                var status = stat()
                isFolder = lstat(folder + "/" + name, &status) == 0 && (status.st_mode & mode_t(S_IFMT)) == mode_t(S_IFDIR)
            }
            names.append((name, isFolder))
        }
        closedir(directory)
        for (name, isFolder) in names {
            let path = relative + "/" + name
            if name.hasSuffix(".ics") && name.count > 4 && !keeping.contains(path) {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
                removed.append(path)
            } else if isFolder {
                try removeStale(in: folder + "/" + name, relative: path, keeping: keeping, removed: &removed)
            }
        }
    }
}
