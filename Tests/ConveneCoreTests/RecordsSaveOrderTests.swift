import Foundation
import Testing
@testable import ConveneCore

/// `WorkspaceRecords.save(workspace:beforeReplacing:)`: an export waits in `beforeReplacing` for
/// its files to reach the disk, so no record file may take its place before it returns, and every
/// one must after it. The bytes are written before (to a temporary file beside the record), so
/// that writing them overlaps the wait.
@Suite struct RecordsSaveOrderTests {
    @Test func nothingTakesItsPlaceBeforeTheHookReturns() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("convene-save-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let folder = workspace.appendingPathComponent("records")
        let exports = folder.appendingPathComponent(WorkspaceRecords.exportsFile)
        var records = WorkspaceRecords()
        records.exports.entries["e1"] = .init(uid: "e1@w", sequence: 0, fingerprint: "f", contentHash: "h", dtstamp: "20241015T060000Z",
                                              cancellationLines: ["SUMMARY:One"])
        var calls = 0
        var written: [String: Int] = [:]
        try records.save(workspace: workspace, beforeReplacing: {
            calls += 1
            #expect(!FileManager.default.fileExists(atPath: exports.path), "the history took its place before the hook returned")
            // Besides the records lock the save holds.
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != RecordsLock.fileName {
                written[name] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int
            }
        })
        #expect(calls == 1)
        #expect(try WorkspaceRecords.load(workspace: workspace).exports == records.exports)
        // Its bytes were all in a temporary file beside it while the hook ran.
        let size = try FileManager.default.attributesOfItem(atPath: exports.path)[.size] as? Int
        #expect(written.count == 1 && written.values.first == size, "\(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [WorkspaceRecords.exportsFile])

        // A hook that fails stops the save: the history on disk stays as it was, and the
        // temporary file is removed.
        var changed = records
        changed.exports.entries["e1"]?.sequence = 1
        struct Refused: Error {}
        #expect(throws: Refused.self) { try changed.save(workspace: workspace, beforeReplacing: { throw Refused() }) }
        #expect(try WorkspaceRecords.load(workspace: workspace).exports == records.exports)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [WorkspaceRecords.exportsFile])
    }
}
