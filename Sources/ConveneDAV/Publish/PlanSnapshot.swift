import ConveneCore
import ConveneICal
import Foundation

/// The plan as the vdir export renders it: one calendar object per scheduled event, the very bytes
/// `convene export` writes to `export/vdir/` (exported into a temporary folder and read back), each
/// with what libical reads in it. Publishing sends these bytes; pulling compares with them.
struct PlanSnapshot {
    struct Resource: Sendable {
        /// The vdir file name, used as the resource name on the server.
        var name: String
        var bytes: Data
        /// `StableHash` of the bytes.
        var hash: String
        var event: StoredEvent
        /// The plan event's id (the UID without the workspace suffix).
        var eventID: String
    }

    let plan: Plan
    var records: WorkspaceRecords
    /// Sorted by name.
    let resources: [Resource]

    /// Exports the vdir of `workspace` into a temporary folder and reads it back.
    /// - Parameter recordHistory: save the export history (SEQUENCE, DTSTAMP) as `convene export`
    ///   does, so what is published and what is later exported agree; pull leaves it alone.
    static func make(workspace: URL, now: UnixSeconds, recordHistory: Bool) throws -> PlanSnapshot {
        // The export history is read, extended and written under the records lock, as `export` does.
        guard recordHistory else { return try makeHoldingLock(workspace: workspace, now: now, recordHistory: false) }
        return try RecordsLock.hold(workspace: workspace) { try makeHoldingLock(workspace: workspace, now: now, recordHistory: true) }
    }

    private static func makeHoldingLock(workspace: URL, now: UnixSeconds, recordHistory: Bool) throws -> PlanSnapshot {
        let expander = LibicalRecurrenceExpander()
        let plan = try PlanLoader(expander: expander).load(workspace: workspace)
        var records = try WorkspaceRecords.load(workspace: workspace)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let exporter = WorkspaceExporter(plan: plan, replies: records.replies, expander: expander, now: now)
        let result = try exporter.export(previous: records.exports, parts: .vdir, to: folder)
        if recordHistory {
            records.exports = result.ledger
            try records.save(workspace: workspace)
        }
        let vdir = folder.appendingPathComponent("vdir")
        let names = try FileManager.default.contentsOfDirectory(atPath: vdir.path).filter { $0.hasSuffix(".ics") && !$0.hasPrefix(".") }.sorted()
        let suffix = "@\(plan.name).convene"
        let read = Parallel.map(names) { name -> Result<Resource, Error> in
            Result {
                let bytes = try Data(contentsOf: vdir.appendingPathComponent(name))
                let event = try StoredEvent.read(bytes, name: "export/vdir/" + name)
                let eventID = event.uid.hasSuffix(suffix) ? String(event.uid.dropLast(suffix.count)) : event.uid
                return Resource(name: name, bytes: bytes, hash: StableHash.hex(bytes), event: event, eventID: eventID)
            }
        }
        return PlanSnapshot(plan: plan, records: records, resources: try read.map { try $0.get() })
    }
}
