import Foundation
import Testing
@testable import ConveneCore

/// `WorkspaceRecords.save(workspace:beforeWriting:)`: an export waits in `beforeWriting` for its
/// files to reach the disk, so nothing of the records may be written before it returns, and
/// everything must be written after it.
@Suite struct RecordsSaveOrderTests {
    @Test func nothingIsWrittenBeforeTheHookReturns() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("convene-save-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let exports = workspace.appendingPathComponent("records/\(WorkspaceRecords.exportsFile)")
        var records = WorkspaceRecords()
        records.exports.entries["e1"] = .init(uid: "e1@w", sequence: 0, fingerprint: "f", contentHash: "h", dtstamp: "20241015T060000Z",
                                              cancellationLines: ["SUMMARY:One"])
        var calls = 0
        try records.save(workspace: workspace, beforeWriting: {
            calls += 1
            #expect(!FileManager.default.fileExists(atPath: exports.path), "the history was written before the hook returned")
        })
        #expect(calls == 1)
        #expect(try WorkspaceRecords.load(workspace: workspace).exports == records.exports)

        // A hook that fails stops the save: the history on disk stays as it was.
        var changed = records
        changed.exports.entries["e1"]?.sequence = 1
        struct Refused: Error {}
        #expect(throws: Refused.self) { try changed.save(workspace: workspace, beforeWriting: { throw Refused() }) }
        #expect(try WorkspaceRecords.load(workspace: workspace).exports == records.exports)
    }
}
