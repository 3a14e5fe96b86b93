import ConveneCore
import Foundation
import Testing
@testable import ConveneDAV

/// `records/caldav.json` is written through the workspace's one safe path: `records` is entered
/// without following a symbolic link, as for every other record file, so a link planted there
/// (here while the records lock is held, after the lock's own check) is refused and what it
/// points at stays untouched.
struct ServerRecordsPathTests {
    @Test func aRecordsFolderSwappedForASymbolicLinkIsRefusedAndNothingIsWrittenThrough() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-dav-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let workspace = root.appendingPathComponent("ws"), elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("records"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)

        var change = ServerRecords.Change()
        change.set(ServerRecords.Resource(collection: "https://dav.example.org/cal/", name: "one.ics", uid: "one@ws", etag: "\"e1\""))
        #expect {
            try ServerRecords.update(workspace: workspace) { _ in
                let records = workspace.appendingPathComponent("records")
                try FileManager.default.moveItem(at: records, to: root.appendingPathComponent("records-moved"))
                try FileManager.default.createSymbolicLink(at: records, withDestinationURL: elsewhere)
                return change
            }
        } throws: { error in
            "\(error)".contains("symbolic link") && "\(error)".contains("records")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == [])
    }

    @Test func theRecordsAreWrittenInTheWorkspacesRecordsFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("convene-dav-path-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var change = ServerRecords.Change()
        change.set(ServerRecords.Resource(collection: "https://dav.example.org/cal/", name: "one.ics", uid: "one@ws", etag: "\"e1\""))
        try ServerRecords.update(workspace: root, change)
        let text = try String(contentsOf: root.appendingPathComponent("records/caldav.json"), encoding: .utf8)
        #expect(text.contains("\"name\":\"one.ics\""), "\(text)")
        #expect(try ServerRecords.load(workspace: root).resources(in: "https://dav.example.org/cal/")["one.ics"]?.etag == "\"e1\"")
    }
}
